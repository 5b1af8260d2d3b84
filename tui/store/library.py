"""The Library: the only door to stored articles, entities, notes and reading state.

Files in the library folder, split by how often they change so that a note
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
  like the bodies, so a note save rewrites a few hundred notes at most,
  whatever the size of the library.
- `user.json`: reading state (`reading`) and saved searches
  (`saved_searches`); written often. Libraries before schema 2 kept notes
  here too (before schema 3, catalog.json held the entities): opening one
  moves them to their shards.
- `search/index.bin`: the search index over titles, texts and entities,
  derived from the catalog and rebuilt whenever it is missing or damaged (see
  LibrarySearch); notes and reading state are searched where they are.

A damaged, missing or empty catalog never hides the library: it is rebuilt
from the entries the body shards keep (from catalog.json.bak for bodies
without one), and the repair is told in one line (see `take_notices`).

Each mutating method is one locked read-modify-write per file (see DataFile),
so several Library objects or processes on one folder never lose each other's
writes. Body and entity shards are only written holding the catalog's lock,
notes shards holding user.json's.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import string
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from tinydb import where
from tinydb.table import Document

from tui.models import (
    Article,
    ArticleSummary,
    Entity,
    Note,
    ReadingState,
    SavedSearch,
    SearchHit,
    text_hash,
)
from tui.search import parse_query
from tui.store import codec
from tui.store.data_file import DataFile, keys_by, next_doc_id, upsert
from tui.store.durable_write import write_problem
from tui.store.errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    LibraryError,
    LibraryReadOnlyError,
    NoteNotFoundError,
)
from tui.store.library_notices import LibraryNotices
from tui.store.library_search import LibrarySearch
from tui.store.rebuilt_catalog import RebuiltCatalog
from tui.store.schema import Tables, schema_version
from tui.store.user_text import clean_line, clean_note, clean_tags

CATALOG_FILE = "catalog.json"
USER_FILE = "user.json"
BODIES_DIR = "bodies"
NOTES_DIR = "notes"
ENTITIES_DIR = "entities"
ENTITIES_VERSION = codec.ENTITIES_VERSION
"""Catalog field: the extractor version of the article's stored entities (absent: none)."""
MIN_PREFIX = 4
SURELY_LISTS_ARTICLES = 64 * 1024
"""A catalog file this large lists articles: an empty one is a few hundred bytes."""
"""Shorter prefixes are too likely to match by accident."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _serialized(
    method: Callable[Concatenate[Library, _P], _R],
) -> Callable[Concatenate[Library, _P], _R]:
    """One call at a time per Library (the app calls it from worker threads too)."""

    def wrapper(self: Library, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._guard:
            if self._closed:
                raise LibraryError(f"library {self.folder} is closed")
            return method(self, *args, **kwargs)

    functools.update_wrapper(wrapper, method)
    return wrapper


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def shard_name(article_id: str) -> str:
    """The body shard of an article: its first two hex characters (ids are hex digests)."""
    head = article_id[:2].lower()
    if len(head) == 2 and all(c in string.hexdigits for c in head):
        return head
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:2]


def _find(docs: dict[str, Any], field: str, value: str) -> str | None:
    """The key of the first document whose `field` equals `value`."""
    for key, doc in docs.items():
        if doc.get(field) == value:
            return key
    return None


def _remove_where(
    tables: dict[str, dict[str, Any]], name: str, field: str, values: Collection[str]
) -> None:
    """Drop a table's documents whose `field` is one of `values` (in an edit() copy)."""
    if name in tables:
        tables[name] = {
            k: doc
            for k, doc in tables[name].items()
            if not (isinstance(doc.get(field), str) and doc[field] in values)
        }


def _note_order(note: Note) -> tuple[str, int, str]:
    """Ties (same start, same millisecond) keep the order the notes were added in."""
    start = -1 if note.selector is None else note.selector.start
    return (note.article_id, start, note.created)


class Library:
    """Articles, entities, notes and reading state in one folder.

    Opening creates the folder and files if needed and migrates old ones. A
    file from a newer Gloss is refused (NewerSchemaError) and left untouched.
    An unreadable file is moved aside and the Library refuses to open
    (CorruptLibraryError, which says where the bad file and the last good copy
    went); because the file is already gone, the next open starts it empty.
    The catalog is the exception: it is rebuilt from the shards at once.

    A folder that cannot be written (read-only mount, no permission), or
    `read_only=True`, opens read-only: reads work, changes raise LibraryReadOnlyError.
    """

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = Path(folder).expanduser()
        try:
            why = (
                "opened read-only"
                if read_only
                else write_problem(self.folder, BODIES_DIR, NOTES_DIR, ENTITIES_DIR)
            )
        except OSError as exc:
            raise LibraryError(f"cannot create library folder {self.folder}: {exc}") from exc
        self._read_only = None if why is None else LibraryReadOnlyError(self.folder, why)
        self._guard = threading.RLock()
        self._closed = False
        self._notices = LibraryNotices()
        self._catalog = DataFile(
            self.folder / CATALOG_FILE, read_only=self._read_only, rebuild=self._rebuilt_catalog
        )
        self._user = DataFile(self.folder / USER_FILE, read_only=self._read_only)
        self._shard_files: dict[tuple[str, str], DataFile] = {}
        self._texts_cache: dict[str, tuple[object, dict[str, object]]] = {}
        self._index: dict[str, dict[str, Any]] = {}
        self._index_source: object = None
        self._entities_index: dict[str, dict[str, Any]] = {}
        self._entities_source: tuple[object, ...] = ()
        self._names_by_shard: dict[str, tuple[object, dict[str, int]]] = {}
        self._notes_by_shard: dict[str, tuple[object, tuple[dict[str, int], list[list[str]]]]] = {}
        self._order: tuple[object, list[ArticleSummary]] | None = None
        self._open_files()
        self._search = LibrarySearch(
            self.folder,
            self._catalog,
            self._user,
            self._articles,
            self._entity_docs,
            self._entities_doc,
            self._body,
            self._notes_version,
            self._note_docs,
            self._notices.add,
        )

    def __repr__(self) -> str:
        return f"Library({str(self.folder)!r})"

    def _open_files(self) -> None:
        """Create missing files and bring an older library to the sharded layout.

        An existing catalog is not parsed here: showing one article never needs
        it, and at 100k articles parsing it is most of a cold start. user.json
        (small) is read first: its version says which moves are done already.
        """
        version = schema_version(self._user.read()) if self._user.exists() else 0
        catalog_existed = self._catalog.exists()
        if not catalog_existed and not self.read_only:
            self._fill_catalog(f"library file {self._catalog.path} was missing")
        elif self.read_only:
            self._catalog.open()  # read-only: at least say now if it is damaged
        if self.read_only:
            self._user.open()
            return
        if catalog_existed and version < 3:
            self._add_entries_to_bodies()  # first: the catalog still has the blocks
            self._move_entities_out_of_catalog()
        if catalog_existed and version < 4:
            self._catalog.open()  # its migration drops the blocks the bodies now keep
        self._user.open()
        self._move_notes_out_of_user_file()

    def take_notices(self) -> list[str]:
        """What the Library did by itself since last asked, one line each, each said once.

        A damaged catalog rebuilt from the shards, a record read with a field at
        its default or skipped (valid JSON of the wrong type: a file edited by
        hand, synced from elsewhere). The CLI prints them on stderr, the app shows
        them as notifications. Never waits for a call in progress.
        """
        return self._notices.take()

    @property
    def read_only(self) -> bool:
        """True when changes cannot be saved (see LibraryReadOnlyError); reads still work."""
        return self._read_only is not None

    def check_writable(self) -> None:
        """Raise LibraryReadOnlyError now, before work whose result could not be saved.

        A change with nothing to do (an empty folder to import) is refused as
        any other change is, and a reindex starts no helper process for nothing.
        """
        if self._read_only is not None:
            raise LibraryReadOnlyError(self._read_only.folder, self._read_only.reason)

    def close(self) -> None:
        with self._guard:
            if self._closed:
                return
            self._closed = True
            for data_file in (self._catalog, self._user, *self._shard_files.values()):
                data_file.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- articles -------------------------------------------------------------

    def _shard_file(self, folder: str, shard: str) -> DataFile:
        """One shard of `folder` (bodies, entities, notes), opened once per Library.

        Bodies and entities are written at import under the catalog's lock, notes
        under user.json's: one lock guards each kind of data.
        """
        data_file = self._shard_files.get((folder, shard))
        if data_file is None:
            owner = self._user if folder == NOTES_DIR else self._catalog
            path = self.folder / folder / f"{shard}.json"
            data_file = DataFile(path, lock=owner.storage.lock, read_only=self._read_only)
            self._shard_files[(folder, shard)] = data_file
        return data_file

    def _existing_shard_files(self, folder: str) -> list[DataFile]:
        paths = sorted((self.folder / folder).glob("*.json"))
        return [self._shard_file(folder, path.stem) for path in paths]

    def _shard(self, article_id: str) -> DataFile:
        """An article's body shard."""
        return self._shard_file(BODIES_DIR, shard_name(article_id))

    @_serialized
    def is_empty(self) -> bool:
        """No article stored. Asked at every start: a large catalog is not parsed for it.

        A catalog listing none while the body shards hold some is rebuilt first,
        so that a library is never started afresh over its own articles.
        """
        path = self.folder / CATALOG_FILE
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return True
        except OSError as exc:
            raise LibraryError(f"cannot read library file {path}: {exc.strerror}") from exc
        if size > SURELY_LISTS_ARTICLES:
            return False
        if not self._articles() and not self.read_only:
            self._fill_catalog(f"library file {path} listed no articles")
        return not self._articles()

    # -- rebuilding the catalog -----------------------------------------------

    def _catalog_from_shards(self) -> RebuiltCatalog:
        return RebuiltCatalog.build(
            self._catalog.path,
            self._existing_shard_files(BODIES_DIR),
            self._all_entity_files(),
            self._catalog.storage.backup_tables(),
        )

    def _rebuilt_catalog(self, problem: str) -> Tables:
        """A damaged catalog made again (SafeJSONStorage's `rebuild`), told in one line."""
        rebuilt = self._catalog_from_shards()
        done = "showing" if self.read_only else "rebuilt it with"
        self._notices.add(f"{problem}; {rebuilt.told(done, self._catalog.storage.backup_path)}")
        return rebuilt.tables

    def _fill_catalog(self, problem: str) -> None:
        """Create the catalog, or fill one listing no article, from the shards if they hold any."""
        with self._catalog.edit() as catalog:
            if catalog.get("articles") or not self._existing_shard_files(BODIES_DIR):
                return
            rebuilt = self._catalog_from_shards()
            if rebuilt.count:
                catalog.clear()
                catalog.update(rebuilt.tables)
                told = rebuilt.told("rebuilt it with", self._catalog.storage.backup_path)
                self._notices.add(f"{problem}; {told}")

    @_serialized
    def ids_by_text_hash(self) -> dict[str, list[str]]:
        """Every stored text's hash with the ids holding it, oldest first: for finding duplicates.

        An import must not store the same text twice under two ids (another
        URL, or none); it reads this once and keeps track of what it adds.
        """
        found: dict[str, list[str]] = {}
        for article_id, doc in self._articles().items():
            found.setdefault(doc.get("text_hash", ""), []).append(article_id)
        return found

    @_serialized
    def add_article(self, article: Article) -> str:
        """Store one article: "added", "updated" (text or metadata changed) or "unchanged"."""
        return self.add_articles([article])[0]

    @_serialized
    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store many articles with one write per touched file.

        A changed text drops the article's entities (their offsets point into
        the old text) but keeps its notes, which carry their own anchors.
        "unchanged" ignores `imported_at`, so re-importing a file writes nothing.
        Bodies are written before the catalog: a crash in between leaves an
        unused text, never a catalog entry without one.
        """
        results: list[str] = []
        texts: dict[str, str] = {}  # article id -> text to write to its shard
        changed: set[str] = set()  # added or updated: what the search index must look at
        no_entities: dict[str, dict[str, Any] | None] = {}  # new texts: none found yet
        entries: dict[str, dict[str, Any]] = {}  # article id -> its entry, with blocks
        with self._catalog_edit(changed, texts, no_entities) as catalog:
            docs = catalog.setdefault("articles", {})
            key_of = keys_by(docs, "id")
            next_key = next_doc_id(docs)
            changed_texts: set[str] = set()
            for article in articles:
                entry = codec.article_doc(article)
                doc = codec.catalog_doc(entry)
                key = key_of.get(article.id)
                old = None if key is None else docs[key]
                text_changed = old is None or old.get("text_hash") != doc["text_hash"]
                if old is not None and not text_changed and ENTITIES_VERSION in old:
                    doc[ENTITIES_VERSION] = old[ENTITIES_VERSION]  # same text, same entities
                # A text can go missing (a corrupt shard moved aside): re-importing restores it.
                text_lost = (
                    not text_changed
                    and article.id not in texts
                    and self._body(article.id, doc["text_hash"]) is None
                )
                if old is not None and not text_lost and codec.same_article(old, doc):
                    results.append("unchanged")
                    continue
                if key is None:
                    key = key_of[article.id] = str(next_key)
                    next_key += 1
                results.append("added" if old is None else "updated")
                changed.add(article.id)
                docs[key] = doc
                texts[article.id] = article.text
                entries[article.id] = entry  # the shard keeps the entry beside the text
                if text_changed:
                    no_entities[article.id] = None
                if old is not None and text_changed:
                    changed_texts.add(article.id)
            by_shard: dict[str, list[tuple[dict[str, Any], str]]] = {}
            for article_id, text in texts.items():
                pair = (entries[article_id], text)
                by_shard.setdefault(shard_name(article_id), []).append(pair)
            for name, shard_bodies in by_shard.items():  # inside the edit: before the catalog write
                self._write_bodies(name, shard_bodies)
            self._drop_entities(changed_texts)
        return results

    @contextlib.contextmanager
    def _catalog_edit(
        self,
        article_ids: Collection[str],
        texts: dict[str, str] | None = None,
        entities: dict[str, dict[str, Any] | None] | None = None,
    ) -> Iterator[Tables]:
        """catalog.edit(), then the search index catches up, all under the catalog's lock.

        `article_ids` (with `texts`, new texts by id, and `entities`, new entity
        documents by id) may be filled in by the body: they are read after it,
        to tell the index what to look at without reading it back.
        """
        with self._catalog.storage.locked():
            before = self._search.catalog_stamp()
            with self._catalog.edit() as tables:
                yield tables
            if article_ids:
                self._search.after_write(before, article_ids, texts, tables, entities)

    def _write_bodies(self, shard: str, bodies: Sequence[tuple[dict[str, Any], str]]) -> None:
        """Store texts with their catalog entries: (entry, text) pairs."""
        with self._shard(shard).edit() as tables:
            records = ({"id": doc["id"], "text": text, "article": doc} for doc, text in bodies)
            upsert(tables.setdefault("bodies", {}), records, "id")

    def _articles(self) -> dict[str, dict[str, Any]]:
        """Catalog entries by article id (read-only), rebuilt only when the catalog was re-read.

        The storage hands back the same dict while the file is unchanged, so
        its identity tells when the index is stale. Browsing calls this for
        every article shown, and a scan of 10k TinyDB documents costs ~10 ms.
        """
        tables = self._catalog.read()
        if tables is not self._index_source:
            docs = tables.get("articles", {})
            self._index = codec.checked_catalog(docs, self._catalog.path, self._notices.add)
            self._index_source = tables
        return self._index

    @_serialized
    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
        wanted = id_or_prefix.strip()
        ids = self._articles()
        if wanted in ids:
            return wanted
        if len(wanted) >= MIN_PREFIX:
            low = wanted.lower()
            matches = sorted(i for i in ids if i.lower().startswith(low))
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise AmbiguousIdError(wanted, matches, self.folder)
        raise ArticleNotFoundError(wanted, self.folder)

    @_serialized
    def get_article(self, article_id: str) -> Article:
        """An article by id or unique prefix.

        A full id is served from its body shard alone when the shard holds the
        article's entry (schema 3), so the catalog is not parsed to show one.
        """
        stored = self._shard_record(article_id)
        if stored is not None:
            return stored
        full_id = self.resolve_id(article_id)
        stored = self._shard_record(full_id)  # it was a prefix
        if stored is not None:
            return stored
        doc = self._articles().get(full_id)
        if doc is None:  # deleted by another process just now
            raise ArticleNotFoundError(article_id, self.folder)
        text = self._body(full_id, doc.get("text_hash"))
        if text is None:
            raise LibraryError(
                f"the text of article {full_id!r} is missing or outdated in "
                f"{self._shard(full_id).path} (interrupted import?): import the article again"
            )
        return codec.article_from(doc, text)

    def _shard_record(self, article_id: str) -> Article | None:
        """The article as its body shard holds it, if the shard has its entry and text."""
        if not article_id:
            return None
        found = self._shard_records(article_id).get(article_id)
        if found is None:
            return None
        key, record = found
        entry, text = record["article"], record.get("text")
        if not isinstance(text, str) or text_hash(text) != entry.get("text_hash"):
            return None
        path = self._shard(article_id).path
        doc = codec.checked_entry(entry, path, key, self._notices.add)
        return None if doc is None else codec.article_from(doc, text)

    def _body(self, article_id: str, expected_hash: object) -> str | None:
        """The stored text, or None when it is missing or is not the one the catalog describes."""
        text = self._shard_texts(article_id).get(article_id)
        if not isinstance(text, str) or text_hash(text) != expected_hash:
            return None
        return text

    def _shard_texts(self, article_id: str) -> dict[str, object]:
        """The texts of an article's shard by id, rebuilt only when the shard was re-read.

        Search reads a body for each hit it shows; a TinyDB scan of the shard
        per body cost more than the search itself at 100k articles.
        """
        tables = self._shard(article_id).read()
        name = shard_name(article_id)
        cached = self._texts_cache.get(name)
        if cached is None or cached[0] is not tables:
            docs = tables.get("bodies", {}).values()
            texts = {d["id"]: d.get("text") for d in docs if isinstance(d.get("id"), str)}
            cached = self._texts_cache[name] = (tables, texts)
        return cached[1]

    def _shard_records(self, article_id: str) -> dict[str, tuple[str, dict[str, Any]]]:
        """(key, record) by id for the bodies of an article's shard that carry an entry."""
        tables = self._shard(article_id).read()
        return {
            doc["id"]: (key, doc)
            for key, doc in tables.get("bodies", {}).items()
            if isinstance(doc.get("article"), dict) and isinstance(doc.get("id"), str)
        }

    @_serialized
    def list_articles(self) -> list[ArticleSummary]:
        """Every article without its text: newest first (undated last), then by title.

        Kept until the catalog changes: the reader asks for the order at every
        step to the next article, and sorting 100k summaries takes a second.
        """
        articles = self._articles()
        if self._order is None or self._order[0] is not articles:
            summaries = [codec.summary_from(doc) for doc in articles.values()]
            summaries.sort(key=lambda s: (s.title.casefold(), s.id))
            summaries.sort(key=lambda s: s.date or "", reverse=True)  # stable: titles stay sorted
            self._order = (articles, summaries)
        return list(self._order[1])

    @_serialized
    def article_ids(self) -> list[str]:
        return [summary.id for summary in self.list_articles()]

    @_serialized
    def delete_article(self, article_id: str) -> None:
        """Remove an article with its text, entities, notes and reading state."""
        with self._catalog.storage.locked():
            self._require_article(article_id)
            # The text first: a body with its entry is shown without the catalog.
            with self._shard(article_id).edit() as shard:
                _remove_where(shard, "bodies", "id", {article_id})
            self._drop_entities({article_id})
            with self._catalog_edit({article_id}) as catalog:
                articles = catalog.get("articles", {})
                key = _find(articles, "id", article_id)
                if key is None:
                    raise ArticleNotFoundError(article_id, self.folder)
                del articles[key]
        with self._user.edit() as user:
            _remove_where(user, "reading", "article_id", {article_id})
            with self._notes_file(shard_name(article_id)).edit() as notes:
                _remove_where(notes, "notes", "article_id", {article_id})

    def _require_article(self, article_id: str) -> None:
        if article_id not in self._articles():
            raise ArticleNotFoundError(article_id, self.folder)

    # -- entities -------------------------------------------------------------

    def _entity_file(self, shard: str) -> DataFile:
        return self._shard_file(ENTITIES_DIR, shard)

    def _all_entity_files(self) -> list[DataFile]:
        return self._existing_shard_files(ENTITIES_DIR)

    def _store_entity_docs(self, docs: Sequence[dict[str, Any]]) -> None:
        """Add or replace (by article id) entity documents, one write per shard touched."""
        by_shard: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            by_shard.setdefault(shard_name(doc["article_id"]), []).append(doc)
        for shard, shard_docs in by_shard.items():
            with self._entity_file(shard).edit() as tables:
                upsert(tables.setdefault("entities", {}), shard_docs, "article_id")

    def _drop_entities(self, article_ids: Collection[str]) -> None:
        by_shard: dict[str, set[str]] = {}
        for article_id in article_ids:
            by_shard.setdefault(shard_name(article_id), set()).add(article_id)
        for shard, ids in by_shard.items():
            if not (self.folder / ENTITIES_DIR / f"{shard}.json").exists():
                continue
            with self._entity_file(shard).edit() as tables:
                _remove_where(tables, "entities", "article_id", ids)

    def _move_entities_out_of_catalog(self) -> None:
        """Before schema 3 entities were in catalog.json: move them to their shards, once.

        Shards first, the catalog last (a crash in between moves them again).
        """
        if not self._catalog.read().get("entities"):
            return
        with self._catalog.storage.locked():
            old = list(self._catalog.read().get("entities", {}).values())
            self._store_entity_docs(old)
            versions = {doc["article_id"]: doc.get("extractor_version") for doc in old}
            with self._catalog.edit() as catalog:
                catalog.pop("entities", None)
                articles = catalog.get("articles", {})
                for key, doc in articles.items():
                    if doc["id"] in versions:
                        articles[key] = {**doc, ENTITIES_VERSION: versions[doc["id"]]}

    def _add_entries_to_bodies(self) -> None:
        """Schema 1 bodies held texts alone: give each its catalog entry (once, at upgrade)."""
        with self._catalog.storage.locked():
            by_shard: dict[str, list[tuple[dict[str, Any], str]]] = {}
            for article_id, doc in self._articles().items():
                text = self._body(article_id, doc.get("text_hash"))
                if text is not None:
                    by_shard.setdefault(shard_name(article_id), []).append((doc, text))
            for shard, bodies in by_shard.items():
                self._write_bodies(shard, bodies)

    @_serialized
    def set_entities(
        self, article_id: str, entities: Sequence[Entity], extractor_version: str
    ) -> None:
        """Replace an article's entities, remembering which extractor found them."""
        self.set_entities_many([(article_id, entities)], extractor_version)

    @_serialized
    def set_entities_many(
        self, items: Sequence[tuple[str, Sequence[Entity]]], extractor_version: str
    ) -> None:
        """set_entities for many articles with one write per file: what a bulk import needs.

        The catalog records the extractor version of each, so the search index
        (which watches the catalog) and other processes see that entities changed.
        """
        docs = {
            article_id: {
                "article_id": article_id,
                "extractor_version": extractor_version,
                "entities": [codec.entity_doc(entity) for entity in entities],
            }
            for article_id, entities in items
        }
        found: dict[str, dict[str, Any] | None] = dict(docs)
        with self._catalog_edit(set(docs), None, found) as catalog:
            articles = catalog.get("articles", {})
            key_of = keys_by(articles, "id")
            for article_id in docs:
                if article_id not in key_of:
                    raise ArticleNotFoundError(article_id, self.folder)
            self._store_entity_docs(list(docs.values()))  # inside the edit: before the catalog
            for article_id in docs:
                key = key_of[article_id]
                articles[key] = {**articles[key], ENTITIES_VERSION: extractor_version}

    def _entity_docs(self) -> dict[str, dict[str, Any]]:
        """Every article's entity document by article id, rebuilt when a shard was re-read."""
        files = self._all_entity_files()
        if self.read_only:  # an older library that could not be moved: entities in the catalog
            files.append(self._catalog)
        tables = tuple(data_file.read() for data_file in files)
        if len(tables) != len(self._entities_source) or any(
            a is not b for a, b in zip(tables, self._entities_source, strict=False)
        ):
            self._entities_index = {
                doc["article_id"]: doc
                for data_file, table in zip(files, tables, strict=True)
                for doc in self._checked(data_file.path, table, "entities", codec.checked_entities)
            }
            self._entities_source = tables
        return self._entities_index

    def _checked(
        self, path: Path, tables: Tables, name: str, check: codec.RecordCheck
    ) -> list[dict[str, Any]]:
        """A table's usable records, each wrong field said (see codec.checked_records)."""
        return codec.checked_records(tables.get(name, {}), check, path, self._notices.add)

    def _entities_doc(self, article_id: str) -> dict[str, Any] | None:
        """One article's entity document: only its shard is read."""
        shard = shard_name(article_id)
        files = []
        if (self.folder / ENTITIES_DIR / f"{shard}.json").exists():
            files.append(self._entity_file(shard))
        if self.read_only:  # see _entity_docs
            files.append(self._catalog)
        for data_file in files:
            for key, doc in data_file.read().get("entities", {}).items():
                if doc.get("article_id") == article_id:
                    return codec.checked_entities(doc, data_file.path, key, self._notices.add)
        return None

    @_serialized
    def entities(self, article_id: str) -> list[Entity]:
        doc = self._entities_doc(article_id)
        return [] if doc is None else [codec.entity_from(e) for e in doc.get("entities", ())]

    @_serialized
    def extractor_version(self, article_id: str) -> str | None:
        """None when entities were never extracted (or the text changed since)."""
        doc = self._entities_doc(article_id)
        return None if doc is None else doc.get("extractor_version")

    @_serialized
    def extractor_versions(self, article_ids: Collection[str]) -> dict[str, str | None]:
        """extractor_version for many articles from one read of the catalog (no shard is read)."""
        docs = self._articles()
        return {
            article_id: (docs[article_id].get(ENTITIES_VERSION) if article_id in docs else None)
            for article_id in article_ids
        }

    @_serialized
    def entity_article_counts(self) -> dict[str, int]:
        """How many articles name each entity, by case-folded entity name.

        Counted shard by shard without keeping the shards (at 10k articles
        they take 60 MB in memory), and each shard's counts are kept until it
        changes. Reads every changed shard: call it from a worker.
        """
        files = self._all_entity_files()
        if self.read_only:  # see _entity_docs
            files.append(self._catalog)
        total: dict[str, int] = {}
        for data_file in files:
            for name, count in self._entity_names_in(data_file).items():
                total[name] = total.get(name, 0) + count
        return total

    def _entity_names_in(self, data_file: DataFile) -> dict[str, int]:
        stamp = data_file.storage.stamp()
        cached = self._names_by_shard.get(str(data_file.path))
        if stamp is not None and cached is not None and cached[0] == stamp:
            return cached[1]
        counts: dict[str, int] = {}
        tables = data_file.read(keep=False)
        for doc in self._checked(data_file.path, tables, "entities", codec.checked_entities):
            for name in {entity["name"].casefold() for entity in doc.get("entities", ())}:
                counts[name] = counts.get(name, 0) + 1
        self._names_by_shard[str(data_file.path)] = (stamp, counts)
        return counts

    @_serialized
    def articles_naming(self, name: str) -> list[tuple[ArticleSummary, Entity]]:
        """Every article with an entity of this name (case-insensitive), in library order."""
        wanted = name.casefold()
        found: dict[str, Entity] = {}
        for article_id, doc in self._entity_docs().items():
            for entity in doc.get("entities", ()):
                if entity["name"].casefold() == wanted:
                    found[article_id] = codec.entity_from(entity)
                    break
        return [(s, found[s.id]) for s in self.list_articles() if s.id in found]

    # -- notes ----------------------------------------------------------------

    def _notes_file(self, shard: str) -> DataFile:
        return self._shard_file(NOTES_DIR, shard)

    def _all_notes_files(self) -> list[DataFile]:
        return self._existing_shard_files(NOTES_DIR)

    def _note_files_to_scan(self) -> list[DataFile]:
        files = self._all_notes_files()
        if self.read_only:  # an older library that could not be moved: notes still in user.json
            files.append(self._user)
        return files

    def _note_docs(self) -> list[dict[str, Any]]:
        """Every note document, read without keeping the shards (a scan must not hold them)."""
        return [
            doc
            for data_file in self._note_files_to_scan()
            for doc in self._checked(
                data_file.path, data_file.read(keep=False), "notes", codec.checked_note
            )
        ]

    def _notes_version(self) -> tuple[object, ...] | None:
        """Changes whenever any note changes; None when a file is too fresh to tell."""
        stamps = [(f.path.name, f.storage.stamp()) for f in self._note_files_to_scan()]
        return None if any(stamp is None for _, stamp in stamps) else tuple(stamps)

    def _note_summary(self, data_file: DataFile) -> tuple[dict[str, int], list[list[str]]]:
        """Notes per article and the tags of each tagged note in a file, kept until it changes."""
        stamp = data_file.storage.stamp()
        cached = self._notes_by_shard.get(str(data_file.path))
        if stamp is not None and cached is not None and cached[0] == stamp:
            return cached[1]
        counts: dict[str, int] = {}
        tags: list[list[str]] = []
        tables = data_file.read(keep=False)
        for doc in self._checked(data_file.path, tables, "notes", codec.checked_note):
            counts[doc["article_id"]] = counts.get(doc["article_id"], 0) + 1
            if doc.get("tags"):
                tags.append(doc["tags"])
        self._notes_by_shard[str(data_file.path)] = (stamp, (counts, tags))
        return counts, tags

    def _move_notes_out_of_user_file(self) -> None:
        """Before schema 2 every note was in user.json: move them to their shards, once.

        Shards are written first and user.json last, so a crash in between
        leaves the notes in both places and the next open simply moves them again.
        """
        if not self._user.read().get("notes"):
            return
        with self._user.storage.locked():
            old = self._user.read().get("notes", {})
            by_shard: dict[str, list[dict[str, Any]]] = {}
            for doc in old.values():
                by_shard.setdefault(shard_name(str(doc.get("article_id", ""))), []).append(doc)
            for shard, docs in by_shard.items():
                self._store_note_docs(shard, docs)
            with self._user.edit() as user:
                user.pop("notes", None)

    def _store_note_docs(self, shard: str, docs: Sequence[dict[str, Any]]) -> None:
        """Add or replace (by note id) these documents in one shard, with one write."""
        with self._notes_file(shard).edit() as tables:
            upsert(tables.setdefault("notes", {}), docs, "id")

    @_serialized
    def add_note(self, note: Note) -> Note:
        """Store a note; fills an empty id and timestamps.

        A note that already has an id and timestamps (one returned by
        delete_note) is stored as it was, so add_note is also "undo delete".
        """
        return self.add_notes([note])[0]

    @_serialized
    def add_notes(self, notes: Sequence[Note]) -> list[Note]:
        """add_note for many notes, with one write per notes shard: what an import needs."""
        articles = self._articles()
        now = _now()
        stored: list[Note] = []
        by_shard: dict[str, list[dict[str, Any]]] = {}
        for note in notes:
            if note.article_id not in articles:
                raise ArticleNotFoundError(note.article_id, self.folder)
            kept = replace(
                clean_note(note),
                id=note.id or uuid.uuid4().hex,
                created=note.created or now,
                updated=note.updated or note.created or now,
            )
            stored.append(kept)
            by_shard.setdefault(shard_name(kept.article_id), []).append(codec.note_doc(kept))
        with self._user.storage.locked():
            for shard, docs in by_shard.items():
                self._store_note_docs(shard, docs)
        return stored

    @_serialized
    def update_note(self, note: Note) -> Note:
        """Change a note's body, tags, colour, anchor or orphaned flag; bumps `updated`."""
        notes_file = self._notes_file(shard_name(note.article_id))
        with notes_file.edit() as tables:
            notes = tables.get("notes", {})
            key = _find(notes, "id", note.id)
            doc = None
            if key is not None:
                doc = codec.checked_note(notes[key], notes_file.path, key, self._notices.add)
            if key is None or doc is None:
                raise NoteNotFoundError(note.id, self.folder)
            note = clean_note(note)
            stored = replace(
                codec.note_from(doc),
                body=note.body,
                tags=note.tags,
                color=note.color,
                selector=note.selector,
                orphaned=note.orphaned,
                updated=_now(),
            )
            notes[key] = codec.note_doc(stored)
        return stored

    @_serialized
    def delete_note(self, note_id: str, article_id: str | None = None) -> Note:
        """Remove a note and return it, so the caller can undo with add_note.

        Give the note's article when known: only its shard is read then.
        """
        if article_id is not None:
            files = [self._notes_file(shard_name(article_id))]
        else:
            files = self._all_notes_files()
        for data_file in files:
            with data_file.edit() as tables:
                notes = tables.get("notes", {})
                key = _find(notes, "id", note_id)
                doc = None
                if key is not None:
                    doc = codec.checked_note(notes[key], data_file.path, key, self._notices.add)
                if key is not None and doc is not None:
                    del notes[key]
                    return codec.note_from(doc)
        raise NoteNotFoundError(note_id, self.folder)

    @_serialized
    def notes(self, article_id: str | None = None) -> list[Note]:
        """Notes in reading order: article-level first, then by anchor start, then age.

        All notes are grouped by article id.
        """
        if article_id is None:
            docs = self._note_docs()
        else:
            files = [self._notes_file(shard_name(article_id))]
            if self.read_only:  # see _note_docs
                files.append(self._user)
            docs = [
                doc
                for data_file in files
                for doc in self._checked(
                    data_file.path, data_file.read(), "notes", codec.checked_note
                )
                if doc["article_id"] == article_id
            ]
        return sorted((codec.note_from(doc) for doc in docs), key=_note_order)

    # -- reading state --------------------------------------------------------

    @_serialized
    def reading_state(self, article_id: str) -> ReadingState:
        found = self._user.table("reading").get(where("article_id") == article_id)
        doc = None
        if isinstance(found, Document):
            key = str(found.doc_id)
            doc = codec.checked_reading(found, self._user.path, key, self._notices.add)
        return ReadingState(article_id) if doc is None else codec.reading_from(doc)

    @_serialized
    def save_reading_state(self, state: ReadingState) -> None:
        """Store where the reader is; writes nothing when the state did not change."""
        self._require_article(state.article_id)
        state = replace(state, tags=clean_tags(state.tags))
        with self._user.edit() as user:
            reading = user.setdefault("reading", {})
            key = _find(reading, "article_id", state.article_id) or str(next_doc_id(reading))
            reading[key] = codec.reading_doc(state)

    def _edit_reading(
        self, article_id: str, change: Callable[[ReadingState], ReadingState]
    ) -> ReadingState:
        """Change one field of a stored state from a fresh read, so processes keep each other's."""
        self._require_article(article_id)
        with self._user.edit() as user:
            reading = user.setdefault("reading", {})
            key = _find(reading, "article_id", article_id)
            doc = None
            if key is not None:
                doc = codec.checked_reading(reading[key], self._user.path, key, self._notices.add)
            old = ReadingState(article_id) if doc is None else codec.reading_from(doc)
            new = change(old)
            if new != old:
                reading[key or str(next_doc_id(reading))] = codec.reading_doc(new)
        return new

    @_serialized
    def stamp_last_read(self, article_id: str) -> ReadingState:
        """Make this the article read last (the next start opens on it), position untouched."""
        return self._edit_reading(article_id, lambda state: replace(state, last_read=_now()))

    @_serialized
    def last_read_article(self) -> str | None:
        """The article read most recently that is still in the library, from user.json alone."""
        read = [state for state in self._search.states().values() if state.last_read]
        for state in sorted(read, key=lambda state: state.last_read or "", reverse=True):
            if self._shard_record(state.article_id) is not None:
                return state.article_id
        return None

    @_serialized
    def reading_states(self) -> dict[str, ReadingState]:
        """Every stored reading state by article id (articles never opened have none)."""
        return dict(self._search.states())

    @_serialized
    def set_read(self, article_id: str, read: bool) -> ReadingState:
        return self._edit_reading(article_id, lambda state: replace(state, read=read))

    @_serialized
    def set_starred(self, article_id: str, starred: bool) -> ReadingState:
        return self._edit_reading(article_id, lambda state: replace(state, starred=starred))

    @_serialized
    def set_article_tags(self, article_id: str, tags: Sequence[str]) -> ReadingState:
        """The user's own tags on an article (import tags stay as they are)."""
        clean = clean_tags(tags)
        return self._edit_reading(article_id, lambda state: replace(state, tags=clean))

    @_serialized
    def save_position(self, article_id: str, offset: int) -> ReadingState:
        """Where the reader is in the text; also stamps last_read."""
        position = max(0, offset)
        return self._edit_reading(
            article_id, lambda state: replace(state, position=position, last_read=_now())
        )

    # -- counts and tags ------------------------------------------------------

    @_serialized
    def note_counts(self) -> dict[str, int]:
        """How many notes (and highlights) each article has; articles without any are absent."""
        counts: dict[str, int] = {}
        for data_file in self._note_files_to_scan():
            for article_id, number in self._note_summary(data_file)[0].items():
                counts[article_id] = counts.get(article_id, 0) + number
        return counts

    @_serialized
    def tag_counts(self) -> dict[str, int]:
        """Articles (import or user tags) plus notes carrying each tag, most used first.

        Tags differing only in case count as one, shown as first seen.
        """
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}

        def count(tags: Collection[str]) -> None:
            for tag in tags:
                shown.setdefault(tag.casefold(), tag)
            for key in {tag.casefold() for tag in tags}:
                counts[key] = counts.get(key, 0) + 1

        states = self._search.states()
        for article_id, doc in self._articles().items():
            state = states.get(article_id)
            count([*doc.get("tags", ()), *(state.tags if state else ())])
        for data_file in self._note_files_to_scan():
            for tags in self._note_summary(data_file)[1]:
                count(tags)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], shown[item[0]].casefold()))
        return {shown[key]: number for key, number in ranked}

    # -- search ---------------------------------------------------------------

    @_serialized
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Articles matching a query (see tui.search.query_parser), best first.

        A query that cannot be parsed raises QueryError (a ValueError) whose
        message names the bad part. Only filters, or nothing: every matching
        article, newest first.
        """
        return self._search.search(query, limit)

    @_serialized
    def rebuild_search_index(self) -> None:
        """Index every article again (the index also rebuilds itself when missing or damaged)."""
        self._search.rebuild()

    @_serialized
    def saved_searches(self) -> list[SavedSearch]:
        docs = self._user.read().get("saved_searches", {})
        ordered = dict(sorted(docs.items(), key=lambda item: int(item[0])))
        checked = codec.checked_records(
            ordered, codec.checked_saved_search, self._user.path, self._notices.add
        )
        return [SavedSearch(doc["name"], doc["query"]) for doc in checked]

    @_serialized
    def save_search(self, name: str, query: str) -> SavedSearch:
        """Store a named query (replacing one of the same name); a bad query raises QueryError."""
        clean = clean_line(name)
        if not clean:
            raise ValueError("a saved search needs a name")
        query = clean_line(query)
        parse_query(query)
        saved = SavedSearch(clean, query)
        with self._user.edit() as user:
            docs = user.setdefault("saved_searches", {})
            key = _find(docs, "name", clean) or str(next_doc_id(docs))
            docs[key] = {"name": saved.name, "query": saved.query}
        return saved

    @_serialized
    def delete_saved_search(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        with self._user.edit() as user:
            docs = user.get("saved_searches", {})
            # As shown (a name another program stored may hold anything), or as typed.
            key = _find(docs, "name", name) or _find(docs, "name", clean_line(name))
            if key is None:
                return False
            del docs[key]
        return True
