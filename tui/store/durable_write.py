"""The two halves of a crash-safe file write, shared by the library files and the index.

Write the new bytes to a synced temp file in the target's folder; the caller then
`os.replace`s it onto the target and syncs the folder, so a crash leaves either
the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
"""What a folder we may read but not write answers: read-only mount, or no permission."""
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
"""A full disk (or quota): writable once there is room, so each save says it, not the open."""


def write_synced_temp(target: Path, data: bytes) -> tuple[Path, os.stat_result]:
    """A temp file beside `target` holding `data`, flushed to disk; removed again on failure."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
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
