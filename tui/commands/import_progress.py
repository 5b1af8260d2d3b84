"""The progress bar of `gloss import`: on stderr, for imports long enough to wait for."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

MIN_FILES = 6
"""Fewer files are done before a bar would be worth reading."""


class ImportProgress:
    """Feeds a Rich progress bar from the importer's (done, total) calls.

    Shown only when the stream is a terminal (a pipe or a log file gets no
    redraw noise) and there are at least MIN_FILES files. The bar is transient:
    it disappears when the import ends, leaving the summary on its own. It
    shows counts only, never file names, which could hold markup or escapes.
    """

    def __init__(
        self, stream: TextIO | None = None, *, doing: str = "importing", unit: str = "files"
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._doing = doing  # `gloss reindex` shows "reindexing ... articles"
        self._unit = unit
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def __enter__(self) -> ImportProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def update(self, done: int, total: int) -> None:
        """The importer's progress callback; the first call decides whether to show a bar."""
        if self._progress is None:
            if total < MIN_FILES or not _is_terminal(self._stream):
                return
            self._progress = Progress(
                TextColumn(self._doing),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self._unit),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("import", total=total)
        if self._task is not None:
            self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            self._task = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
