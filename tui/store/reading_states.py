"""Where the reader is in each article: the `reading` table of user.json.

One home for reading states: the Library changes them here and the search
reads them from here (`all`), cached while user.json is unchanged, so a
search over 100k articles does not check 100k records again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tinydb import where
from tinydb.table import Document

from tui.models import ReadingState
from tui.store import codec, record_checks
from tui.store.data_file import DataFile, keys_by, next_doc_id
from tui.store.record_rules import Report


class ReadingStates:
    """The reading states of one library, read and changed in user.json."""

    def __init__(self, user: DataFile, report: Report) -> None:
        self._user = user
        self._report = report
        self._states: dict[str, ReadingState] = {}
        self._source: object = None

    def all(self) -> dict[str, ReadingState]:
        """Stored reading states by article id (cached: do not modify)."""
        tables = self._user.read()
        if tables is not self._source:
            docs = record_checks.checked_records(
                tables.get("reading", {}),
                record_checks.checked_reading,
                self._user.path,
                self._report,
            )
            self._states = {doc["article_id"]: codec.reading_from(doc) for doc in docs}
            self._source = tables
        return self._states

    def get(self, article_id: str) -> ReadingState:
        """One article's state, from its record alone (a fresh one when never opened)."""
        found = self._user.table("reading").get(where("article_id") == article_id)
        doc = None
        if isinstance(found, Document):
            key = str(found.doc_id)
            doc = record_checks.checked_reading(found, self._user.path, key, self._report)
        return ReadingState(article_id) if doc is None else codec.reading_from(doc)

    def change(
        self, article_id: str, change: Callable[[ReadingState], ReadingState]
    ) -> ReadingState:
        """Change a stored state from a fresh read, so processes keep each other's fields.

        Nothing is written when the state stays as it was.
        """
        return self.change_many([article_id], change)[article_id]

    def change_many(
        self, article_ids: Sequence[str], change: Callable[[ReadingState], ReadingState]
    ) -> dict[str, ReadingState]:
        """change() for many articles in one write of user.json (a batch over 10k rows)."""
        changed: dict[str, ReadingState] = {}
        with self._user.edit() as user:
            reading = user.setdefault("reading", {})
            key_of = keys_by(reading, "article_id")
            next_key = next_doc_id(reading)
            for article_id in article_ids:
                key = key_of.get(article_id)
                doc = None
                if key is not None:
                    doc = record_checks.checked_reading(
                        reading[key], self._user.path, key, self._report
                    )
                old = ReadingState(article_id) if doc is None else codec.reading_from(doc)
                new = changed[article_id] = change(old)
                if new != old:
                    if key is None:
                        key = key_of[article_id] = str(next_key)
                        next_key += 1
                    reading[key] = codec.reading_doc(new)
        return changed
