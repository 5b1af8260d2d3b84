"""The crash-safe file write, shared by the library files, the index, exports and settings.

Write the new bytes to a synced temp file in the target's folder; the caller then
`os.replace`s it onto the target and syncs the folder (`replace_file` does all
three), so a crash leaves either the old file or the new one, never a mix.

Files are created as editors create them: 0666 less the user's umask, so a
library or an export can be read by whoever the user's umask lets read it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from pathlib import Path

READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
"""What a folder we may read but not write answers: read-only mount, or no permission."""
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
"""A full disk (or quota): writable once there is room, so each save says it, not the open."""


_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE_MODE = 0o666
"""Less the umask (the kernel applies it): tempfile.mkstemp's 0600 kept other users out."""


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new empty file `.<name>.<random>.tmp` beside `target`, open for writing."""
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _NEW_FILE_FLAGS, _NEW_FILE_MODE), tmp
        except FileExistsError:
            continue


def write_synced_temp(target: Path, data: bytes) -> tuple[Path, os.stat_result]:
    """A temp file beside `target` holding `data`, flushed to disk; removed again on failure."""
    fd, tmp = _create_temp(target)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp, st


def replace_file(target: Path, data: bytes) -> None:
    """Replace (or create) `target` with `data` atomically and durably; OSError if it cannot.

    The target is untouched on failure and no temp file is left behind.
    """
    tmp, _ = write_synced_temp(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; some platforms cannot open a folder, which is fine there."""
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


def write_problem(folder: Path, *subfolders: str) -> str | None:
    """None when files can be created in `folder` (made, with `subfolders`, if missing).

    Otherwise why not ("Permission denied", "Read-only file system"), when the
    folder exists: it can still be read. A full disk is not read-only: None too.
    Any other failure raises OSError.
    The probe is a real file created and removed, because only that answers
    for root (who ignores permission bits) and for read-only mounts alike.
    """
    try:
        for name in subfolders:
            (folder / name).mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".gloss-write-probe.", suffix=".tmp", dir=folder)
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRNOS and folder.is_dir():
            return exc.strerror or str(exc)
        if exc.errno in FULL_ERRNOS and folder.is_dir():
            return None
        raise
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None
