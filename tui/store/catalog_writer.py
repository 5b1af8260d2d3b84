"""Writes that change the catalog: articles stored, entities set.

Each is one locked read-modify-write of catalog.json, with the body and
entity shards it touches written first, inside the same lock: a crash in
between leaves an unused text or entity document, never a catalog entry
without its text. The search index catches up before the lock is let go
(LibrarySearch.after_write), told which ids changed so it re-reads nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from tui.models import Article, Entity
from tui.store import codec
from tui.store.codec import ENTITIES_VERSION
from tui.store.data_file import keys_by, next_doc_id, upsert
from tui.store.errors import ArticleNotFoundError
from tui.store.library_reader import LibraryReader
from tui.store.library_search import LibrarySearch
from tui.store.schema import Tables
from tui.store.shards import BODIES_DIR, NOTES_DIR, Shards, remove_where


class CatalogWriter:
    """Stores articles and their entities, keeping the search index in step."""

    def __init__(self, shards: Shards, reader: LibraryReader, search: LibrarySearch) -> None:
        self._shards = shards
        self._reader = reader
        self._search = search

    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store articles: "added", "updated" (text or metadata changed) or "unchanged" each.

        A changed text drops the article's entities (their offsets point into
        the old text) but keeps its notes, which carry their own anchors.
        "unchanged" ignores `imported_at`, so re-importing a file writes nothing.
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
                    and self._reader.body(article.id, doc["text_hash"]) is None
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
            # inside the edit: the bodies are written before the catalog
            self._shards.write_bodies([(entries[i], text) for i, text in texts.items()])
            self._shards.drop_entities(changed_texts)
        return results

    def set_entities(
        self, items: Sequence[tuple[str, Sequence[Entity]]], extractor_version: str
    ) -> None:
        """Replace these articles' entities, remembering which extractor found them.

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
                    raise ArticleNotFoundError(article_id, self._shards.folder)
            self._shards.store_entity_docs(list(docs.values()))  # before the catalog
            for article_id in docs:
                key = key_of[article_id]
                articles[key] = {**articles[key], ENTITIES_VERSION: extractor_version}

    def delete_article(self, article_id: str) -> None:
        """Remove an article with its text, entities, notes and reading state."""
        with self._shards.catalog.storage.locked():
            if article_id not in self._reader.articles():
                raise ArticleNotFoundError(article_id, self._shards.folder)
            # The text first: a body with its entry is shown without the catalog.
            with self._shards.of(BODIES_DIR, article_id).edit() as shard:
                remove_where(shard, "bodies", "id", {article_id})
            self._shards.drop_entities({article_id})
            with self._catalog_edit({article_id}) as catalog:
                articles = catalog.get("articles", {})
                key = keys_by(articles, "id").get(article_id)
                if key is None:
                    raise ArticleNotFoundError(article_id, self._shards.folder)
                del articles[key]
        with self._shards.user.edit() as user:
            remove_where(user, "reading", "article_id", {article_id})
            with self._shards.of(NOTES_DIR, article_id).edit() as notes:
                remove_where(notes, "notes", "article_id", {article_id})

    def put_back(self, records: Sequence[dict[str, Any]]) -> None:
        """Store articles again exactly as the trash kept them: entry, text and entities.

        The shards are written before the catalog (as at import), and the
        search index is told of each text and entity document it gets back.
        """
        texts = {r["article_id"]: r["body"]["text"] for r in records if _has_text(r)}
        entities: dict[str, dict[str, Any] | None] = {
            r["article_id"]: r.get("entities") or None for r in records
        }
        with self._catalog_edit(set(entities), texts, entities) as catalog:
            docs = catalog.setdefault("articles", {})
            self._shards.write_bodies(
                [
                    (r["body"].get("article") or r["catalog"], r["body"]["text"])
                    for r in records
                    if _has_text(r)
                ]
            )
            found = [doc for doc in entities.values() if doc is not None]
            if found:
                self._shards.store_entity_docs(found)
            upsert(docs, [r["catalog"] for r in records], "id")

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
        with self._shards.catalog.storage.locked():
            before = self._search.catalog_stamp()
            with self._shards.catalog.edit() as tables:
                yield tables
            if article_ids:
                self._search.after_write(before, article_ids, texts, tables, entities)


def _has_text(record: dict[str, Any]) -> bool:
    body = record.get("body")
    return isinstance(body, dict) and isinstance(body.get("text"), str)
