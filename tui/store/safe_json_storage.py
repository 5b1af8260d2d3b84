"""A TinyDB storage that survives kill -9, power loss and other processes.

TinyDB's JSONStorage rewrites the file in place, so a crash mid-write leaves
half a file, and it never notices another process's writes. This one writes a
temp file and renames it over the target (a reader sees the old file or the new
one, never a mix), keeps the previous version as `<name>.bak`, and re-reads the
file only when its stat says it changed.

Because every write is atomic, a library file is never legitimately empty: an
empty one was truncated by something else, and is treated like any damaged file.
A damaged file is moved aside and refused, unless it can be made again from
other files (`rebuild`: the catalog, from the body shards).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.storages import Storage

from tui.store.durable_write import fsync_dir, write_synced_temp
from tui.store.errors import (
    CorruptLibraryError,
    LibraryBusyError,
    LibraryError,
    LibraryReadOnlyError,
)
from tui.store.schema import Tables

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another process's write before giving up with LibraryBusyError."""

_RACY_NS = 1_000_000_000
"""A file modified this recently may change again without its stat changing.

File timestamps tick coarsely (a few ms on Linux, up to seconds elsewhere) and
inode numbers get reused, so two quick writes can leave (inode, size, mtime)
as they were. Like git's "racily clean" index entries, a file read within this
window of its mtime is re-read next time instead of trusting the stat.
"""

_StatKey = tuple[int, int, int]
Rebuild = Callable[[str], Tables]
"""Makes a damaged file's tables again from other files; given the one line that says
what happened to the file (the rebuilder adds how it was rebuilt, and tells the user)."""


class _Unreadable(Exception):
    """The bytes on disk are not a TinyDB document (the message says why)."""


def _stat_key(st: os.stat_result) -> _StatKey:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _parse(raw: bytes) -> dict[str, dict[str, Any]]:
    """Bytes -> TinyDB tables; _Unreadable when they are not (an empty file included)."""
    if not raw:
        raise _Unreadable("the file is empty")
    if not raw.strip():
        raise _Unreadable("the file holds only blank space")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _Unreadable(f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _Unreadable(f"expected a JSON object, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _Unreadable(f"table {name!r} is not a JSON object")
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise _Unreadable(f"table {name!r} holds a document that is not a JSON object")
    return data


def _utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


class SafeJSONStorage(Storage):
    """Atomic, durable, multi-process-aware JSON storage for one TinyDB file.

    `lock` guards read-modify-write cycles on this file (`<name>.lock` next to
    it, or `lock_owner`'s: body shards share the catalog's lock). The storage itself
    only takes it to move a corrupt file aside; callers hold it around writes.

    `read_only` (the error to raise, naming the folder and why) makes every
    attempt to lock, and so to write, fail without touching the disk; a
    damaged file is then reported and left where it is.

    With `rebuild`, a damaged file is moved aside as always, but then made
    again and written in its place instead of being refused (in a read-only
    library, made again in memory only).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        lock_owner: SafeJSONStorage | None = None,
        read_only: LibraryReadOnlyError | None = None,
        rebuild: Rebuild | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._lock_owner = lock_owner
        self._lock: FileLock | None = None
        self.read_only = read_only
        self.rebuild = rebuild
        self._data: dict[str, dict[str, Any]] | None = None
        self._key: _StatKey | None = None  # stat of the file `_data` came from; None = re-read

    @property
    def lock(self) -> FileLock:
        """The owner's lock, else `<name>.lock` beside the file: made when first needed, as
        importing filelock is 8 ms of the reader's start and reading takes no lock."""
        if self._lock_owner is not None:
            return self._lock_owner.lock
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(f"{self.path}.lock")
        return self._lock

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file lock, turning a long wait into a LibraryBusyError."""
        if self.read_only is not None:
            raise LibraryReadOnlyError(self.read_only.folder, self.read_only.reason)
        from filelock import Timeout

        try:
            self.lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout as exc:
            raise LibraryBusyError(Path(self.lock.lock_file), LOCK_TIMEOUT) from exc
        except OSError as exc:
            raise LibraryError(f"cannot lock {self.lock.lock_file}: {exc.strerror}") from exc
        try:
            yield
        finally:
            self.lock.release()

    def read(self, keep: bool = True) -> dict[str, dict[str, Any]] | None:
        """The file's tables, or None when it is missing (a new library).

        The returned dict is cached and shared: treat it as read-only (TinyDB
        tables do; the Library copies before editing). `keep=False` does not
        cache what it parses: a scan over every shard must not hold them all.
        """
        while True:
            try:
                st = os.stat(self.path)
            except FileNotFoundError:
                self._data, self._key = None, None
                return None
            except OSError as exc:
                raise LibraryError(f"cannot read library file {self.path}: {exc.strerror}") from exc
            if self._key is not None and _stat_key(st) == self._key:
                return self._data
            try:
                with open(self.path, "rb") as handle:
                    st = os.fstat(handle.fileno())
                    raw = handle.read()
            except FileNotFoundError:
                continue  # replaced or moved between stat and open: look again
            except OSError as exc:
                raise LibraryError(f"cannot read library file {self.path}: {exc.strerror}") from exc
            try:
                data = _parse(raw)
            except _Unreadable as exc:
                if self.rebuild is None:
                    self._move_aside(raw, str(exc))  # raises unless the file changed meanwhile
                    continue
                rebuilt = self._rebuilt(raw, str(exc), st, self.rebuild)
                if rebuilt is None:
                    continue  # the file changed meanwhile: read it again
                return rebuilt
            if keep:
                self._remember(data, st)
            return data

    def stamp(self) -> _StatKey | None:
        """What identifies the file's current version; None when missing or too fresh to trust."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        if time.time_ns() - st.st_mtime_ns < _RACY_NS:
            return None
        return _stat_key(st)

    def _remember(self, data: dict[str, dict[str, Any]] | None, st: os.stat_result) -> None:
        self._data = data
        racy = time.time_ns() - st.st_mtime_ns < _RACY_NS
        self._key = None if racy else _stat_key(st)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically and durably, keeping the old one as .bak.

        On any failure the target is untouched, the temp file is removed and the
        cache is dropped (TinyDB may have modified the cached dict before writing).
        """
        self._key = None
        payload = orjson.dumps(data)
        folder = self.path.parent
        tmp: Path | None = None
        try:
            tmp, st = write_synced_temp(self.path, payload)
            if self.path.exists():
                self._keep_backup()
            os.replace(tmp, self.path)
        except BaseException as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            if isinstance(exc, OSError):
                reason = exc.strerror or str(exc)
                raise LibraryError(
                    f"could not save library file {self.path}: {reason} (the file is unchanged)"
                ) from exc
            raise
        fsync_dir(folder)
        self._remember(data, st)

    def _keep_backup(self) -> None:
        """Point `<name>.bak` at the current file without ever leaving the target missing."""
        staging = self.path.with_name(f".{self.path.name}.bak.{uuid.uuid4().hex[:12]}.tmp")
        try:
            os.link(self.path, staging)
        except OSError:  # no hard links here (some network or FAT drives)
            shutil.copy2(self.path, staging)
        os.replace(staging, self.backup_path)

    def temp_files(self) -> list[Path]:
        """Temp files of this file's writes: a writer's own, or left by a killed one."""
        return list(self.path.parent.glob(f".{self.path.name}.*.tmp"))

    def remove_stale_temp_files(self) -> None:
        """Delete temp files left by a killed writer; call only while holding the lock."""
        for leftover in self.temp_files():
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _free_name(self, name: str) -> Path:
        """A path next to the file that does not exist yet, so nothing is overwritten."""
        candidate = self.path.with_name(name)
        n = 1
        while candidate.exists():
            candidate = self.path.with_name(f"{name}-{n}")
            n += 1
        return candidate

    def _move_aside(self, raw: bytes, reason: str) -> None:
        """Move an unparseable file to `<name>.corrupt-<UTC time>` and raise.

        Returns without raising only when the file changed meanwhile (see _set_aside).
        In a read-only library nothing can be moved: the file stays as it is.
        """
        if self.read_only is not None:
            raise LibraryError(self._left_as_it_is(reason, self.read_only))
        with self.locked():
            moved = self._set_aside(raw, reason)
        if moved is not None:
            raise CorruptLibraryError(self.path, reason, *moved)

    def _rebuilt(
        self, raw: bytes, reason: str, st: os.stat_result, rebuild: Rebuild
    ) -> Tables | None:
        """Move the damaged file aside and write `rebuild`'s tables in its place, under the lock.

        None when the file changed meanwhile. A read-only library keeps the
        damaged file and the rebuilt tables in memory, until the file changes.
        """
        if self.read_only is not None:
            data = rebuild(self._left_as_it_is(reason, self.read_only))
            self._remember(data, st)
            return data
        with self.locked():
            moved = self._set_aside(raw, reason)
            if moved is None:
                return None
            data = rebuild(
                f"library file {self.path} was unreadable ({reason}); moved it to {moved[0]}"
            )
            self.write(data)
        return data

    def _set_aside(self, raw: bytes, reason: str) -> tuple[Path, Path | None] | None:
        """Move an unparseable file to `<name>.corrupt-<UTC time>`: where it went, and the copy
        of its last good version. Call holding the lock.

        Done only if the file still holds the bytes we failed on (None
        otherwise): another process may have replaced it with a good one. A
        valid .bak is also copied to `<name>.bak-<UTC time>`, because the next
        writes would otherwise rotate it away before anyone restores it.
        """
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if current != raw:
            return None
        stamp = _utc_stamp()
        moved = self._free_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.rename(self.path, moved)
        except OSError as exc:
            raise LibraryError(
                f"library file {self.path} is unreadable ({reason}) "
                f"and could not be moved aside: {exc.strerror}"
            ) from exc
        backup = self._save_valid_backup(stamp)
        fsync_dir(self.path.parent)
        self._data, self._key = None, None
        return moved, backup

    def _left_as_it_is(self, reason: str, read_only: LibraryReadOnlyError) -> str:
        return (
            f"library file {self.path} is unreadable ({reason}); the library is read-only "
            f"({read_only.reason}), so the file was left as it is"
        )

    def backup_tables(self) -> Tables | None:
        """The last good version's tables (`<name>.bak`), or None when there is none that parses."""
        try:
            return _parse(self.backup_path.read_bytes())
        except (OSError, _Unreadable):
            return None

    def _save_valid_backup(self, stamp: str) -> Path | None:
        if self.backup_tables() is None:
            return None
        kept = self._free_name(f"{self.path.name}.bak-{stamp}")
        try:
            os.link(self.backup_path, kept)
        except OSError:
            shutil.copy2(self.backup_path, kept)
        return kept

    def close(self) -> None:
        self._data, self._key = None, None
