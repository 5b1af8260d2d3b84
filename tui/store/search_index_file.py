"""The search index's file, `search/index.bin` in the library folder.

The index is derived data: a missing, damaged or unwritable file is never an
error, only a reason to rebuild (and to keep the index in memory meanwhile).
Saves use the same temp file + fsync + rename pattern as the library's JSON
files, so a reader sees the old index or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from tui.search import IndexFormatError, SearchIndex

INDEX_DIR = "search"
INDEX_FILE = "index.bin"
_STALE_TEMP = 600.0
"""Seconds after which a temp file is a killed writer's leftover, not a save in progress."""


class SearchIndexFile:
    """Load, save and peek at the stamp of one library's search index."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_DIR / INDEX_FILE

    def stamp(self) -> Any:
        """The catalog stamp the saved index reflects; None when there is no usable file."""
        try:
            with open(self.path, "rb") as handle:
                first = handle.read(64)
                size = SearchIndex.head_size(first)
                if size > len(first):
                    first += handle.read(size - len(first))
            return SearchIndex.read_stamp(first)
        except (OSError, IndexFormatError):
            return None

    def load(self) -> SearchIndex | None:
        """The saved index, or None when it is missing or damaged."""
        try:
            return SearchIndex.from_bytes(self.path.read_bytes())
        except (OSError, IndexFormatError):
            return None

    def save(self, index: SearchIndex) -> bool:
        """Write atomically and durably; False (index kept in memory only) if the disk says no."""
        folder = self.path.parent
        tmp: str | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._sweep()
            data = index.to_bytes()
            fd, tmp = tempfile.mkstemp(prefix=f".{INDEX_FILE}.", suffix=".tmp", dir=folder)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
            tmp = None
            _fsync_dir(folder)
        except OSError:
            return False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        return True

    def _sweep(self) -> None:
        """Delete temp files of writers killed long ago (recent ones may be saves in progress)."""
        cutoff = time.time() - _STALE_TEMP
        for leftover in self.path.parent.glob(f".{INDEX_FILE}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform lets us open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
