"""Keeps the search index in step with the catalog, and runs searches for the Library.

The index file records a stamp of the catalog it reflects (the catalog file's
inode, size and mtime, and a digest of the user's entity corrections, which
change the entity names indexed). A search first compares that stamp with the
catalog's: equal, the index is current; the saved file is current (another process
updated it), it is loaded; otherwise the index is compared with the catalog
article by article (text hash, and a signature of title, tags, date, source
and entity names) and only what differs is indexed again. Library writes call
`after_write` while still holding the catalog lock, with the ids they changed,
so the usual case touches only those articles and re-reads no text.

The library is read through one narrow SearchSource (the Library's
LibraryReader), so this module knows no file layout and no Library.

Notes and reading state are not in the file: they are read from the notes
shards and user.json at search time (cached while the files are unchanged), so
saving a note or starring an article never rewrites the index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import tui.search as tui_search
from tui.models import Note, ReadingState, SearchHit
from tui.store import codec, record_checks
from tui.store.data_file import DataFile
from tui.store.record_rules import Report
from tui.store.schema import Tables
from tui.store.search_index_file import SearchIndexFile

Docs = Mapping[str, dict[str, Any]]
EntityOf = Callable[[str], dict[str, Any] | None]
"""An article's entity document by id (None: it has none)."""
_SNAPSHOT_TRIES = 5


class SearchSource(Protocol):
    """What the search reads from the library: checked records, cached by the reader."""

    def articles(self) -> Docs:
        """Catalog entries by article id."""

    def body(self, article_id: str, expected_hash: object) -> str | None:
        """An article's text, or None when missing or not the one the catalog describes."""

    def in_read_order(self, article_ids: Collection[str]) -> list[str]:
        """These ids in the order that reads their texts cheapest (few texts are kept)."""

    def entity_docs(self) -> Docs:
        """Every article's entity document by article id."""

    def entity_doc(self, article_id: str) -> dict[str, Any] | None:
        """One article's entity document (only its shard is read)."""

    def corrected(self, doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """An entity document as stored, with the user's corrections made."""

    def corrections_version(self) -> str:
        """Changes whenever the user's entity corrections do; empty when there are none."""

    def note_docs(self) -> Iterable[dict[str, Any]]:
        """Every note document."""

    def notes_version(self) -> object | None:
        """Changes whenever any note changes; None when it cannot tell."""

    def reading_states(self) -> dict[str, ReadingState]:
        """Stored reading states by article id."""


class LibrarySearch:
    """The Library's search index and notes index, kept in step with the files."""

    def __init__(
        self, folder: Path, catalog: DataFile, source: SearchSource, report: Report
    ) -> None:
        self.file = SearchIndexFile(folder)
        self._catalog = catalog
        self._source = source
        self._report = report
        self._index: tui_search.SearchIndex | None = None
        self._notes: tui_search.NoteIndex | None = None
        self._by_entity: tuple[tui_search.NoteIndex | None, dict[str, list[tuple[int, Note]]]]
        self._by_entity = (None, {})
        self._notes_source: object = None

    def close(self) -> None:
        """Let go of the index, and so of the index file it maps: a closed library keeps
        no file of its folder open (a mount of it can be unmounted)."""
        self._index = None
        self._notes = None

    # -- queries ----------------------------------------------------------------

    def search(
        self,
        text: str,
        limit: int,
        feed_members: Callable[[], dict[str, set[str]]],
        *,
        as_typed: bool = True,
    ) -> list[SearchHit]:
        """`feed_members` gives each feed's articles by name, read only for a `feed:` query."""
        query = tui_search.parse_query(text, as_typed=as_typed)  # a QueryError goes to the caller
        states = self._source.reading_states()
        feeds = feed_members() if query.feeds else {}
        index, notes = self.current(), self.note_index()
        searcher = tui_search.Searcher(index, notes, states, self._text_of, feeds)
        return searcher.search(query, limit)

    def find_notes(self, text: str) -> list[Note]:
        """Notes matching a query, newest first (see tui.search.note_finder)."""
        query = tui_search.parse_query(text)
        states = self._source.reading_states()
        searcher = tui_search.Searcher(self.current(), self.note_index(), states, self._text_of)
        from tui.search.note_finder import find_notes

        return find_notes(searcher, query)

    def _text_of(self, article_id: str) -> str | None:
        doc = self._source.articles().get(article_id)
        return None if doc is None else self._source.body(article_id, doc.get("text_hash"))

    def note_index(self) -> tui_search.NoteIndex:
        version = self._source.notes_version()
        if self._notes is None or version is None or version != self._notes_source:
            notes = [codec.note_from(doc) for doc in self._source.note_docs()]
            self._notes = tui_search.NoteIndex.build(notes, self._notes)
            self._notes_source = version
        return self._notes

    def entity_notes(self, names: Collection[str]) -> list[Note]:
        """Every note about an entity of these names (case-insensitive), in any article;
        by name from a table kept with the note index (at 100k articles scanning its
        200k notes took 8 ms at each article switch)."""
        index = self.note_index()
        if self._by_entity[0] is not index:
            by_entity: dict[str, list[tuple[int, Note]]] = {}
            for place, note in enumerate(index.notes):
                if note.entity:
                    by_entity.setdefault(note.entity.casefold(), []).append((place, note))
            self._by_entity = (index, by_entity)
        table = self._by_entity[1]
        wanted = {name.casefold() for name in names}
        found = sorted(found for name in wanted for found in table.get(name, ()))
        return [note for _, note in found]  # in the index's order, as a scan gave them

    # -- keeping the index current ---------------------------------------------

    def catalog_stamp(self) -> list[int | str] | None:
        """The catalog's version, and the corrections' (they change the entities indexed)."""
        try:
            st = os.stat(self._catalog.path)
        except OSError:
            return None
        corrections = self._source.corrections_version()
        return [st.st_ino, st.st_size, st.st_mtime_ns, *([corrections] if corrections else [])]

    def current(self) -> tui_search.SearchIndex:
        """The index, brought up to date with the catalog first if it changed.

        A saved index of this very catalog is loaded without reading the
        catalog or any entity shard: that is every search of a new process.
        """
        index = self._index
        stamp = self.catalog_stamp()
        if index is not None and index.stamp is not None and index.stamp == stamp:
            return index
        if index is None and stamp is not None and self.file.stamp() == stamp:
            loaded = self.file.load()
            if loaded is not None and loaded.stamp == stamp:
                self._index = loaded
                return loaded
        return self._sync()

    def after_write(
        self,
        before: Any,
        article_ids: Collection[str],
        texts: Mapping[str, str] | None,
        catalog: Tables,
        entities: Mapping[str, dict[str, Any] | None] | None = None,
    ) -> None:
        """Index what a catalog write changed; call it holding the catalog lock.

        `before` is the catalog's stamp just before the write: if the index
        reflected it, only `article_ids` need a look (with `texts` and
        `entities`, their new entity documents, at hand; the others' are read
        from their shards). `catalog` is what was just written, so nothing is
        read back from disk (the storage would re-read a file this fresh).
        """
        articles = record_checks.checked_catalog(
            catalog.get("articles", {}), self._catalog.path, self._report
        )
        given = entities or {}

        def entity_of(article_id: str) -> dict[str, Any] | None:
            if article_id in given:
                return self._source.corrected(given[article_id])
            return self._source.entity_doc(article_id)

        self._sync(before, article_ids, texts or {}, (self.catalog_stamp(), articles, entity_of))

    def _snapshot(self) -> tuple[list[int | str] | None, Docs, EntityOf]:
        """The catalog's stamp and its articles and entities, read from that same version."""
        for _ in range(_SNAPSHOT_TRIES):
            before = self.catalog_stamp()
            articles, entities = self._source.articles(), self._source.entity_docs()
            if self.catalog_stamp() == before:
                return before, articles, entities.get
        return None, articles, entities.get  # a busy writer: index now, check again next time

    def _sync(
        self,
        before: Any = None,
        article_ids: Collection[str] | None = None,
        texts: Mapping[str, str] | None = None,
        snapshot: tuple[list[int | str] | None, Docs, EntityOf] | None = None,
    ) -> tui_search.SearchIndex:
        """Bring the index in step with the catalog: keep, load, patch or (last) build it."""
        stamp, articles, entities = snapshot or self._snapshot()
        index = self._index
        if index is not None and stamp is not None and index.stamp == stamp:
            return index
        on_disk = self.file.stamp()
        stale = index is None or (before is not None and index.stamp != before)
        if (stamp is not None and on_disk == stamp) or (
            stale and (index is None or on_disk == before)
        ):
            # the saved index is current, or a better start than ours: another process kept it
            loaded = self.file.load()
            if loaded is not None and stamp is not None and loaded.stamp == stamp:
                self._index = loaded
                return loaded
            index = loaded or index
        if index is None:
            index = tui_search.SearchIndex()
        only = None
        if article_ids is not None and before is not None and index.stamp == before:
            only = article_ids
        changed = self._apply(index, articles, entities, only, texts or {})
        index.stamp = stamp
        self._index = index
        writable = self._catalog.storage.read_only is None  # a read-only library: memory only
        if stamp is not None and (changed or on_disk != stamp) and writable:
            self.file.save(index)
        return index

    def _apply(
        self,
        index: tui_search.SearchIndex,
        articles: Docs,
        entity_of: EntityOf,
        only: Collection[str] | None,
        texts: Mapping[str, str],
    ) -> bool:
        """Make the index agree with the catalog on `only` these ids (None: all).

        True when anything changed.
        """
        changed = False
        indexed = index.article_ids()
        wanted = (indexed | set(articles)) if only is None else set(only)
        for article_id in self._source.in_read_order(wanted):
            doc = articles.get(article_id)
            if doc is None:
                if article_id in indexed:
                    index.remove(article_id)
                    changed = True
                continue
            text_hash = doc.get("text_hash")
            if index.body_hash(article_id) != text_hash:
                text = texts.get(article_id)
                if text is None:
                    text = self._source.body(article_id, text_hash)
                # a missing text is indexed as empty, under no hash, so the next check retries it
                stored_hash = "" if text is None else str(text_hash)
                index.set_body(article_id, stored_hash, text or "")
                changed = True
            names = _entity_names(entity_of(article_id))
            meta = tui_search.ArticleMeta.of(
                article_id,
                doc.get("title") or "",
                doc.get("date"),
                doc.get("source"),
                doc.get("tags") or (),
                names,
            )
            known = index.meta(article_id)
            if known is None or known.signature != meta.signature:
                index.set_meta(meta, names)
                changed = True
        return changed


def _entity_names(doc: dict[str, Any] | None) -> list[str]:
    """Every entity name and alias of an article, in stored order."""
    if doc is None:
        return []
    names: list[str] = []
    for entity in doc.get("entities", ()):
        names.append(entity["name"])
        names.extend(entity.get("aliases", ()))
    return names
