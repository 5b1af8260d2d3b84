"""The files an import reads in a folder it is given, and what it leaves out and why.

Folders are walked recursively in a stable order; hidden entries and the
library's own folder are left out silently. A link is followed while it stays
inside the folder; one that leads out of it (`news/a.txt -> /etc/shadow`) is
skipped with its reason unless the user asked for links to be followed. A
named pipe, device or socket is skipped too: opening one can wait forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from tui.ingest.errors import IngestError
from tui.ingest.file_kind import not_a_file

LINK_OUT = "a link to outside the folder being imported (--follow-links imports it)"
BROKEN_LINK = "a link to nothing (its target is gone)"


class FolderWalk:
    """Walks folders for one import; `skipped` collects each entry left out with a reason."""

    def __init__(self, *, skip: Path | None = None, follow_links: bool = False) -> None:
        self.skipped: list[IngestError] = []
        self._skip = skip.resolve() if skip is not None else None
        self._follow_links = follow_links

    def files(self, folder: Path) -> Iterator[Path]:
        """Every file to read under `folder`, depth first in name order."""
        root = folder.resolve()
        if self._inside_skipped(root):
            return
        visited = {_identity(root.stat())}
        yield from self._walk(folder, root, visited)

    def _walk(self, folder: Path, root: Path, visited: set[tuple[int, int]]) -> Iterator[Path]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            self._leave_out(folder, f"cannot read this folder ({error.strerror or error})")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            found = self._stat(entry, path, root)
            if found is None:
                continue
            if stat.S_ISDIR(found.st_mode):
                if _identity(found) not in visited and not self._inside_skipped(path):
                    visited.add(_identity(found))  # a followed link may lead back: once each
                    yield from self._walk(path, root, visited)
            elif stat.S_ISREG(found.st_mode):
                yield path
            else:
                self._leave_out(path, not_a_file(found.st_mode))

    def _stat(self, entry: os.DirEntry[str], path: Path, root: Path) -> os.stat_result | None:
        """What the entry is, a link's target where it may be followed; None to leave it out."""
        if not entry.is_symlink():
            try:
                return entry.stat(follow_symlinks=False)
            except OSError:
                return None  # removed while the folder was read: nothing to say
        try:
            found = path.stat()
            target = path.resolve()
        except FileNotFoundError:
            self._leave_out(path, BROKEN_LINK)
            return None
        except OSError as error:
            reason = error.strerror or str(error)  # a loop of links, no permission
            self._leave_out(path, f"a link that cannot be followed ({reason})")
            return None
        inside = target.is_relative_to(root)
        if not inside and not self._follow_links:
            self._leave_out(path, LINK_OUT)
            return None
        if inside and stat.S_ISDIR(found.st_mode):
            return None  # a folder of this one: walked under its own name
        if self._inside_skipped(target):
            return None
        return found

    def _inside_skipped(self, path: Path) -> bool:
        """Inside the library's own folder (resolved only when there is one)."""
        return self._skip is not None and path.resolve().is_relative_to(self._skip)

    def _leave_out(self, path: Path, reason: str) -> None:
        self.skipped.append(IngestError(str(path), reason))


def _identity(found: os.stat_result) -> tuple[int, int]:
    return found.st_dev, found.st_ino
