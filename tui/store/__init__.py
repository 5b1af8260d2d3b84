"""Crash-safe TinyDB storage for Gloss; the Library is the only way in.

Nothing outside this package imports TinyDB.
"""

from tui.store.errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    CorruptLibraryError,
    EntityCorrectionError,
    LibraryBusyError,
    LibraryError,
    LibraryReadOnlyError,
    NewerSchemaError,
    NoteNotFoundError,
)
from tui.store.library import Library
from tui.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AmbiguousIdError",
    "ArticleNotFoundError",
    "CorruptLibraryError",
    "EntityCorrectionError",
    "Library",
    "LibraryBusyError",
    "LibraryError",
    "LibraryReadOnlyError",
    "NewerSchemaError",
    "NoteNotFoundError",
]
