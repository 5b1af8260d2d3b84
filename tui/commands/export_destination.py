"""Where `gloss export --out` may write, checked before anything is written.

A mistyped path must not cost the user a file: an existing file is replaced
only with --force, a link, pipe, device or folder never (writing a regular file
over a link would cut it, over a pipe would drop whatever reads it), and a
missing parent folder is reported rather than created. Files are written through
the library's atomic writer, so an interrupted export leaves the old file whole.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

from tui.commands.user_error import UserError
from tui.ingest.file_kind import file_kind
from tui.store.durable_write import replace_file


def require_parent(path: Path) -> None:
    """The folder `path` goes in must exist: a missing one is more likely a typo than a wish."""
    if not path.parent.is_dir():
        raise UserError(f"{path}: the folder {path.parent} does not exist")


def prepare_folder(folder: Path) -> None:
    """A folder for one file per article: made if missing (its parent must exist)."""
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        raise UserError(
            f"{folder}: is {_kind(folder)}; a Markdown export to a folder writes one file per "
            "article (a path ending in .md is one file)"
        )
    require_parent(folder)
    try:
        folder.mkdir()
    except OSError as error:
        raise UserError(f"{folder}: cannot create the folder: {error.strerror or error}") from error


def write_files(files: Sequence[tuple[Path, str]], *, force: bool) -> None:
    """Write every file, or none when one of them may not be written."""
    existing = [path for path, _ in files if _may_replace(path)]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UserError(f"{existing[0]}: already exists{more}; --force replaces it")
    for path, text in files:
        try:
            replace_file(path, text.encode("utf-8"))
        except OSError as error:
            raise UserError(
                f"{path}: cannot write the export: {error.strerror or error}"
            ) from error


def _may_replace(path: Path) -> bool:
    """True for an existing regular file; False when nothing is there; else UserError."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        require_parent(path)
        return False
    except OSError as error:
        raise UserError(f"{path}: cannot check it: {error.strerror or error}") from error
    if stat.S_ISREG(mode):
        return True
    raise UserError(f"{path}: is {file_kind(mode)}; an export never replaces it (remove it first)")


def _kind(path: Path) -> str:
    return file_kind(path.lstat().st_mode)
