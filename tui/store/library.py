"""The Library: the only door to stored articles, entities, notes and reading state.

The files of the folder, and why they are split so, are described in shards.py.

A damaged, missing or empty catalog never hides the library: it is rebuilt
from the entries the body shards keep (from catalog.json.bak for bodies
without one), and the repair is told in one line (see `take_notices`).

Each mutating method is one locked read-modify-write per file (see DataFile),
so several Library objects or processes on one folder never lose each other's
writes. This class is the API: it checks, serializes and delegates.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Concatenate, ParamSpec, TypeVar

from tui.models import (
    Article,
    ArticleSummary,
    CorrectionAction,
    Entity,
    EntityCorrection,
    EntityPage,
    Feed,
    FoundNote,
    Note,
    ReadingState,
    SavedSearch,
    SearchHit,
    TrashedArticle,
)
from tui.search.tokenizer import fold
from tui.store import codec, migrations
from tui.store.catalog_writer import CatalogWriter
from tui.store.durable_write import write_problem
from tui.store.entity_corrections import EntityCorrections
from tui.store.entity_pages import EntityPages
from tui.store.errors import (
    ArticleNotFoundError,
    LibraryError,
    LibraryReadOnlyError,
)
from tui.store.feed_subscriptions import FeedSubscriptions
from tui.store.library_notes import LibraryNotes
from tui.store.library_notices import LibraryNotices
from tui.store.library_reader import LibraryReader
from tui.store.library_search import LibrarySearch
from tui.store.reading_states import ReadingStates
from tui.store.saved_searches import SavedSearches
from tui.store.shards import BODIES_DIR, ENTITIES_DIR, NOTES_DIR, Shards
from tui.store.trash_can import TrashCan
from tui.store.user_text import clean_line, clean_tags

SURELY_LISTS_ARTICLES = 64 * 1024
"""A catalog file this large lists articles: an empty one is a few hundred bytes."""

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
    """The stored form of a moment: UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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
        report = self._notices.add
        self._files = Shards(self.folder, self._read_only, report)
        self._states = ReadingStates(self._files.user, report)
        self._corrections = EntityCorrections(self.folder, self._read_only, report)
        self._reader = LibraryReader(self._files, self._states, self._corrections, report)
        migrations.open_files(self._files, self._reader)
        self._search = LibrarySearch(self.folder, self._files.catalog, self._reader, report)
        self._writer = CatalogWriter(self._files, self._reader, self._search)
        self._notes = LibraryNotes(self._files, self._reader, report)
        self._saved = SavedSearches(self._files.user, report)
        self._trash = TrashCan(self._files, self._reader, self._writer)
        self._pages = EntityPages(self._reader, lambda: self._search.note_index().notes)
        self._feeds = FeedSubscriptions(self._files.feeds, report)

    def __repr__(self) -> str:
        return f"Library({str(self.folder)!r})"

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
            self._files.close()
            self._trash.close()
            self._corrections.close()
            self._search.close()

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

    @_serialized
    def is_empty(self) -> bool:
        """No article stored, live or trashed: asked at every start, without parsing a big catalog.

        A catalog listing none while the body shards hold some is rebuilt first,
        so that a library is never started afresh over its own articles.
        """
        path = self._files.catalog.path
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return True
        except OSError as exc:
            raise LibraryError(f"cannot read library file {path}: {exc.strerror}") from exc
        if size > SURELY_LISTS_ARTICLES:
            return False
        if not self._reader.articles() and not self.read_only:
            self._files.fill_catalog(f"library file {path} listed no articles")
        return not self._reader.articles() and not self._trash.listing()

    @_serialized
    def ids_by_text_hash(self) -> dict[str, list[str]]:
        """Every stored text's hash with the ids holding it, oldest first: for finding duplicates.

        An import must not store the same text twice under two ids (another
        URL, or none); it reads this once and keeps track of what it adds.
        """
        found: dict[str, list[str]] = {}
        for article_id, doc in self._reader.articles().items():
            found.setdefault(doc.get("text_hash", ""), []).append(article_id)
        return found

    @_serialized
    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store many articles with one write per touched file (see CatalogWriter)."""
        return self._writer.add_articles(articles)

    @_serialized
    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
        return self._reader.resolve_id(id_or_prefix)

    @_serialized
    def get_article(self, article_id: str) -> Article:
        """An article by id or unique prefix.

        A full id is served from its body shard alone when the shard holds the
        article's entry (schema 3), so the catalog is not parsed to show one.
        """
        stored = self._reader.shard_record(article_id)
        if stored is not None:
            return stored
        return self._reader.article(self._reader.resolve_id(article_id), article_id)

    @_serialized
    def list_articles(self) -> list[ArticleSummary]:
        """Every article without its text: newest first (undated last), then by title."""
        return list(self._reader.summaries())

    @_serialized
    def article_ids(self) -> list[str]:
        """Every article's id in library order (list_articles' order)."""
        return list(self._reader.article_order()[0])

    @_serialized
    def article_beside(self, article_id: str | None, step: int) -> str | None:
        """The id `step` places from this article in library order (from before the first
        when it is not listed); None past either end. No list of every id is made: at 100k
        articles that took 20 ms at each `]`."""
        ids, places = self._reader.article_order()
        target = places.get(article_id, -1) + step if article_id is not None else step - 1
        return ids[target] if 0 <= target < len(ids) else None

    @_serialized
    def delete_article(self, article_id: str) -> None:
        """Remove an article with its text, entities, notes and reading state."""
        self._writer.delete_article(article_id)

    # -- trash ----------------------------------------------------------------

    @_serialized
    def trash_articles(self, article_ids: Sequence[str]) -> list[ArticleSummary]:
        """Move articles, with their notes, entities and reading state, to the library's trash.

        Lists, search, counts and the index forget them at once; restore_articles
        brings them back whole. Ids are full ids (see resolve_id).
        """
        return self._trash.move_in(article_ids, _now())

    @_serialized
    def trashed_articles(self) -> list[TrashedArticle]:
        """The trash's articles, most recently deleted first."""
        return self._trash.listing()

    @_serialized
    def resolve_trashed_id(self, id_or_prefix: str) -> str:
        """The full id of a trashed article for an id or a unique prefix."""
        return self._trash.resolve_id(id_or_prefix)

    @_serialized
    def restore_articles(self, article_ids: Sequence[str]) -> list[ArticleSummary]:
        """Put trashed articles back as they were, notes included."""
        self.check_writable()
        return self._trash.restore(article_ids)

    @_serialized
    def empty_trash(self) -> int:
        """Forget the trash's articles for good; how many there were."""
        self.check_writable()
        return self._trash.empty()

    def _require_article(self, article_id: str) -> None:
        if article_id not in self._reader.articles():
            raise ArticleNotFoundError(article_id, self.folder)

    # -- entities -------------------------------------------------------------

    @_serialized
    def set_entities_many(
        self, items: Sequence[tuple[str, Sequence[Entity]]], extractor_version: str
    ) -> None:
        """Replace many articles' entities with one write per file: what a bulk import needs."""
        self._writer.set_entities(items, extractor_version)

    @_serialized
    def entities(self, article_id: str) -> list[Entity]:
        doc = self._reader.entity_doc(article_id)
        return [] if doc is None else [codec.entity_from(e) for e in doc.get("entities", ())]

    @_serialized
    def extractor_version(self, article_id: str) -> str | None:
        """None when entities were never extracted (or the text changed since)."""
        doc = self._reader.entity_doc(article_id)
        return None if doc is None else doc.get("extractor_version")

    @_serialized
    def extractor_versions(self, article_ids: Collection[str]) -> dict[str, str | None]:
        """extractor_version for many articles from one read of the catalog (no shard is read)."""
        docs = self._reader.articles()
        return {
            article_id: (
                docs[article_id].get(codec.ENTITIES_VERSION) if article_id in docs else None
            )
            for article_id in article_ids
        }

    @_serialized
    def entity_article_counts(self) -> dict[str, int]:
        """How many articles name each entity, by case-folded entity name.

        Reads every entity shard that changed since last asked: call it from a worker.
        The dict is shared until a shard changes: do not modify it.
        """
        return self._reader.entity_article_counts()

    @_serialized
    def articles_naming(self, name: str) -> list[tuple[ArticleSummary, Entity]]:
        """Every article with an entity of this name (case-insensitive), in library order."""
        return self._reader.articles_naming(name)

    # -- entity corrections ---------------------------------------------------

    @_serialized
    def entity_corrections(self) -> list[EntityCorrection]:
        """The user's corrections of the extractor, oldest first (the order they apply in)."""
        return self._corrections.all()

    @_serialized
    def correct_entity(
        self, action: CorrectionAction, name: str, value: str = "", article_id: str | None = None
    ) -> EntityCorrection:
        """Fix the extractor's entities named `name` (any case), everywhere or in one article.

        Kept in corrections.json, apart from the extracted entities, and applied
        at every read: re-extraction keeps it. Refused (EntityCorrectionError)
        when no entity of that name is in scope, or `value` does not fit the action.
        """
        self.check_writable()
        name, value = clean_line(name), clean_line(value)
        if article_id is not None:
            self._require_article(article_id)
        found = self._named(name, article_id)
        into = self._named(value, article_id) if action == "merge" else []
        return self._corrections.make(action, name, value, article_id, found, into, _now())

    def _named(self, name: str, article_id: str | None) -> list[Entity]:
        """The entities, as corrected so far, that a correction of `name` would change."""
        key = name.casefold()
        if article_id is not None:
            return [e for e in self.entities(article_id) if e.name.casefold() == key]
        return [entity for _, entity in self._reader.articles_naming(name)]

    @_serialized
    def undo_entity_correction(self, correction_id: str) -> EntityCorrection:
        """Forget a correction (by id or a unique prefix) and return it: the extractor's
        entities show again as they were, or as the other corrections make them."""
        self.check_writable()
        return self._corrections.remove(correction_id)

    @_serialized
    def restore_entity_correction(self, correction: EntityCorrection) -> EntityCorrection:
        """Store a correction undone before (one undo_entity_correction returned) as it was."""
        self.check_writable()
        return self._corrections.add(correction)

    @_serialized
    def entity_page(self, name: str) -> EntityPage | None:
        """An entity across the library (see EntityPage); None when no article names it.

        Reads every entity shard that changed since last asked, and the text of
        each article naming it: call it from a worker.
        """
        return self._pages.page(name)

    # -- notes ----------------------------------------------------------------

    @_serialized
    def add_note(self, note: Note) -> Note:
        """Store a note; fills an empty id and timestamps.

        A note that already has an id and timestamps (one returned by
        delete_note) is stored as it was, so add_note is also "undo delete".
        """
        return self._notes.add([note], _now())[0]

    @_serialized
    def add_notes(self, notes: Sequence[Note]) -> list[Note]:
        """add_note for many notes, with one write per notes shard: what an import needs."""
        return self._notes.add(notes, _now())

    @_serialized
    def update_note(self, note: Note) -> Note:
        """Change a note's body, tags, colour, anchor or orphaned flag; bumps `updated`."""
        return self._notes.update(note, _now())

    @_serialized
    def delete_note(self, note_id: str, article_id: str | None = None) -> Note:
        """Remove a note and return it, so the caller can undo with add_note.

        Give the note's article when known: only its shard is read then.
        """
        return self._notes.delete(note_id, article_id)

    @_serialized
    def notes(self, article_id: str | None = None) -> list[Note]:
        """Notes in reading order: article-level first, then by anchor start, then age.

        All notes are grouped by article id.
        """
        return self._notes.of(article_id)

    @_serialized
    def entity_notes(self, names: Collection[str]) -> list[Note]:
        """Every note about an entity of these names (case-insensitive), in any article."""
        return self._search.entity_notes(names)

    @_serialized
    def notes_version(self) -> object | None:
        """Changes whenever any note changes, here or in another process; None: cannot tell yet.

        Cheap (a stat of each notes shard): what a pane polls to follow other processes.
        """
        return self._reader.notes_version()

    @_serialized
    def find_notes(self, query: str) -> list[FoundNote]:
        """Notes and highlights across the library matching a query, newest first.

        The query language is the library search's plus color: (see
        tui.search.note_finder); a bad query raises QueryError.
        """
        summaries = {summary.id: summary for summary in self._reader.summaries()}
        return [
            FoundNote(note, summaries[note.article_id])
            for note in self._search.find_notes(query)
            if note.article_id in summaries
        ]

    # -- reading state --------------------------------------------------------

    @_serialized
    def reading_state(self, article_id: str) -> ReadingState:
        return self._states.get(article_id)

    def _edit_reading(
        self, article_id: str, change: Callable[[ReadingState], ReadingState]
    ) -> ReadingState:
        self._require_article(article_id)
        return self._states.change(article_id, change)

    @_serialized
    def stamp_last_read(self, article_id: str) -> ReadingState:
        """Make this the article read last (the next start opens on it), position untouched."""
        return self._edit_reading(article_id, lambda state: replace(state, last_read=_now()))

    @_serialized
    def last_read_article(self) -> str | None:
        """The article read most recently that is still in the library, from user.json alone."""
        read = [state for state in self._states.all().values() if state.last_read]
        for state in sorted(read, key=lambda state: state.last_read or "", reverse=True):
            if self._reader.shard_record(state.article_id) is not None:
                return state.article_id
        return None

    @_serialized
    def reading_states(self) -> dict[str, ReadingState]:
        """Every stored reading state by article id (articles never opened have none)."""
        return dict(self._states.all())

    @_serialized
    def change_reading_many(
        self, article_ids: Sequence[str], change: Callable[[ReadingState], ReadingState]
    ) -> dict[str, ReadingState]:
        """Change many articles' reading states in one write: the library's batch actions.

        `change` gets each stored state (a fresh one for an article never opened)
        and returns the new one; every id must be a stored article's.
        """
        for article_id in article_ids:
            self._require_article(article_id)

        now = _now()

        def cleaned(state: ReadingState) -> ReadingState:
            new = change(state)
            if new.read and not state.read:  # as set_read: marking read counts as reading
                new = replace(new, last_read=now)
            return replace(new, tags=clean_tags(new.tags))

        return self._states.change_many(article_ids, cleaned)

    @_serialized
    def set_read(self, article_id: str, read: bool) -> ReadingState:
        """Marking an article read counts as reading it: it stamps last_read too."""

        def change(state: ReadingState) -> ReadingState:
            if read and not state.read:
                return replace(state, read=True, last_read=_now())
            return replace(state, read=read)

        return self._edit_reading(article_id, change)

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
        return self._notes.counts()

    @_serialized
    def tag_counts(self) -> dict[str, int]:
        """Articles (import or user tags) plus notes carrying each tag, most used first.

        Tags differing only in case count as one, shown as first seen.
        """
        return self._reader.tag_counts(self._notes.tag_lists())

    # -- search ---------------------------------------------------------------

    @_serialized
    def search(self, query: str, limit: int = 50, *, as_typed: bool = True) -> list[SearchHit]:
        """Articles matching a query (see tui.search.query_parser), best first.

        `as_typed` (the app's search box): the unfinished last word matches as
        a prefix. A script's query passes False: whole words, unless ending in `*`.

        A query that cannot be parsed raises QueryError (a ValueError) whose
        message names the bad part. Only filters, or nothing: every matching
        article, newest first.
        """
        return self._search.search(query, limit, self._feed_members, as_typed=as_typed)

    @_serialized
    def saved_searches(self) -> list[SavedSearch]:
        return self._saved.all()

    @_serialized
    def save_search(self, name: str, query: str) -> SavedSearch:
        """Store a named query (replacing one of the same name); a bad query raises QueryError."""
        return self._saved.save(name, query)

    @_serialized
    def delete_saved_search(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        return self._saved.delete(name)

    # -- feeds ----------------------------------------------------------------

    @_serialized
    def feeds(self) -> list[Feed]:
        """The subscriptions, in the order they were added."""
        return self._feeds.all()

    @_serialized
    def add_feed(self, feed: Feed) -> Feed | None:
        """Subscribe to a feed (its id is made from its URL); None when already subscribed."""
        return self._feeds.add(feed)

    @_serialized
    def new_from_feeds(self) -> set[str]:
        """The articles each feed's last refresh brought: what the library marks as new."""
        return {article_id for feed in self._feeds.all() for article_id in feed.new_ids}

    @_serialized
    def save_feed(self, feed: Feed) -> None:
        """Store what a refresh learnt about a feed (a removed feed is not brought back)."""
        self._feeds.save(feed)

    @_serialized
    def remove_feed(self, feed_id: str) -> bool:
        """Unsubscribe; the articles it brought stay. False when there was no such feed."""
        return self._feeds.remove(feed_id)

    def _feed_members(self) -> dict[str, set[str]]:
        """The articles of each feed, by the names `feed:` accepts: its title, id and URL."""
        members: dict[str, set[str]] = {}
        for feed in self._feeds.all():
            for name in (feed.title, feed.id, feed.url):
                if name:
                    members.setdefault(fold(name), set()).update(feed.article_ids)
        return members
