"""Notes and highlights, kept in notes/<shard>.json by article id.

Sharded like the bodies, so a note save rewrites a few hundred notes at most,
whatever the size of the library. Every write holds user.json's lock (the
notes shards share it), so two processes never lose each other's notes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.models import Note
from tui.store import codec, record_checks
from tui.store.data_file import DataFile
from tui.store.errors import ArticleNotFoundError, NoteNotFoundError
from tui.store.library_reader import LibraryReader
from tui.store.record_rules import Report
from tui.store.shards import NOTES_DIR, Shards
from tui.store.user_text import clean_note


def _note_order(note: Note) -> tuple[str, int, str]:
    """Ties (same start, same millisecond) keep the order the notes were added in."""
    start = -1 if note.selector is None else note.selector.start
    return (note.article_id, start, note.created)


class LibraryNotes:
    """Reads and writes of the notes shards; the Library checks the arguments' articles."""

    def __init__(self, shards: Shards, reader: LibraryReader, report: Report) -> None:
        self._shards = shards
        self._reader = reader
        self._report = report

    @property
    def _folder(self) -> Path:
        return self._shards.folder

    def add(self, notes: Sequence[Note], now: str) -> list[Note]:
        """Store notes, with one write per notes shard; fills empty ids and timestamps.

        A note that already has an id and timestamps (one returned by delete)
        is stored as it was, so adding is also "undo delete".
        """
        articles = self._reader.articles()
        stored: list[Note] = []
        for note in notes:
            if note.article_id not in articles:
                raise ArticleNotFoundError(note.article_id, self._folder)
            stored.append(
                replace(
                    clean_note(note),
                    id=note.id or uuid.uuid4().hex,
                    created=note.created or now,
                    updated=note.updated or note.created or now,
                )
            )
        with self._shards.user.storage.locked():
            self._shards.store_note_docs([codec.note_doc(note) for note in stored])
        return stored

    def update(self, note: Note, now: str) -> Note:
        """Change a note's body, tags, colour, anchor or orphaned flag; bumps `updated`."""
        notes_file = self._shards.of(NOTES_DIR, note.article_id)
        with notes_file.edit() as tables:
            notes = tables.get("notes", {})
            key, doc = self._find(notes_file, notes, note.id)
            if key is None or doc is None:
                raise NoteNotFoundError(note.id, self._folder)
            note = clean_note(note)
            stored = replace(
                codec.note_from(doc),
                body=note.body,
                tags=note.tags,
                color=note.color,
                selector=note.selector,
                orphaned=note.orphaned,
                updated=now,
            )
            notes[key] = codec.note_doc(stored)
        return stored

    def delete(self, note_id: str, article_id: str | None) -> Note:
        """Remove a note and return it; only its article's shard is read when that is known."""
        if article_id is not None:
            files = [self._shards.of(NOTES_DIR, article_id)]
        else:
            files = self._shards.existing(NOTES_DIR)
        for data_file in files:
            with data_file.edit() as tables:
                notes = tables.get("notes", {})
                key, doc = self._find(data_file, notes, note_id)
                if key is not None and doc is not None:
                    del notes[key]
                    return codec.note_from(doc)
        raise NoteNotFoundError(note_id, self._folder)

    def _find(
        self, data_file: DataFile, notes: dict[str, Any], note_id: str
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The key of the note with this id and its checked document (None: unusable)."""
        for key, doc in notes.items():
            if doc.get("id") == note_id:
                return key, record_checks.checked_note(doc, data_file.path, key, self._report)
        return None, None

    def of(self, article_id: str | None) -> list[Note]:
        """Notes in reading order: article-level first, then by anchor start, then age."""
        docs: Iterable[dict[str, Any]]
        if article_id is None:
            docs = self._reader.note_docs()
        else:
            docs = [
                doc
                for data_file in self._shards.readable(NOTES_DIR, article_id)
                for doc in self._reader.checked(
                    data_file.path, data_file.read(), "notes", record_checks.checked_note
                )
                if doc["article_id"] == article_id
            ]
        return sorted((codec.note_from(doc) for doc in docs), key=_note_order)

    def counts(self) -> dict[str, int]:
        """How many notes each article has; articles without any are absent."""
        counts: dict[str, int] = {}
        for data_file in self._shards.readable(NOTES_DIR):
            for article_id, number in self._reader.note_summary(data_file)[0].items():
                counts[article_id] = counts.get(article_id, 0) + number
        return counts

    def tag_lists(self) -> list[list[str]]:
        """The tags of every tagged note."""
        return [
            tags
            for data_file in self._shards.readable(NOTES_DIR)
            for tags in self._reader.note_summary(data_file)[1]
        ]
