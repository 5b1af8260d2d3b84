"""The library's trash: trash.json holds every record of a deleted article until it is emptied.

Deleting moves an article whole (its catalog entry, text, entities, notes and
reading state) into `trash.json`, then removes it from the live files, so
search, lists, counts and the index forget it at once by the usual paths.
Restoring writes the records back as they were, note ids included.

Each move copies before it removes: a crash in between leaves the article
both live and in the trash, never in neither. The live copy wins (the trash
listing leaves out ids that are live), and emptying the trash never touches
a live article. trash.json has its own lock, always taken last.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from tui.models import ArticleSummary, TrashedArticle
from tui.store import codec
from tui.store.catalog_writer import CatalogWriter
from tui.store.data_file import DataFile, upsert
from tui.store.errors import ArticleNotFoundError, LibraryError
from tui.store.library_reader import LibraryReader, resolve_among
from tui.store.shards import BODIES_DIR, NOTES_DIR, Shards, remove_where

TRASH_FILE = "trash.json"
_TABLE = "trashed"
_PLACE = "the trash of library"


class TrashCan:
    """Moves articles into trash.json and back, and empties it."""

    def __init__(self, shards: Shards, reader: LibraryReader, writer: CatalogWriter) -> None:
        self._shards = shards
        self._reader = reader
        self._writer = writer
        self._file = DataFile(shards.folder / TRASH_FILE, read_only=shards.read_only)

    def close(self) -> None:
        self._file.close()

    def _records(self) -> dict[str, dict[str, Any]]:
        """Trash records by article id (a record without a usable entry is not listed)."""
        if not self._file.exists():
            return {}
        records: dict[str, dict[str, Any]] = {}
        for doc in self._file.read().get(_TABLE, {}).values():
            catalog = doc.get("catalog")
            if isinstance(doc.get("article_id"), str) and isinstance(catalog, dict):
                records[doc["article_id"]] = doc
        return records

    def listing(self) -> list[TrashedArticle]:
        """What the trash holds, most recently deleted first; live ids are not in the trash."""
        live = self._reader.articles()
        found = [
            TrashedArticle(
                summary=codec.summary_from({"title": "", **doc["catalog"], "id": article_id}),
                trashed_at=str(doc.get("trashed_at", "")),
                notes=len(doc.get("notes") or ()),
            )
            for article_id, doc in self._records().items()
            if article_id not in live
        ]
        found.sort(key=lambda item: (item.trashed_at, item.summary.id), reverse=True)
        return found

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of a trashed article, by id or a unique prefix (as live ids are)."""
        ids = [item.summary.id for item in self.listing()]
        return resolve_among(ids, id_or_prefix, self._shards.folder, _PLACE)

    def move_in(self, article_ids: Sequence[str], now: str) -> list[ArticleSummary]:
        """Copy each article's records into the trash, then remove them from the live files."""
        live = self._reader.articles()
        for article_id in article_ids:
            if article_id not in live:
                raise ArticleNotFoundError(article_id, self._shards.folder)
        moved = [codec.summary_from(live[article_id]) for article_id in article_ids]
        with self._shards.catalog.storage.locked():
            records = [self._catalog_side(article_id, now) for article_id in article_ids]
            with self._shards.user.storage.locked():
                for record in records:
                    record.update(self._user_side(record["article_id"]))
                self._store(records)
                for article_id in article_ids:
                    self._writer.delete_article(article_id)
        return moved

    def _catalog_side(self, article_id: str, now: str) -> dict[str, Any]:
        catalog = dict(self._reader.articles()[article_id])
        body = None
        for doc in self._shards.of(BODIES_DIR, article_id).read().get("bodies", {}).values():
            if doc.get("id") == article_id:
                body = doc
        return {
            "article_id": article_id,
            "trashed_at": now,
            "catalog": catalog,
            "body": body,
            "entities": self._reader.stored_entity_doc(article_id),
        }

    def _user_side(self, article_id: str) -> dict[str, Any]:
        notes_file = self._shards.of(NOTES_DIR, article_id)
        notes = [
            doc
            for doc in (notes_file.read().get("notes", {}).values() if notes_file.exists() else ())
            if doc.get("article_id") == article_id
        ]
        reading = [
            doc
            for doc in self._shards.user.read().get("reading", {}).values()
            if doc.get("article_id") == article_id
        ]
        return {"notes": notes, "reading": reading[0] if reading else None}

    def _store(self, records: Sequence[dict[str, Any]]) -> None:
        with self._file.edit() as tables:
            upsert(tables.setdefault(_TABLE, {}), records, "article_id")

    def _forget(self, article_ids: Collection[str]) -> None:
        if not self._file.exists():
            return
        with self._file.edit() as tables:
            remove_where(tables, _TABLE, "article_id", set(article_ids))

    def restore(self, article_ids: Sequence[str]) -> list[ArticleSummary]:
        """Write each article's records back as they were, then take them out of the trash.

        An id that is live again (imported anew since) is refused: the live copy wins.
        """
        records = self._records()
        live = self._reader.articles()
        folder = self._shards.folder
        for article_id in article_ids:
            if article_id in live:
                raise LibraryError(
                    f"article {article_id!r} is in library {folder}, not in its trash"
                )
            if article_id not in records:
                raise ArticleNotFoundError(article_id, folder, _PLACE)
        chosen = [records[article_id] for article_id in article_ids]
        self._writer.put_back(chosen)
        for record in chosen:
            self._put_back_user_side(record)
        self._forget(article_ids)
        return [codec.summary_from(record["catalog"]) for record in chosen]

    def _put_back_user_side(self, record: dict[str, Any]) -> None:
        notes = [doc for doc in record.get("notes") or () if isinstance(doc, dict)]
        reading = record.get("reading")
        with self._shards.user.storage.locked():
            if notes:
                self._shards.store_note_docs(notes)
            if isinstance(reading, dict):
                with self._shards.user.edit() as user:
                    upsert(user.setdefault("reading", {}), [reading], "article_id")

    def empty(self) -> int:
        """Forget every trashed article for good; how many went."""
        gone = [summary.summary.id for summary in self.listing()]
        if self._file.exists():
            with self._file.edit() as tables:
                tables[_TABLE] = {}
        return len(gone)
