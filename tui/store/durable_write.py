"""The two halves of a crash-safe file write, shared by the library files and the index.

Write the new bytes to a synced temp file in the target's folder; the caller then
`os.replace`s it onto the target and syncs the folder, so a crash leaves either
the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
