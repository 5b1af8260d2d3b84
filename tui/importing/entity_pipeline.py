"""Entities for an import's batches, found in helper processes while the next batch is stored.

Entity extraction is most of an import's time. Done in the importing process,
the recogniser's worker process sat idle while that process read files, wrote
the library and ran the rule layer: a 1,000-article import used about 1.3 of
2 cores. Here one helper process per core runs the same pipeline as
`extract_entities` (each on its share of a batch, without a worker of its
own), so the importing process only reads and stores, a batch or two ahead,
and every core stays busy.

An import of a single batch (a few files, the bundled articles) is extracted
in this process: starting helpers would cost more than it saves.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from types import TracebackType
from typing import Generic, TypeVar

from tui.entities import extract_entities, model_problem
from tui.entities.extractor import extract
from tui.entities.helper_pool import HelperPool
from tui.entities.recognizers import Recognizers
from tui.models import Article, Entity

# Entities per article (None: extraction failed, store nothing) and the model problem.
Extracted = tuple[list[list[Entity]] | None, str | None]
T = TypeVar("T")
_LOG = logging.getLogger(__name__)


class EntityPipeline(Generic[T]):
    """Batches in, (tag, articles, entities, problem) out, in the order they went in.

    `tag` is whatever the caller needs back with a batch (the importer passes
    how many files the batch finishes, for the progress bar).
    """

    def __init__(self, *, background: bool = True, ahead: int = 2) -> None:
        self._helpers = min(2, _usable_cores()) if background else 0
        self._ahead = ahead
        self._pool: HelperPool | None = None
        self._pending: deque[tuple[T, list[Article], list[Future[Extracted]]]] = deque()

    def __enter__(self) -> EntityPipeline[T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(at_once=exc_type is not None)

    def submit(self, tag: T, articles: Sequence[Article], *, more_coming: bool) -> None:
        """Queue a batch: to the helpers when more batches follow (or they already run)."""
        batch = list(articles)
        futures: list[Future[Extracted]] | None = None
        if batch and (self._pool is not None or (self._helpers > 1 and more_coming)):
            futures = self._submit_to_helpers(batch)
        if futures is None:
            done: Future[Extracted] = Future()
            done.set_result(_extract_here(batch))
            futures = [done]
        self._pending.append((tag, batch, futures))

    def finished(
        self, *, wait: bool = False
    ) -> Iterator[tuple[T, list[Article], list[list[Entity]] | None, str | None]]:
        """Batches whose entities are ready, oldest first; `wait` drains them all.

        Without `wait`, it still waits for the oldest while more than `ahead`
        batches are queued, so an import never runs far ahead of its entities.
        """
        while self._pending:
            tag, batch, futures = self._pending[0]
            ready = all(future.done() for future in futures)
            if not (wait or ready or len(self._pending) > self._ahead):
                return
            self._pending.popleft()
            entities, problem = self._result(batch, futures)
            yield tag, batch, entities, problem

    def close(self, *, at_once: bool = False) -> None:
        """Stop the helpers; batches still queued are dropped (their articles keep no entities).

        Normally the helpers finish the share in hand and exit. `at_once`
        (ctrl+c, SIGTERM, an error) stops them now. Either way they die with
        this process if it is killed (`HelperPool`).
        """
        for _, _, futures in self._pending:
            for future in futures:
                future.cancel()
        self._pending.clear()
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if at_once:
            pool.stop()
        else:
            pool.shutdown(wait=True, cancel_futures=True)

    def _submit_to_helpers(self, batch: list[Article]) -> list[Future[Extracted]] | None:
        """One interleaved share per helper, so both finish a batch at about the same time."""
        try:
            if self._pool is None:
                self._pool = HelperPool(self._helpers, _helper_init)
            pool = self._pool
            return [
                pool.submit(_extract_in_helper, batch[i :: self._helpers])
                for i in range(self._helpers)
            ]
        except Exception:  # cannot start processes here: extract in this one
            _LOG.debug("entity helper processes unavailable", exc_info=True)
            self._stop_helpers()
            return None

    def _result(self, batch: list[Article], futures: list[Future[Extracted]]) -> Extracted:
        if len(futures) == 1:
            shares = [self._share(batch, futures[0])]
        else:
            shares = [self._share(batch[i :: len(futures)], f) for i, f in enumerate(futures)]
        problem = next((problem for _, problem in shares if problem), None)
        if any(entities is None for entities, _ in shares):
            return None, problem
        merged: list[list[Entity]] = [[] for _ in batch]
        for i, (entities, _) in enumerate(shares):
            merged[i :: len(shares)] = entities or []
        return merged, problem

    def _share(self, articles: list[Article], future: Future[Extracted]) -> Extracted:
        try:
            return future.result()
        except Exception:  # a helper died (out of memory?): do its share here
            _LOG.debug("entity helper process failed", exc_info=True)
            self._stop_helpers()
            return _extract_here(articles)

    def _stop_helpers(self) -> None:
        self._helpers = 0
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _extract_here(articles: list[Article]) -> Extracted:
    """Entities found in this process; never raises, so one bad batch stops nothing."""
    if not articles:
        return [], None
    try:
        entities = extract_entities(articles)
    except Exception as error:
        return None, _failure(error)
    return entities, model_problem()


_helper_recognizers: Recognizers | None = None


def _helper_init() -> None:
    """In each helper: one thread, no worker of its own.

    Each helper is one core's worth of work already: a BLAS thread pool on top
    (OpenBLAS starts one thread per core) only makes the helpers fight over
    the cores (about 15% more CPU time). Set before spaCy imports numpy.
    """
    global _helper_recognizers
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    _helper_recognizers = Recognizers(parallel=False)


def _extract_in_helper(articles: list[Article]) -> Extracted:
    """extract_entities' pipeline on one share, with the helper's own single-process model."""
    recognizers = _helper_recognizers or Recognizers(parallel=False)
    try:
        entities = extract(articles, recognizers)
    except Exception as error:
        return None, _failure(error)
    return entities, recognizers.problem


def _failure(error: Exception) -> str:
    _LOG.debug("entity extraction failed", exc_info=True)
    reason = " ".join(str(error).split())[:120] or type(error).__name__
    return f"entities could not be extracted ({reason}): run `gloss reindex`"


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
