"""The Library's reads, each kept until its file is re-read or changes.

The storage hands back the same tables while a file is unchanged, so their
identity (or the file's stamp, for scans that do not keep the tables) tells
when a cache is stale. Browsing asks for the catalog for every article shown,
search reads a body for each hit, and a TinyDB scan of 10k documents costs
~10 ms: without these caches the app stutters at 100k articles.

This is also what LibrarySearch reads the library through (see SearchSource).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from tui.models import Article, ArticleSummary, Entity, ReadingState, text_hash
from tui.store import codec, record_checks
from tui.store.data_file import DataFile
from tui.store.entity_corrections import EntityCorrections
from tui.store.errors import AmbiguousIdError, ArticleNotFoundError, LibraryError
from tui.store.reading_states import ReadingStates
from tui.store.recent_bodies import RecentBodies
from tui.store.record_rules import Report
from tui.store.schema import Tables
from tui.store.shards import BODIES_DIR, ENTITIES_DIR, NOTES_DIR, Shards, shard_name

MIN_PREFIX = 4
"""Shorter id prefixes are too likely to match by accident."""
_RECURRING = ("source", "language", "date", "imported_at", codec.ENTITIES_VERSION)
"""Catalog fields whose values recur from article to article: kept once each (3 MB at 10k)."""
NoteSummary = tuple[dict[str, int], list[list[str]]]
"""Notes per article, and the tags of each tagged note, in one notes file."""


def resolve_among(
    ids: Collection[str], id_or_prefix: str, folder: Path, place: str = "library"
) -> str:
    """The one of `ids` meant by an id or a unique prefix of at least MIN_PREFIX characters."""
    wanted = id_or_prefix.strip()
    if wanted in ids:
        return wanted
    if len(wanted) >= MIN_PREFIX:
        low = wanted.lower()
        matches = sorted(i for i in ids if i.lower().startswith(low))
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousIdError(wanted, matches, folder)
    raise ArticleNotFoundError(wanted, folder, place)


class LibraryReader:
    """Checked, cached reads of the catalog, the body, entity and notes shards."""

    def __init__(
        self,
        shards: Shards,
        states: ReadingStates,
        corrections: EntityCorrections,
        report: Report,
    ) -> None:
        self._shards = shards
        self._states = states
        self._corrections = corrections
        self._report = report
        self._articles: dict[str, dict[str, Any]] = {}
        self._articles_source: object = None
        # The catalog the order was made from, the summaries in order, their ids, and
        # each id's place (the reader steps from article to article by it).
        self._order: tuple[object, list[ArticleSummary], list[str], dict[str, int]] | None = None
        self._bodies = RecentBodies()
        self._entities: dict[str, dict[str, Any]] = {}
        self._entities_source: tuple[object, ...] = ()
        self._names: dict[str, tuple[object, dict[str, int]]] = {}
        self._counts: tuple[list[dict[str, int]], dict[str, int]] = ([], {})
        self._note_summaries: dict[str, tuple[object, NoteSummary]] = {}

    def checked(
        self, path: Path, tables: Tables, name: str, check: record_checks.RecordCheck
    ) -> list[dict[str, Any]]:
        """A table's usable records, each wrong field said (see record_checks.checked_records)."""
        return record_checks.checked_records(tables.get(name, {}), check, path, self._report)

    # -- articles ---------------------------------------------------------------

    def articles(self) -> dict[str, dict[str, Any]]:
        """Catalog entries by article id (read-only), rebuilt only when the catalog was re-read."""
        tables = self._shards.catalog.read()
        if tables is not self._articles_source:
            docs = tables.get("articles", {})
            self._articles = record_checks.checked_catalog(
                docs, self._shards.catalog.path, self._report
            )
            for doc in self._articles.values():  # equal strings made one: nothing else changes
                for field in _RECURRING:
                    if type(doc.get(field)) is str:
                        doc[field] = codec.shared(doc[field])
            self._articles_source = tables
        return self._articles

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
        return resolve_among(self.articles(), id_or_prefix, self._shards.folder)

    def article(self, full_id: str, asked: str) -> Article:
        """An article by full id (`asked` as given), from its shard's entry or the catalog's."""
        stored = self.shard_record(full_id)
        if stored is not None:
            return stored
        doc = self.articles().get(full_id)
        if doc is None:  # deleted by another process just now
            raise ArticleNotFoundError(asked, self._shards.folder)
        text = self.body(full_id, doc.get("text_hash"))
        if text is None:
            raise LibraryError(
                f"the text of article {full_id!r} is missing or outdated in "
                f"{self._shards.of(BODIES_DIR, full_id).path} (interrupted import?): "
                "import the article again"
            )
        return codec.article_from(doc, text)

    def summaries(self) -> list[ArticleSummary]:
        """Every article without its text: newest first (undated last), then by title.

        Kept until the catalog changes: the reader asks for the order at every
        step to the next article, and sorting 100k summaries takes a second.
        """
        articles = self.articles()
        if self._order is None or self._order[0] is not articles:
            summaries = [codec.summary_from(doc) for doc in articles.values()]
            summaries.sort(key=lambda s: (s.title.casefold(), s.id))
            summaries.sort(key=lambda s: s.date or "", reverse=True)  # stable: titles stay sorted
            ids = [summary.id for summary in summaries]
            self._order = (articles, summaries, ids, {i: place for place, i in enumerate(ids)})
        return self._order[1]

    def article_order(self) -> tuple[list[str], dict[str, int]]:
        """The ids in library order and each one's place (shared: do not modify)."""
        self.summaries()
        assert self._order is not None
        return self._order[2], self._order[3]

    def body(self, article_id: str, expected_hash: object) -> str | None:
        """The stored text, or None when it is missing or is not the one the catalog describes."""
        text = self._bodies.text(self._shards.of(BODIES_DIR, article_id), article_id)
        if not isinstance(text, str) or text_hash(text) != expected_hash:
            return None
        return text

    def in_read_order(self, article_ids: Collection[str]) -> list[str]:
        """These ids in the order that reads their texts shard by shard (each parsed once)."""
        return sorted(article_ids, key=lambda article_id: (shard_name(article_id), article_id))

    def shard_record(self, article_id: str) -> Article | None:
        """The article as its body shard holds it, if the shard has its entry and text.

        The reader shows an article from this alone: the catalog is not parsed.
        """
        if not article_id:
            return None
        data_file = self._shards.of(BODIES_DIR, article_id)
        records = {
            doc["id"]: (key, doc)
            for key, doc in self._bodies.tables(data_file).get("bodies", {}).items()
            if isinstance(doc.get("article"), dict) and isinstance(doc.get("id"), str)
        }
        found = records.get(article_id)
        if found is None:
            return None
        key, record = found
        entry, text = record["article"], record.get("text")
        if not isinstance(text, str) or text_hash(text) != entry.get("text_hash"):
            return None
        doc = record_checks.checked_entry(entry, data_file.path, key, self._report)
        return None if doc is None else codec.article_from(doc, text)

    # -- entities ---------------------------------------------------------------

    # Every read below but stored_entity_doc gives the entities as the user corrected them.

    def corrected(self, doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """An entity document as stored, with the user's corrections made."""
        return self._corrections.corrector().doc(doc)

    def corrections_version(self) -> str:
        """Changes whenever the corrections do (the search index watches it)."""
        return self._corrections.version()

    def entity_docs(self) -> dict[str, dict[str, Any]]:
        """Every article's entity document by article id, rebuilt when a shard was re-read."""
        files = self._shards.readable(ENTITIES_DIR)
        corrector = self._corrections.corrector()
        tables = [data_file.read() for data_file in files]
        source = (corrector, *tables)  # a new correction is a change too
        if len(source) != len(self._entities_source) or any(
            a is not b for a, b in zip(source, self._entities_source, strict=False)
        ):
            self._entities = {
                doc["article_id"]: corrector.doc(doc) or doc
                for data_file, table in zip(files, tables, strict=True)
                for doc in self.checked(
                    data_file.path, table, "entities", record_checks.checked_entities
                )
            }
            self._entities_source = source
        return self._entities

    def entity_doc(self, article_id: str) -> dict[str, Any] | None:
        """One article's entity document, corrected: only its shard is read."""
        return self.corrected(self.stored_entity_doc(article_id))

    def stored_entity_doc(self, article_id: str) -> dict[str, Any] | None:
        """One article's entity document as the extractor left it (what the trash keeps)."""
        for data_file in self._shards.readable(ENTITIES_DIR, article_id):
            for key, doc in data_file.read().get("entities", {}).items():
                if doc.get("article_id") == article_id:
                    return record_checks.checked_entities(doc, data_file.path, key, self._report)
        return None

    def entity_names(self, data_file: DataFile) -> dict[str, int]:
        """Articles naming each entity (case-folded) in one file, kept until it changes.

        The file is not kept: at 10k articles the entity shards take 60 MB.
        """
        corrector = self._corrections.corrector()
        stamp = data_file.storage.stamp()
        cached = self._names.get(str(data_file.path))
        if stamp is not None and cached is not None and cached[0] == (stamp, corrector):
            return cached[1]
        counts: dict[str, int] = {}
        tables = data_file.read(keep=False)
        for stored in self.checked(
            data_file.path, tables, "entities", record_checks.checked_entities
        ):
            doc = corrector.doc(stored) or stored
            # interned: the same names recur in every shard (they were 9 MB of copies at 10k)
            for name in {
                sys.intern(entity["name"].casefold()) for entity in doc.get("entities", ())
            }:
                counts[name] = counts.get(name, 0) + 1
        self._names[str(data_file.path)] = ((stamp, corrector), counts)
        return counts

    def entity_article_counts(self) -> dict[str, int]:
        """How many articles name each entity, by case-folded entity name, shard by shard;
        added up again only when a shard's names changed (shared: do not modify)."""
        per_file = [self.entity_names(f) for f in self._shards.readable(ENTITIES_DIR)]
        source, total = self._counts
        changed = len(per_file) != len(source) or any(
            a is not b for a, b in zip(per_file, source, strict=True)
        )
        if changed:
            total = {}
            for names in per_file:
                for name, count in names.items():
                    total[name] = total.get(name, 0) + count
            self._counts = (per_file, total)
        return total

    def articles_naming(self, name: str) -> list[tuple[ArticleSummary, Entity]]:
        """Every article with an entity of this name (case-insensitive), in library order."""
        wanted = name.casefold()
        found: dict[str, Entity] = {}
        for article_id, doc in self.entity_docs().items():
            for entity in doc.get("entities", ()):
                if entity["name"].casefold() == wanted:
                    found[article_id] = codec.entity_from(entity)
                    break
        return [(s, found[s.id]) for s in self.summaries() if s.id in found]

    # -- notes ------------------------------------------------------------------

    def note_docs(self) -> Iterator[dict[str, Any]]:
        """Every note document, shard by shard, none kept: a scan must not hold every shard,
        nor every document at once (20k notes' documents took 35 MB)."""
        for data_file in self._shards.readable(NOTES_DIR):
            yield from self.checked(
                data_file.path, data_file.read(keep=False), "notes", record_checks.checked_note
            )

    def notes_version(self) -> tuple[object, ...] | None:
        """Changes whenever any note changes; None when a file is too fresh to tell."""
        files = self._shards.readable(NOTES_DIR)
        stamps = [(f.path.name, f.storage.stamp()) for f in files]
        return None if any(stamp is None for _, stamp in stamps) else tuple(stamps)

    def note_summary(self, data_file: DataFile) -> NoteSummary:
        """Notes per article and the tags of each tagged note in a file, kept until it changes."""
        stamp = data_file.storage.stamp()
        cached = self._note_summaries.get(str(data_file.path))
        if stamp is not None and cached is not None and cached[0] == stamp:
            return cached[1]
        counts: dict[str, int] = {}
        tags: list[list[str]] = []
        tables = data_file.read(keep=False)
        for doc in self.checked(data_file.path, tables, "notes", record_checks.checked_note):
            counts[doc["article_id"]] = counts.get(doc["article_id"], 0) + 1
            if doc.get("tags"):
                tags.append(doc["tags"])
        self._note_summaries[str(data_file.path)] = (stamp, (counts, tags))
        return counts, tags

    # -- reading state ----------------------------------------------------------

    def tag_counts(self, note_tags: list[list[str]]) -> dict[str, int]:
        """Articles (import or user tags) plus these notes' tags, by tag, most used first.

        Tags differing only in case count as one, shown as first seen.
        """
        counts: dict[str, int] = {}
        shown: dict[str, str] = {}

        def count(tags: Collection[str]) -> None:
            for tag in tags:
                shown.setdefault(tag.casefold(), tag)
            for key in {tag.casefold() for tag in tags}:
                counts[key] = counts.get(key, 0) + 1

        states = self._states.all()
        for article_id, doc in self.articles().items():
            state = states.get(article_id)
            count([*doc.get("tags", ()), *(state.tags if state else ())])
        for tags in note_tags:
            count(tags)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], shown[item[0]].casefold()))
        return {shown[key]: number for key, number in ranked}

    def reading_states(self) -> dict[str, ReadingState]:
        """Stored reading states by article id (cached: do not modify)."""
        return self._states.all()
