"""The library's files, each opened once: catalog.json, user.json and the shards.

The files of a library folder, split by how often they change so that a note
save never rewrites an article:

- `catalog.json`: article metadata without the blocks (`articles`), with the
  version of the extractor that found each article's entities; written at
  import. Lists, search and moving between articles read it; showing one
  article does not.
- `bodies/<2 hex>.json`: article texts with their catalog entries, sharded by
  id (the first two hex digits); written at import only. The reader shows an
  article from its shard alone, so the first article is on screen before the
  catalog of a large library is even parsed.
- `entities/<2 hex>.json`: each article's entities, sharded the same way:
  a catalog holding them was three times the size.
- `notes/<2 hex>.json`: notes and highlights (`notes`), sharded by article id
  like the bodies (see LibraryNotes).
- `user.json`: reading state (`reading`, see ReadingStates) and saved searches
  (`saved_searches`); written often. Older libraries kept notes here and
  entities in the catalog: opening one moves them (see migrations.py).
- `corrections.json`, `trash.json`: the user's entity corrections and deleted
  articles, each with its own lock (see EntityCorrections, TrashCan).
- `feeds.json`: feed subscriptions (`feeds`, see FeedSubscriptions): what each
  refresh asked and brought; written by `gloss feed` and refreshes only.
- `search/index.bin`: the search index over titles, texts and entities,
  derived from the catalog and rebuilt whenever it is missing or damaged (see
  LibrarySearch); notes and reading state are searched where they are.

Bodies and entities are sharded by article id (`shard_name`) and written at
import under the catalog's lock; notes are sharded the same way and written
under user.json's: one lock guards each kind of data.

A read-only library that could not be moved to the sharded layout (an older
library on a read-only mount) still keeps its entities in catalog.json and its
notes in user.json: `readable` adds those files, so that rule lives here only.
A damaged or empty catalog is made again from the shards (`rebuilt_catalog`,
`fill_catalog`) and the repair is told in one line.
"""

from __future__ import annotations

import hashlib
import os
import string
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui.store.data_file import DataFile, upsert
from tui.store.errors import LibraryReadOnlyError
from tui.store.record_rules import Report
from tui.store.schema import Tables

if TYPE_CHECKING:
    from tui.store.rebuilt_catalog import RebuiltCatalog

CATALOG_FILE = "catalog.json"
USER_FILE = "user.json"
FEEDS_FILE = "feeds.json"
BODIES_DIR = "bodies"
NOTES_DIR = "notes"
ENTITIES_DIR = "entities"
_OLD_HOME = {ENTITIES_DIR: CATALOG_FILE, NOTES_DIR: USER_FILE}
"""Where each kind lived before it had shards (read there too when read-only)."""
_T = TypeVar("_T")


def shard_name(article_id: str) -> str:
    """The shard of an article: its first two hex characters (ids are hex digests)."""
    head = article_id[:2].lower()
    if len(head) == 2 and all(c in string.hexdigits for c in head):
        return head
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:2]


def by_shard(items: Iterable[_T], article_id_of: Callable[[_T], str]) -> dict[str, list[_T]]:
    """Items grouped by the shard of their article, so each shard is written once."""
    grouped: dict[str, list[_T]] = {}
    for item in items:
        grouped.setdefault(shard_name(article_id_of(item)), []).append(item)
    return grouped


def remove_where(tables: Tables, name: str, field: str, values: Collection[str]) -> None:
    """Drop a table's documents whose `field` is one of `values` (in an edit() copy)."""
    if name in tables:
        tables[name] = {
            k: doc
            for k, doc in tables[name].items()
            if not (isinstance(doc.get(field), str) and doc[field] in values)
        }


class Shards:
    """Every file of one library folder as a DataFile, opened once per Library."""

    def __init__(
        self, folder: Path, read_only: LibraryReadOnlyError | None, report: Report
    ) -> None:
        self.folder = folder
        self.read_only = read_only
        self._report = report
        self.catalog = DataFile(
            folder / CATALOG_FILE, read_only=read_only, rebuild=self._rebuilt_catalog
        )
        self.user = DataFile(folder / USER_FILE, read_only=read_only)
        self.feeds = DataFile(folder / FEEDS_FILE, read_only=read_only)
        self._files: dict[tuple[str, str], DataFile] = {}

    def file(self, kind: str, shard: str) -> DataFile:
        """One shard of `kind` (BODIES_DIR, ENTITIES_DIR, NOTES_DIR), locked with its owner."""
        data_file = self._files.get((kind, shard))
        if data_file is None:
            owner = self.user if kind == NOTES_DIR else self.catalog
            path = self.folder / kind / f"{shard}.json"
            data_file = DataFile(path, lock_owner=owner, read_only=self.read_only)
            self._files[(kind, shard)] = data_file
        return data_file

    def of(self, kind: str, article_id: str) -> DataFile:
        """The shard of `kind` that holds this article's records."""
        return self.file(kind, shard_name(article_id))

    def existing(self, kind: str) -> list[DataFile]:
        """Every shard of `kind` on disk, in name order (names, not Paths, are sorted: the
        entity counts list 256 shards at each article switch)."""
        try:
            names = os.listdir(self.folder / kind)
        except OSError:  # no such folder yet (as glob, which this replaces, said nothing)
            return []
        shards = sorted(n[: -len(".json")] for n in names if n.endswith(".json") and n[0] != ".")
        return [self.file(kind, shard) for shard in shards]

    def readable(self, kind: str, article_id: str | None = None) -> list[DataFile]:
        """The files to read `kind` from: every shard, or one article's (if it exists).

        Read-only, the file the kind lived in before it had shards is added.
        """
        if article_id is None:
            files = self.existing(kind)
        else:
            shard = shard_name(article_id)
            exists = (self.folder / kind / f"{shard}.json").exists()
            files = [self.file(kind, shard)] if exists else []
        if self.read_only is not None and kind in _OLD_HOME:
            files.append(self.catalog if _OLD_HOME[kind] == CATALOG_FILE else self.user)
        return files

    def close(self) -> None:
        for data_file in (self.catalog, self.user, self.feeds, *self._files.values()):
            data_file.close()

    # -- writing records into their shards --------------------------------------

    def write_bodies(self, bodies: Sequence[tuple[dict[str, Any], str]]) -> None:
        """Store texts with their catalog entries ((entry, text) pairs), one write per shard."""
        for shard, pairs in by_shard(bodies, lambda pair: str(pair[0]["id"])).items():
            with self.file(BODIES_DIR, shard).edit() as tables:
                records = ({"id": doc["id"], "text": text, "article": doc} for doc, text in pairs)
                upsert(tables.setdefault("bodies", {}), records, "id")

    def store_entity_docs(self, docs: Sequence[dict[str, Any]]) -> None:
        """Add or replace (by article id) entity documents, one write per shard touched."""
        for shard, shard_docs in by_shard(docs, lambda doc: doc["article_id"]).items():
            with self.file(ENTITIES_DIR, shard).edit() as tables:
                upsert(tables.setdefault("entities", {}), shard_docs, "article_id")

    def drop_entities(self, article_ids: Collection[str]) -> None:
        """Forget these articles' entities (their text changed, or they are gone)."""
        for shard, ids in by_shard(article_ids, lambda article_id: article_id).items():
            if not (self.folder / ENTITIES_DIR / f"{shard}.json").exists():
                continue
            with self.file(ENTITIES_DIR, shard).edit() as tables:
                remove_where(tables, "entities", "article_id", set(ids))

    def store_note_docs(self, docs: Sequence[dict[str, Any]]) -> None:
        """Add or replace (by note id) note documents, one write per shard touched."""
        for shard, shard_docs in by_shard(docs, lambda doc: str(doc.get("article_id", ""))).items():
            with self.file(NOTES_DIR, shard).edit() as tables:
                upsert(tables.setdefault("notes", {}), shard_docs, "id")

    # -- making the catalog again -----------------------------------------------

    def _catalog_from_shards(self) -> RebuiltCatalog:
        from tui.store.rebuilt_catalog import RebuiltCatalog  # only for a damaged catalog

        return RebuiltCatalog.build(
            self.catalog.path,
            self.existing(BODIES_DIR),
            self.existing(ENTITIES_DIR),
            self.catalog.storage.backup_tables(),
        )

    def _rebuilt_catalog(self, problem: str) -> Tables:
        """A damaged catalog made again (SafeJSONStorage's `rebuild`), told in one line."""
        rebuilt = self._catalog_from_shards()
        done = "showing" if self.read_only is not None else "rebuilt it with"
        self._report(f"{problem}; {rebuilt.told(done, self.catalog.storage.backup_path)}")
        return rebuilt.tables

    def fill_catalog(self, problem: str) -> None:
        """Create the catalog, or fill one listing no article, from the shards if they hold any."""
        with self.catalog.edit() as catalog:
            if catalog.get("articles") or not self.existing(BODIES_DIR):
                return
            rebuilt = self._catalog_from_shards()
            if rebuilt.count:
                catalog.clear()
                catalog.update(rebuilt.tables)
                told = rebuilt.told("rebuilt it with", self.catalog.storage.backup_path)
                self._report(f"{problem}; {told}")
