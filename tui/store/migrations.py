"""Every migration, in one place: the per-file ones and the moves between files.

`MIGRATIONS[v]` turns a version-v file into a version v+1 file in place (see
schema.py for how a file says its version); DataFile runs them on every file
it opens. Some versions moved data between files, which one file cannot do:
those moves (`move_out_of_catalog`, `move_notes_out_of_user_file`) run when a
writable Library opens, and user.json's version says which are done.

Every migration must be idempotent: a process can be killed after migrating
but before writing, and the next start simply migrates again. Moves write the
destination shards first and the source file last, so a crash in between
leaves the data in both places and the next open moves it again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.store.codec import ENTITIES_VERSION, catalog_doc
from tui.store.schema import SCHEMA_VERSION, Tables, check_not_newer, schema_version, stamp

if TYPE_CHECKING:  # shards.py opens files, which runs the per-file migrations below
    from tui.store.library_reader import LibraryReader
    from tui.store.shards import Shards


def _v0_to_v1(tables: Tables) -> None:
    """Version 1 is the first layout: only the meta stamp is new."""
    stamp(tables, 1)


def _v1_to_v2(tables: Tables) -> None:
    """Version 2 moved notes out of user.json into per-article shards.

    That move spans files (move_notes_out_of_user_file); here only the stamp
    changes, so that an older Gloss refuses a library whose notes it would not find.
    """
    stamp(tables, 2)


def _v2_to_v3(tables: Tables) -> None:
    """Version 3 moved entities out of catalog.json into per-article shards, and gave
    each body its catalog entry; like version 2 the move spans files
    (move_out_of_catalog), and user.json's version says it is done."""
    stamp(tables, 3)


def _v3_to_v4(tables: Tables) -> None:
    """Version 4 catalogs keep no blocks (the bodies keep them), only a hash of them."""
    articles = tables.get("articles")
    if articles:
        tables["articles"] = {key: catalog_doc(doc) for key, doc in articles.items()}
    stamp(tables, 4)


MIGRATIONS: dict[int, Callable[[Tables], None]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}


def upgrade(tables: Tables, path: Path) -> bool:
    """Migrate one file's `tables` in place to SCHEMA_VERSION; True when anything changed."""
    version = check_not_newer(tables, path)
    if version == SCHEMA_VERSION:
        return False
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](tables)
        version += 1
        stamp(tables, version)
    return True


# -- moves between files, run when a writable Library opens -------------------------


def open_files(shards: Shards, reader: LibraryReader) -> None:
    """Create missing files and bring an older library to the sharded layout.

    An existing catalog is not parsed here: showing one article never needs
    it, and at 100k articles parsing it is most of a cold start. user.json
    (small) is read first: its version says which moves are done already.
    """
    catalog, user = shards.catalog, shards.user
    version = schema_version(user.read()) if user.exists() else 0
    catalog_existed = catalog.exists()
    read_only = shards.read_only is not None
    if not catalog_existed and not read_only:
        shards.fill_catalog(f"library file {catalog.path} was missing")
    elif read_only:
        catalog.open()  # read-only: at least say now if it is damaged
    if read_only:
        user.open()
        return
    if catalog_existed:
        move_out_of_catalog(shards, reader, version)
    user.open()
    move_notes_out_of_user_file(shards)


def move_out_of_catalog(shards: Shards, reader: LibraryReader, user_version: int) -> None:
    """Bring an existing catalog of a library at `user_version` to the sharded layout."""
    if user_version < 3:
        _add_entries_to_bodies(shards, reader)  # first: the catalog still has the blocks
        _move_entities_out_of_catalog(shards)
    if user_version < 4:
        shards.catalog.open()  # its migration drops the blocks the bodies now keep


def _add_entries_to_bodies(shards: Shards, reader: LibraryReader) -> None:
    """Schema 1 bodies held texts alone: give each its catalog entry (once, at upgrade)."""
    with shards.catalog.storage.locked():
        articles = reader.articles()
        bodies = []
        for article_id in reader.in_read_order(articles):  # few shards are kept parsed
            doc = articles[article_id]
            text = reader.body(article_id, doc.get("text_hash"))
            if text is not None:
                bodies.append((doc, text))
        shards.write_bodies(bodies)


def _move_entities_out_of_catalog(shards: Shards) -> None:
    """Before schema 3 entities were in catalog.json: move them to their shards, once."""
    if not shards.catalog.read().get("entities"):
        return
    with shards.catalog.storage.locked():
        old = list(shards.catalog.read().get("entities", {}).values())
        shards.store_entity_docs(old)
        versions = {doc["article_id"]: doc.get("extractor_version") for doc in old}
        with shards.catalog.edit() as catalog:
            catalog.pop("entities", None)
            articles = catalog.get("articles", {})
            for key, doc in articles.items():
                if doc["id"] in versions:
                    articles[key] = {**doc, ENTITIES_VERSION: versions[doc["id"]]}


def move_notes_out_of_user_file(shards: Shards) -> None:
    """Before schema 2 every note was in user.json: move them to their shards, once."""
    if not shards.user.read().get("notes"):
        return
    with shards.user.storage.locked():
        old: list[dict[str, Any]] = list(shards.user.read().get("notes", {}).values())
        shards.store_note_docs(old)
        with shards.user.edit() as user:
            user.pop("notes", None)
