"""The schema version every library file carries, and how to read and stamp it.

Each file (catalog.json, user.json, every shard) keeps its own version in a
`meta` table, so a file is self-describing even when copied alone. A file
without one is version 0 (a fresh file, or a plain TinyDB file). What each
version changed, and the code that brings older files up, is in migrations.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def stamp(tables: Tables, version: int) -> None:
    """Record `version` in the file's meta table (a copy from edit())."""
    meta = dict(tables.get(META_TABLE, {}))
    meta[_META_DOC_ID] = {**meta.get(_META_DOC_ID, {}), "schema": version}
    tables[META_TABLE] = meta


def check_not_newer(tables: Tables, path: Path) -> int:
    """Refuse a file from a newer Gloss: writing it back with old code could drop data."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(path, version, SCHEMA_VERSION)
    return version
