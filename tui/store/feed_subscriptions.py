"""The feeds a library subscribes to: the `feeds` table of feeds.json.

Each subscription is one record, replaced whole by one locked write (see
DataFile.edit, which writes through durable_write): a refresh killed at any
moment leaves the old record or the new one, never half of either.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from tui.models import Feed
from tui.store import codec, record_checks
from tui.store.data_file import DataFile, find_key, next_doc_id
from tui.store.record_rules import Report
from tui.store.user_text import clean_line, clean_tags


def feed_id(url: str) -> str:
    """A short stable id from the feed's URL, for typing (`gloss feed remove ID`)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]


class FeedSubscriptions:
    """The subscriptions of one library, in the order they were added."""

    def __init__(self, file: DataFile, report: Report) -> None:
        self._file = file
        self._report = report

    def all(self) -> list[Feed]:
        if not self._file.exists():
            return []
        docs = self._file.read().get("feeds", {})
        ordered = dict(sorted(docs.items(), key=lambda item: int(item[0])))
        checked = record_checks.checked_records(
            ordered, record_checks.checked_feed, self._file.path, self._report
        )
        return [codec.feed_from(doc) for doc in checked]

    def add(self, feed: Feed) -> Feed | None:
        """Subscribe (title and tags cleaned); None when that URL is subscribed already."""
        clean = replace(
            feed, id=feed_id(feed.url), title=clean_line(feed.title), tags=clean_tags(feed.tags)
        )
        with self._file.edit() as tables:
            docs = tables.setdefault("feeds", {})
            if find_key(docs, "url", clean.url) is not None:
                return None
            docs[str(next_doc_id(docs))] = codec.feed_doc(clean)
        return clean

    def save(self, feed: Feed) -> None:
        """Replace a subscription's record (a refresh's outcome); a removed one stays removed."""
        with self._file.edit() as tables:
            docs = tables.setdefault("feeds", {})
            key = find_key(docs, "id", feed.id)
            if key is not None:
                docs[key] = codec.feed_doc(replace(feed, title=clean_line(feed.title)))

    def remove(self, feed_id: str) -> bool:
        with self._file.edit() as tables:
            docs = tables.get("feeds", {})
            key = find_key(docs, "id", feed_id)
            if key is None:
                return False
            del docs[key]
        return True
