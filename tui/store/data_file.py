"""One TinyDB file of the library, with its lock, schema check and one-write edits."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from tui.store.errors import LibraryReadOnlyError
from tui.store.migrations import upgrade
from tui.store.safe_json_storage import Rebuild, SafeJSONStorage
from tui.store.schema import SCHEMA_VERSION, Tables, check_not_newer, schema_version


class DataFile:
    """A library file: TinyDB tables for reading, `edit()` for changing.

    Reads go through TinyDB tables built with cache_size=0, so each one asks
    the storage, which re-reads the file when another process replaced it.

    Writes go through `edit()` rather than TinyDB's Table methods: those write
    the file once per call and per table, while one Library call (a bulk
    import, deleting an article from two tables) must be a single atomic write
    made under the lock from a fresh read. Document ids are chosen inside that
    locked edit (`next_doc_id`), never from TinyDB's in-process counter.

    In a read-only library (`read_only`: the error that says which and why)
    `edit()` raises it before touching the disk, and `open()` only reads.
    `rebuild` makes a damaged file again instead of refusing it (see SafeJSONStorage).
    """

    def __init__(
        self,
        path: Path,
        lock_owner: DataFile | None = None,
        read_only: LibraryReadOnlyError | None = None,
        rebuild: Rebuild | None = None,
    ) -> None:
        self.path = path
        owner = lock_owner.storage if lock_owner is not None else None
        self.storage: SafeJSONStorage = SafeJSONStorage(path, owner, read_only, rebuild)
        self._db = TinyDB(storage=lambda: self.storage)
        self._swept = False

    def exists(self) -> bool:
        return self.path.exists()

    def read(self, keep: bool = True) -> Tables:
        """The current tables (shared cache: do not modify); `keep=False` leaves them uncached."""
        tables = self.storage.read(keep) or {}
        check_not_newer(tables, self.path)
        return tables

    def table(self, name: str) -> Table:
        self.read()  # refuse a file a newer Gloss wrote since we opened it
        return self._db.table(name, cache_size=0)

    @contextlib.contextmanager
    def edit(self) -> Iterator[Tables]:
        """Lock, read fresh, yield a copy to change, write it once if it changed.

        The copy is shallow (one new dict per table): replace documents, never
        modify them in place. If the body raises, nothing is written.
        """
        with self.storage.locked():
            if not self._swept:
                self.storage.remove_stale_temp_files()
                self._swept = True
            current = self.storage.read() or {}
            tables = {name: dict(docs) for name, docs in current.items()}
            upgrade(tables, self.path)
            yield tables
            if tables != current:
                self.storage.write(tables)

    def open(self) -> None:
        """Create the file, or migrate it, now rather than at the first write.

        A file already at SCHEMA_VERSION, with no temp files a killed writer left to
        sweep, is only read (a damaged or newer file is refused now, as read-only): no
        lock is taken, so a start that only reads takes none (importing filelock was
        8 ms of the reader's cold start).
        """
        if self.storage.read_only is not None:
            self.read()
            return
        current = self.exists() and schema_version(self.read()) == SCHEMA_VERSION
        if current and not self.storage.temp_files():
            return
        with self.edit():
            pass

    def close(self) -> None:
        self._db.close()


def next_doc_id(docs: dict[str, object]) -> int:
    """The next free TinyDB document id in a table read under the lock."""
    return max((int(key) for key in docs), default=0) + 1


def find_key(table: dict[str, Any], field: str, value: str) -> str | None:
    """The key of the first document whose `field` equals `value`."""
    for key, doc in table.items():
        if doc.get(field) == value:
            return key
    return None


def keys_by(table: dict[str, Any], field: str) -> dict[str, str]:
    """The key of each document by its `field`; one without text there (a damaged record) is
    not listed, so it is never replaced or matched."""
    return {doc[field]: key for key, doc in table.items() if isinstance(doc.get(field), str)}


def upsert(table: dict[str, Any], docs: Iterable[dict[str, Any]], field: str) -> None:
    """Add or replace documents by `field` in a table copy from edit(); new ones get fresh ids."""
    key_of = keys_by(table, field)
    next_key = next_doc_id(table)
    for doc in docs:
        key = key_of.get(doc[field])
        if key is None:
            key = key_of[doc[field]] = str(next_key)
            next_key += 1
        table[key] = doc
