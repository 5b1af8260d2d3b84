"""Real faults for the library tests: a full disk under a folder, a read-only mount, and a
`gloss` run by a user who may not write the library (chmod stops nobody when the tests
run as root)."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.data_paths import REPO

NOBODY = 65534
"""uid and gid of `nobody`: the child process's user when the tests run as root."""


def fill_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, free: int = 0) -> None:
    """From now on the disk under `folder` has `free` bytes left: os.write there writes
    what still fits, then fails with ENOSPC, as a full disk does."""
    real_write = os.write
    inside = str(folder.resolve()) + os.sep
    left = [free]

    def write(fd: int, data: bytes | memoryview) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if not target.startswith(inside):
            return real_write(fd, data)
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = real_write(fd, memoryview(data)[: left[0]])
        left[0] -= written
        return written

    monkeypatch.setattr(os, "write", write)


def use_up_inodes(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """From now on no new file can be made under `folder` (ENOSPC), as on a disk without
    a free inode; files that exist still open."""
    real_open = os.open
    inside = str(folder.resolve()) + os.sep

    def open_(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        new = flags & os.O_CREAT and dir_fd is None and not os.path.lexists(path)
        if new and os.path.abspath(path).startswith(inside):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", open_)


def files_under(folder: Path) -> dict[Path, bytes | None]:
    """Every file and folder below `folder`: a file's bytes, None for a folder."""
    found: dict[Path, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        found[path] = None if path.is_dir() else path.read_bytes()
    return found


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temp folder any user can enter (pytest's tmp_path sits in a 0700 folder)."""
    path = Path(tempfile.mkdtemp(prefix="gloss-test-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for root, dirs, _ in os.walk(path):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        shutil.rmtree(path)


def forbid_writes(folder: Path) -> None:
    """chmod 555 the folder and every folder in it (enough unless the reader is root)."""
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        path.chmod(0o555)


def gloss_as_other_user(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`gloss ARGS` in a child process that cannot write what it does not own.

    As anyone but root, the child runs as us and chmod alone stops it. Root
    ignores permission bits, so there the child runs as nobody, keeping only
    CAP_DAC_READ_SEARCH: it can read the interpreter wherever root installed it
    (under /root here) and every library file, but write nothing of root's.
    `home` must be writable by it.
    """
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): no unprivileged child")
        prefix = [
            setpriv,
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            "--inh-caps=-all,+dac_read_search",
            "--ambient-caps=-all,+dac_read_search",
        ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tui.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Opening `path` fails with EACCES, as after chmod 000 for anyone but root."""
    real_open = builtins.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and Path(file) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)


@contextmanager
def read_only_mount(source: Path, mounted: Path) -> Iterator[Path]:
    """`source` bind-mounted read-only at `mounted`: EROFS stops root too (root and mount(8)
    only; the test is skipped elsewhere)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    mounted.mkdir()
    bind = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.decode().strip()}")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(mounted)]
        subprocess.run(remount, check=True, capture_output=True)
        yield mounted
    finally:
        # Busy means a closed Library still holds a file of the folder (a mapped index):
        # an error here, not a mount left behind.
        subprocess.run(["umount", str(mounted)], check=True, capture_output=True)


def other_user_home(shared: Path) -> Path:
    """A home folder the child of gloss_as_other_user can write."""
    home = shared / "home"
    home.mkdir()
    home.chmod(0o777)
    return home
