"""Refresh subscriptions: fetch each feed (conditionally), import its new entries, keep its state.

The feeds are fetched at once (within the Fetcher's limits); each feed's
entries are stored as soon as its fetch is done, then its record. The record
is written after the articles: a refresh killed in between leaves the old
record, and the next refresh fetches the feed again and finds its entries
stored (unchanged, never duplicated). A feed that fails keeps its articles,
its validators and its entries: only its error (and when to retry) change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from tui.annotations.tags import merge_tags
from tui.importing.importer import Importer
from tui.models import Article, Feed
from tui.store import Library
from tui.web.feed_outcome import FeedOutcome
from tui.web.fetch_error import FetchError
from tui.web.fetcher import Fetcher, FetchLimits, RetryLater
from tui.web.web_articles import FEED_FORMATS, articles_in, complete_short


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Fetched:
    """A feed's fetch: its entries to import, or 304, or why it failed."""

    entries: list[Article] = field(default_factory=list)
    known: int = 0  # entries whose page was fetched by an earlier refresh: not imported again
    etag: str | None = None
    last_modified: str | None = None
    title: str = ""
    not_modified: bool = False
    pages: list[str] = field(default_factory=list)  # links whose page was fetched now
    problems: list[str] = field(default_factory=list)
    error: FetchError | None = None


class _Entries:
    """The entries of one feed, as an import source."""

    def __init__(self, name: str, entries: list[Article]) -> None:
        self.name = name
        self._entries = entries

    def read(self) -> list[Article]:
        return self._entries


def _fetch(feed: Feed, fetcher: Fetcher) -> _Fetched:
    if feed.retry_after and feed.retry_after > _now().isoformat():
        when = feed.retry_after[:16].replace("T", " ")
        return _Fetched(error=FetchError(feed.url, f"the server asked to wait until {when} UTC"))
    try:
        fetched = fetcher.fetch(feed.url, feed.etag, feed.last_modified)
        if fetched.not_modified:
            return _Fetched(
                etag=fetched.etag, last_modified=fetched.last_modified, not_modified=True
            )
        entries, kind = articles_in(fetched, feed.url)
        if kind not in FEED_FORMATS:
            shown = "a web page" if kind == "html" else f"{kind} text"
            raise FetchError(feed.url, f"not a feed: it is {shown}")
    except FetchError as error:
        return _Fetched(error=error)
    known = set(feed.expanded)
    fresh = [entry for entry in entries if entry.url not in known]
    completed = complete_short(fresh, fetcher)
    return _Fetched(
        entries=[replace(e, tags=merge_tags(e.tags, feed.tags)) for e in completed.articles],
        known=len(entries) - len(fresh),
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        title=next((e.source for e in entries if e.source), ""),
        pages=completed.fetched,
        problems=[str(error) for error in completed.failed],
    )


def refresh_feeds(
    library: Library,
    feeds: Sequence[Feed],
    *,
    limits: FetchLimits | None = None,
    find_entities: bool = True,
    on_feed: Callable[[FeedOutcome], None] | None = None,
) -> list[FeedOutcome]:
    """Refresh these feeds; each one's outcome, in their order (also given to `on_feed`)."""
    library.check_writable()
    outcomes: list[FeedOutcome] = []
    with Fetcher(limits) as fetcher, ThreadPoolExecutor(fetcher.limits.at_once) as pool:
        pending = [pool.submit(_fetch, feed, fetcher) for feed in feeds]
        for feed, future in zip(feeds, pending, strict=True):
            outcome = _store(library, feed, future.result(), find_entities)
            outcomes.append(outcome)
            if on_feed is not None:
                on_feed(outcome)
    return outcomes


def _store(library: Library, feed: Feed, fetched: _Fetched, find_entities: bool) -> FeedOutcome:
    now = _now().isoformat(timespec="seconds")
    if fetched.error is not None:
        until = fetched.error.until if isinstance(fetched.error, RetryLater) else None
        retry_after = until.isoformat(timespec="seconds") if until else feed.retry_after
        failed = replace(
            feed, error=fetched.error.reason, refreshed_at=now, new_ids=(), retry_after=retry_after
        )
        library.save_feed(failed)
        return FeedOutcome(feed.id, feed.url, feed.title, failed=fetched.error.reason)
    etag = fetched.etag or feed.etag
    last_modified = fetched.last_modified or feed.last_modified
    if fetched.not_modified:
        library.save_feed(
            replace(
                feed,
                etag=etag,
                last_modified=last_modified,
                refreshed_at=now,
                error=None,
                retry_after=None,
                new_ids=(),
            )
        )
        return FeedOutcome(feed.id, feed.url, feed.title, not_modified=True)
    problems = list(fetched.problems)
    new_ids: list[str] = []
    ids: list[str] = []
    updated, unchanged = 0, fetched.known
    if fetched.entries:
        importer = Importer(library, 1, find_entities=find_entities)
        report = importer.run([_Entries(feed.url, fetched.entries)])
        new_ids = [article.id for article in report.added]
        ids = new_ids + [a.id for a in report.updated + report.unchanged]
        ids += [duplicate.duplicate_of for duplicate in report.duplicates]
        updated = len(report.updated)
        unchanged += len(report.unchanged) + len(report.duplicates)
        # an update refused because it would orphan notes: the entry keeps its stored text
        problems += [str(error) for error in report.failed]
    title = feed.title or fetched.title
    library.save_feed(
        replace(
            feed,
            etag=etag,
            last_modified=last_modified,
            title=title,
            refreshed_at=now,
            error=None,
            retry_after=None,
            article_ids=tuple(dict.fromkeys((*feed.article_ids, *ids))),
            new_ids=tuple(new_ids),
            expanded=tuple(dict.fromkeys((*feed.expanded, *fetched.pages))),
        )
    )
    return FeedOutcome(
        feed.id, feed.url, title, len(new_ids), updated, unchanged, problems=tuple(problems)
    )
