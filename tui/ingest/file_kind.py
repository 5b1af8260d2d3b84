"""What a path that is not a regular file is, in words for a one-line message."""

from __future__ import annotations

import stat

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What an `st_mode` is: "a named pipe", "a character device", ..., "a file"."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a file" if stat.S_ISREG(mode) else "not a regular file"


def not_a_file(mode: int) -> str:
    """Why Gloss does not read it: opening a pipe or device could wait forever, or worse."""
    return f"{file_kind(mode)}, not a file; not read"
