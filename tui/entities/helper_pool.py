"""Helper processes that never outlive Gloss: the entity helpers and the recogniser's worker.

A killed `gloss import` (kill -9, or SIGTERM before it was handled) used to
leave its two helpers (about 140 MB each) and multiprocessing's resource
tracker behind: a helper waits on a queue whose other end it holds itself,
so it never sees its parent go. Every worker started here asks the kernel to
kill it when its parent dies; the resource tracker then sees its pipe close
and exits as well.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, ParamSpec, TypeVar

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_POLL_SECONDS = 1.0
P = ParamSpec("P")
R = TypeVar("R")


class HelperPool(ProcessPoolExecutor):
    """Spawned workers (no fork of a threaded process) that die with this process.

    ctrl+c is this process's to handle: workers ignore it, from their first
    instruction on (a terminal sends it to every process of the job, and one
    arriving while a worker is still importing printed a traceback). The
    parent stops them itself (`stop`). Submit from the main thread: on Linux a
    worker dies with the thread that started it, and workers start on submit.
    """

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        )

    def submit(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        with _ctrl_c_held():  # a worker started now inherits the held signal
            return super().submit(fn, *args, **kwargs)

    def stop(self) -> None:
        """Stop the workers at once, busy or not (ctrl+c, SIGTERM, an error).

        Workers only compute: the parent does every write, so nothing is left
        half-written. concurrent.futures has no public way to stop busy
        workers; its call queue must also stop feeding them, or exiting waits
        forever on a full pipe.
        """
        processes = list((getattr(self, "_processes", None) or {}).values())
        call_queue = getattr(self, "_call_queue", None)
        if call_queue is not None:
            call_queue.cancel_join_thread()
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends, however it ends (kill -9 included).

    Linux: the kernel sends SIGKILL on the parent's death (PR_SET_PDEATHSIG),
    and a parent already gone before the request is checked right after.
    Elsewhere a daemon thread looks every second whether the parent changed.
    """
    if _kill_on_parent_death():
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # drops one held since the start, too
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT blocked in this thread: one that arrives meanwhile is delivered afterwards."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)
