"""Errors the Library raises: each one a single line a user can act on.

They all derive from LibraryError, so the CLI and the app can catch one class
and print str(error) as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui.ingest.one_line_error import OneLineError


class LibraryError(OneLineError):
    """Something is wrong with the library; str() names the file and the reason."""


class ArticleNotFoundError(LibraryError):
    """No article has this id (or id prefix)."""

    def __init__(self, article_id: str, folder: Path, place: str = "library") -> None:
        self.article_id = article_id
        self.folder = folder
        super().__init__(f"no article {article_id!r} in {place} {folder}")


class AmbiguousIdError(LibraryError):
    """An id prefix matches more than one article."""

    def __init__(self, prefix: str, matches: Sequence[str], folder: Path) -> None:
        self.prefix = prefix
        self.matches = tuple(matches)
        self.folder = folder
        shown = ", ".join(self.matches[:5]) + (", ..." if len(self.matches) > 5 else "")
        super().__init__(
            f"{prefix!r} matches {len(self.matches)} articles in library {folder} ({shown}): "
            "type more characters of the id"
        )


class NoteNotFoundError(LibraryError):
    """No note has this id."""

    def __init__(self, note_id: str, folder: Path) -> None:
        self.note_id = note_id
        self.folder = folder
        super().__init__(f"no note {note_id!r} in library {folder}")


class EntityCorrectionError(LibraryError):
    """A correction that cannot be made or undone: the message says which and why."""


class NewerSchemaError(LibraryError):
    """The file was written by a newer Gloss; reading it could lose data, so we refuse."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"library {path} has schema {found}, this Gloss understands up to {supported}: "
            "upgrade Gloss"
        )


class CorruptLibraryError(LibraryError):
    """A library file could not be parsed; it has already been moved aside.

    The original bytes are at `moved_to`; `backup` is a copy of the last good
    version when one existed. The Library refuses to open rather than silently
    starting empty, but since the bad file is gone the next start works.
    """

    def __init__(self, path: Path, reason: str, moved_to: Path, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.moved_to = moved_to
        self.backup = backup
        if backup is not None:
            restore = (
                f"the previous version is at {backup} (copy it to {path} to restore it), "
                f"or start Gloss again to begin with an empty {path.name}"
            )
        else:
            restore = (
                f"no earlier version exists; start Gloss again to begin with an empty {path.name}"
            )
        super().__init__(
            f"library file {path} is unreadable ({reason}); moved it to {moved_to}; {restore}"
        )


class LibraryBusyError(LibraryError):
    """Another process held the library's lock for too long."""

    def __init__(self, lock_path: Path, seconds: float) -> None:
        self.lock_path = lock_path
        super().__init__(
            f"library is busy: could not lock {lock_path} within {seconds:g} s "
            "(another Gloss is writing to it)"
        )


class LibraryReadOnlyError(LibraryError):
    """The library folder cannot be written, so it was opened for reading only.

    Raised by every change (a note, a reading position, an import) instead of
    a half-done write; reading goes on working.
    """

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        self.reason = reason
        super().__init__(f"library {folder} is read-only ({reason}): changes cannot be saved")
