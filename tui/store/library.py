"""The Library: the only door to stored articles, entities, notes and reading state.

Files in the library folder, split by how often they change so that a note
save never rewrites an article:

- `catalog.json`: article metadata and blocks (`articles`) and entities
  (`entities`); written at import.
- `bodies/<2 hex>.json`: article texts, sharded by id; written at import only.
- `user.json`: notes (`notes`) and reading state (`reading`); written often.

Each mutating method is one locked read-modify-write per file (see DataFile),
so several Library objects or processes on one folder never lose each other's
writes. Body shards are only written while holding the catalog's lock.
"""

from __future__ import annotations

import functools
import hashlib
import string
import threading
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from tinydb import where

from tui.models import Article, ArticleSummary, Entity, Note, ReadingState, text_hash
from tui.store import codec
from tui.store.data_file import DataFile, next_doc_id
from tui.store.errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    LibraryError,
    NoteNotFoundError,
)

CATALOG_FILE = "catalog.json"
USER_FILE = "user.json"
BODIES_DIR = "bodies"
MIN_PREFIX = 4
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
        tables[name] = {k: doc for k, doc in tables[name].items() if doc.get(field) not in values}


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
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).expanduser()
        try:
            (self.folder / BODIES_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create library folder {self.folder}: {exc}") from exc
        self._guard = threading.RLock()
        self._closed = False
        self._catalog = DataFile(self.folder / CATALOG_FILE)
        self._user = DataFile(self.folder / USER_FILE)
        self._shards: dict[str, DataFile] = {}
        self._index: dict[str, dict[str, Any]] = {}
        self._index_source: object = None
        self._entities_index: dict[str, dict[str, Any]] = {}
        self._entities_source: object = None
        self._entity_counts: dict[str, int] | None = None
        self._catalog.open()
        self._user.open()

    def __repr__(self) -> str:
        return f"Library({str(self.folder)!r})"

    def close(self) -> None:
        with self._guard:
            if self._closed:
                return
            self._closed = True
            for data_file in (self._catalog, self._user, *self._shards.values()):
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

    def _shard(self, article_id: str) -> DataFile:
        name = shard_name(article_id)
        shard = self._shards.get(name)
        if shard is None:
            path = self.folder / BODIES_DIR / f"{name}.json"
            shard = DataFile(path, lock=self._catalog.storage.lock)
            self._shards[name] = shard
        return shard

    @_serialized
    def is_empty(self) -> bool:
        return not self._articles()

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
        with self._catalog.edit() as catalog:
            docs = catalog.setdefault("articles", {})
            key_of = {doc["id"]: key for key, doc in docs.items()}
            next_key = next_doc_id(docs)
            texts: dict[str, str] = {}  # article id -> text to write to its shard
            changed_texts: set[str] = set()
            for article in articles:
                doc = codec.article_doc(article)
                key = key_of.get(article.id)
                old = None if key is None else docs[key]
                text_changed = old is None or old.get("text_hash") != doc["text_hash"]
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
                docs[key] = doc
                if text_changed or text_lost:
                    texts[article.id] = article.text
                if old is not None and text_changed:
                    changed_texts.add(article.id)
            if changed_texts:
                _remove_where(catalog, "entities", "article_id", changed_texts)
            by_shard: dict[str, dict[str, str]] = {}
            for article_id, text in texts.items():
                by_shard.setdefault(shard_name(article_id), {})[article_id] = text
            for name, shard_texts in by_shard.items():  # inside the edit: before the catalog write
                self._write_bodies(name, shard_texts)
        return results

    def _write_bodies(self, shard: str, texts: dict[str, str]) -> None:
        with self._shard(shard).edit() as tables:
            bodies = tables.setdefault("bodies", {})
            key_of = {doc["id"]: key for key, doc in bodies.items()}
            next_key = next_doc_id(bodies)
            for article_id, text in texts.items():
                key = key_of.get(article_id)
                if key is None:
                    key = str(next_key)
                    next_key += 1
                bodies[key] = {"id": article_id, "text": text}

    def _articles(self) -> dict[str, dict[str, Any]]:
        """Catalog entries by article id (read-only), rebuilt only when the catalog was re-read.

        The storage hands back the same dict while the file is unchanged, so
        its identity tells when the index is stale. Browsing calls this for
        every article shown, and a scan of 10k TinyDB documents costs ~10 ms.
        """
        tables = self._catalog.read()
        if tables is not self._index_source:
            docs = tables.get("articles", {}).values()
            self._index = {doc["id"]: doc for doc in docs}
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
        full_id = self.resolve_id(article_id)
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

    def _body(self, article_id: str, expected_hash: object) -> str | None:
        """The stored text, or None when it is missing or is not the one the catalog describes."""
        body = self._shard(article_id).table("bodies").get(where("id") == article_id)
        text = None if body is None else body.get("text")
        if not isinstance(text, str) or text_hash(text) != expected_hash:
            return None
        return text

    @_serialized
    def list_articles(self) -> list[ArticleSummary]:
        """Every article without its text: newest first (undated last), then by title."""
        summaries = [codec.summary_from(doc) for doc in self._articles().values()]
        summaries.sort(key=lambda s: (s.title.casefold(), s.id))
        summaries.sort(key=lambda s: s.date or "", reverse=True)  # stable: titles stay sorted
        return summaries

    @_serialized
    def article_ids(self) -> list[str]:
        return [summary.id for summary in self.list_articles()]

    @_serialized
    def delete_article(self, article_id: str) -> None:
        """Remove an article with its text, entities, notes and reading state."""
        with self._catalog.storage.locked():
            with self._catalog.edit() as catalog:
                articles = catalog.get("articles", {})
                key = _find(articles, "id", article_id)
                if key is None:
                    raise ArticleNotFoundError(article_id, self.folder)
                del articles[key]
                _remove_where(catalog, "entities", "article_id", {article_id})
            with self._shard(article_id).edit() as shard:
                _remove_where(shard, "bodies", "id", {article_id})
        with self._user.edit() as user:
            _remove_where(user, "notes", "article_id", {article_id})
            _remove_where(user, "reading", "article_id", {article_id})

    def _require_article(self, article_id: str) -> None:
        if article_id not in self._articles():
            raise ArticleNotFoundError(article_id, self.folder)

    # -- entities -------------------------------------------------------------

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
        """set_entities for many articles with one write: what a bulk import needs."""
        with self._catalog.edit() as catalog:
            known = {doc["id"] for doc in catalog.get("articles", {}).values()}
            table = catalog.setdefault("entities", {})
            key_of = {doc["article_id"]: key for key, doc in table.items()}
            next_key = next_doc_id(table)
            for article_id, entities in items:
                if article_id not in known:
                    raise ArticleNotFoundError(article_id, self.folder)
                key = key_of.get(article_id)
                if key is None:
                    key = key_of[article_id] = str(next_key)
                    next_key += 1
                table[key] = {
                    "article_id": article_id,
                    "extractor_version": extractor_version,
                    "entities": [codec.entity_doc(entity) for entity in entities],
                }

    def _entity_docs(self) -> dict[str, dict[str, Any]]:
        """Entity documents by article id, rebuilt only when the catalog was re-read."""
        tables = self._catalog.read()
        if tables is not self._entities_source:
            docs = tables.get("entities", {}).values()
            self._entities_index = {doc["article_id"]: doc for doc in docs}
            self._entities_source = tables
            self._entity_counts = None
        return self._entities_index

    def _entities_doc(self, article_id: str) -> dict[str, Any] | None:
        return self._entity_docs().get(article_id)

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
    def entity_article_counts(self) -> dict[str, int]:
        """How many articles name each entity, by case-folded entity name (cached)."""
        docs = self._entity_docs()
        if self._entity_counts is None:
            counts: dict[str, int] = {}
            for doc in docs.values():
                for name in {entity["name"].casefold() for entity in doc.get("entities", ())}:
                    counts[name] = counts.get(name, 0) + 1
            self._entity_counts = counts
        return dict(self._entity_counts)

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

    @_serialized
    def add_note(self, note: Note) -> Note:
        """Store a note; fills an empty id and timestamps.

        A note that already has an id and timestamps (one returned by
        delete_note) is stored as it was, so add_note is also "undo delete".
        """
        self._require_article(note.article_id)
        now = _now()
        stored = replace(
            note,
            id=note.id or uuid.uuid4().hex,
            created=note.created or now,
            updated=note.updated or note.created or now,
        )
        with self._user.edit() as user:
            notes = user.setdefault("notes", {})
            key = _find(notes, "id", stored.id) or str(next_doc_id(notes))
            notes[key] = codec.note_doc(stored)
        return stored

    @_serialized
    def update_note(self, note: Note) -> Note:
        """Change a note's body, tags, colour, anchor or orphaned flag; bumps `updated`."""
        with self._user.edit() as user:
            notes = user.get("notes", {})
            key = _find(notes, "id", note.id)
            if key is None:
                raise NoteNotFoundError(note.id, self.folder)
            stored = replace(
                codec.note_from(notes[key]),
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
    def delete_note(self, note_id: str) -> Note:
        """Remove a note and return it, so the caller can undo with add_note."""
        with self._user.edit() as user:
            notes = user.get("notes", {})
            key = _find(notes, "id", note_id)
            if key is None:
                raise NoteNotFoundError(note_id, self.folder)
            return codec.note_from(notes.pop(key))

    @_serialized
    def notes(self, article_id: str | None = None) -> list[Note]:
        """Notes in reading order: article-level first, then by anchor start, then age.

        All notes are grouped by article id.
        """
        table = self._user.table("notes")
        if article_id is None:
            docs = table.all()
        else:
            docs = table.search(where("article_id") == article_id)
        return sorted((codec.note_from(doc) for doc in docs), key=_note_order)

    # -- reading state --------------------------------------------------------

    @_serialized
    def reading_state(self, article_id: str) -> ReadingState:
        doc = self._user.table("reading").get(where("article_id") == article_id)
        return ReadingState(article_id) if doc is None else codec.reading_from(doc)

    @_serialized
    def save_reading_state(self, state: ReadingState) -> None:
        """Store where the reader is; writes nothing when the state did not change."""
        self._require_article(state.article_id)
        with self._user.edit() as user:
            reading = user.setdefault("reading", {})
            key = _find(reading, "article_id", state.article_id) or str(next_doc_id(reading))
            reading[key] = codec.reading_doc(state)
