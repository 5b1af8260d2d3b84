"""Schema version of every library file, and the migrations that bring old files up to it.

Each file (catalog.json, user.json, every body and notes shard) carries its own version in
a `meta` table, so a file is self-describing even when copied alone. A file
without one is version 0 (a fresh file, or a plain TinyDB file).

`MIGRATIONS[v]` turns a version-v file into a version v+1 file in place. Every
migration must be idempotent: a process can be killed after migrating but
before writing, and the next start simply migrates again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.store.codec import catalog_doc
from tui.store.errors import NewerSchemaError

SCHEMA_VERSION = 4

Tables = dict[str, dict[str, Any]]
"""A TinyDB file as stored: table name -> str(doc_id) -> document."""

META_TABLE = "meta"
_META_DOC_ID = "1"


def schema_version(tables: Tables) -> int:
    """The version a file says it has; 0 when it says nothing."""
    doc = tables.get(META_TABLE, {}).get(_META_DOC_ID, {})
    version = doc.get("schema", 0) if isinstance(doc, dict) else 0
    return version if isinstance(version, int) else 0


def _stamp(tables: Tables, version: int) -> None:
    meta = dict(tables.get(META_TABLE, {}))
    meta[_META_DOC_ID] = {**meta.get(_META_DOC_ID, {}), "schema": version}
    tables[META_TABLE] = meta


def _v0_to_v1(tables: Tables) -> None:
    """Version 1 is the first layout: only the meta stamp is new."""
    _stamp(tables, 1)


def _v1_to_v2(tables: Tables) -> None:
    """Version 2 moved notes out of user.json into per-article shards.

    That move spans files, so the Library does it when it opens (see
    Library._move_notes_out_of_user_file); here only the stamp changes, so that
    an older Gloss refuses a library whose notes it would not find.
    """
    _stamp(tables, 2)


def _v2_to_v3(tables: Tables) -> None:
    """Version 3 moved entities out of catalog.json into per-article shards, and gave
    each body its catalog entry; like version 2, the Library does the move at open
    (Library._open_files), and user.json's version says it is done."""
    _stamp(tables, 3)


def _v3_to_v4(tables: Tables) -> None:
    """Version 4 catalogs keep no blocks (the bodies keep them), only a hash of them."""
    articles = tables.get("articles")
    if articles:
        tables["articles"] = {key: catalog_doc(doc) for key, doc in articles.items()}
    _stamp(tables, 4)


MIGRATIONS: dict[int, Callable[[Tables], None]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}


def check_not_newer(tables: Tables, path: Path) -> int:
    """Refuse a file from a newer Gloss: writing it back with old code could drop data."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(path, version, SCHEMA_VERSION)
    return version


def upgrade(tables: Tables, path: Path) -> bool:
    """Migrate `tables` in place to SCHEMA_VERSION; True when anything changed."""
    version = check_not_newer(tables, path)
    if version == SCHEMA_VERSION:
        return False
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](tables)
        version += 1
        _stamp(tables, version)
    return True
