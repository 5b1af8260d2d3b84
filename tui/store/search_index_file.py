"""The search index's files: `search/index.bin` and `search/index.delta` in the library folder.

The main part is rewritten only now and then; each save in between writes the
small delta of what changed since (see SearchIndex), so indexing an import
batch into a big library does not rewrite a big file.

The index is derived data: a missing, damaged or unwritable file is never an
error, only a reason to rebuild (and to keep the index in memory meanwhile).
Saves use the same temp file + fsync + rename pattern as the library's JSON
files, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import mmap
import time
from pathlib import Path
from typing import Any, BinaryIO

import tui.search as tui_search
from tui.store.durable_write import replace_file

INDEX_DIR = "search"
INDEX_FILE = "index.bin"
DELTA_FILE = "index.delta"
_STALE_TEMP = 600.0
"""Seconds after which a temp file is a killed writer's leftover, not a save in progress."""


class SearchIndexFile:
    """Load, save and peek at the stamp of one library's search index."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_DIR / INDEX_FILE
        self.delta_path = folder / INDEX_DIR / DELTA_FILE

    def stamp(self) -> Any:
        """The catalog stamp the saved index reflects; None when there is no usable file."""
        main = _head(self.path)
        if main is None or main.get("kind") != "main":
            return None
        delta = _head(self.delta_path)
        if delta is not None and delta.get("generation") == main.get("generation"):
            return delta.get("stamp")
        return main.get("stamp")

    def load(self) -> tui_search.SearchIndex | None:
        """The saved index, or None when it is missing or damaged."""
        try:
            with open(self.path, "rb") as handle:
                main = _mapped(handle)
        except OSError:
            return None
        try:
            delta: bytes | None = self.delta_path.read_bytes()
        except OSError:
            delta = None
        try:
            return tui_search.SearchIndex.from_bytes(main, delta)
        except tui_search.IndexFormatError:
            return None

    def save(self, index: tui_search.SearchIndex) -> bool:
        """Write atomically and durably; False (index kept in memory only) if the disk says no.

        A delta when little changed since the main part on disk, else a new main part.
        """
        main = _head(self.path)
        if index.needs_main() or main is None or main.get("generation") != index.generation:
            if not self._write(self.path, index.to_bytes()):
                return False
            with contextlib.suppress(OSError):
                self.delta_path.unlink()  # it extends the old main part: ignored from now on
            return True
        return self._write(self.delta_path, index.delta_bytes())

    def _write(self, path: Path, data: bytes) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._sweep()
            replace_file(path, data)
        except OSError:
            return False
        return True

    def _sweep(self) -> None:
        """Delete temp files of writers killed long ago (recent ones may be saves in progress)."""
        cutoff = time.time() - _STALE_TEMP
        for leftover in self.path.parent.glob(".index.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def _mapped(handle: BinaryIO) -> bytes | mmap.mmap:
    """The file mapped into memory (read-only), or read when it cannot be (an empty file).

    Saves replace the file by renaming a new one over it, so a mapping always
    sees the version it was made of.
    """
    try:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return handle.read()


def _head(path: Path) -> dict[str, Any] | None:
    """A saved part's header, or None when it is missing or unreadable."""
    try:
        with open(path, "rb") as handle:
            first = handle.read(64)
            size = tui_search.SearchIndex.head_size(first)
            if size > len(first):
                first += handle.read(size - len(first))
        return tui_search.SearchIndex.read_head(first)
    except (OSError, tui_search.IndexFormatError):
        return None
