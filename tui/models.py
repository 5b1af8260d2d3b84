"""The values Gloss passes between its layers: plain frozen dataclasses.

Nothing here knows about TinyDB or Textual; the store turns these into JSON
documents and the screens turn them into widgets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph"]
EntityType = Literal["person", "organization", "place", "date", "event", "money", "other"]

# Highlight colours a user can pick; the UI maps each name to a background.
HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")

ENTITY_TYPES: tuple[EntityType, ...] = (
    "person",
    "organization",
    "place",
    "date",
    "event",
    "money",
    "other",
)


def text_hash(text: str) -> str:
    """Fingerprint of a canonical text, so annotations know what they were made on."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Block:
    """A heading or paragraph, as a span of the article's canonical text."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One stored article.

    `text` is the canonical text (NFC, blocks joined by one blank line) that
    every offset in Gloss (blocks, mentions, note anchors) points into.
    """

    id: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    date: str | None = None  # ISO 8601 date, "2022-02-24"
    place: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    origin: str | None = None  # the file it was imported from
    imported_at: str | None = None  # ISO 8601 timestamp, UTC
    # The date was found in the body text, not given by metadata, a dateline or the user.
    date_guessed: bool = False

    @property
    def shown_date(self) -> str | None:
        """The date as `show` and the reader print it: a guess says it is one."""
        if self.date and self.date_guessed:
            return f"{self.date} (guessed)"
        return self.date

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article's metadata without its text: what lists and tables need."""

    id: str
    title: str
    date: str | None = None
    place: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    word_count: int = 0
    imported_at: str | None = None


@dataclass(frozen=True, slots=True)
class TrashedArticle:
    """An article in the library's trash: what it was, when it went, how many notes went too."""

    summary: ArticleSummary
    trashed_at: str
    notes: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named: code-point offsets into the canonical text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, place... with every name it goes by in one article."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first_position(self) -> int:
        return self.mentions[0].start if self.mentions else 0


CorrectionAction = Literal["rename", "retype", "merge", "split", "hide"]
CORRECTION_ACTIONS: tuple[CorrectionAction, ...] = ("rename", "retype", "merge", "split", "hide")


@dataclass(frozen=True, slots=True)
class EntityCorrection:
    """A user's fix of the extractor, kept apart from what it found so re-extraction keeps it.

    It applies to every entity named `name` (case-insensitive), in every article
    or only in `article_id`'s. `value` is the new name (rename), the new type
    (retype), the entity to merge into (merge), the alias to split off into an
    entity of its own (split); hide has none.
    """

    id: str
    action: CorrectionAction
    name: str
    value: str = ""
    article_id: str | None = None
    created: str = ""

    @property
    def described(self) -> str:
        """One line saying what it does: `merge "Amazon.com" into "Amazon"`."""
        what = {
            "rename": f"rename “{self.name}” to “{self.value}”",
            "retype": f"retype “{self.name}” as {self.value}",
            "merge": f"merge “{self.name}” into “{self.value}”",
            "split": f"split “{self.value}” off “{self.name}”",
            "hide": f"hide “{self.name}”",
        }[self.action]
        return what + (f" in article {self.article_id}" if self.article_id else "")


@dataclass(frozen=True, slots=True)
class Selector:
    """W3C TextQuoteSelector + TextPositionSelector over one version of a text."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True, slots=True)
class Note:
    """A note or highlight; without a selector it is about the whole article (or an entity)."""

    id: str
    article_id: str
    body: str = ""
    selector: Selector | None = None
    color: str | None = None  # a highlight colour name; None for a plain note
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    orphaned: bool = False
    entity: str | None = None  # the entity a note is about, when it is about one


@dataclass(frozen=True, slots=True)
class FoundNote:
    """A note found across the library, with the article it is on."""

    note: Note
    article: ArticleSummary


@dataclass(frozen=True, slots=True)
class EntityAppearance:
    """An article naming an entity: how often, and the sentence that names it first."""

    article: ArticleSummary
    mentions: int
    first: int  # offset of the first mention in the article's text
    sentence: str


@dataclass(frozen=True, slots=True)
class Companion:
    """Another entity named in the same articles, and in how many of them."""

    name: str
    type: EntityType
    articles: int


@dataclass(frozen=True, slots=True)
class EntityPage:
    """One entity across the library: what it is, where and with whom it appears, notes on it."""

    name: str
    type: EntityType
    aliases: tuple[str, ...]
    appearances: tuple[EntityAppearance, ...]  # a timeline: oldest first, undated last
    companions: tuple[Companion, ...]  # most shared articles first
    notes: tuple[Note, ...]  # newest first


@dataclass(frozen=True, slots=True)
class ReadingState:
    """What the reader remembers of an article between sessions."""

    article_id: str
    position: int = 0  # offset into the canonical text of the passage at the top
    read: bool = False
    starred: bool = False
    last_read: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found by a library search, with the passage that matched."""

    article_id: str
    title: str
    score: float
    snippet: str = ""
    highlights: tuple[tuple[int, int], ...] = ()  # spans of `snippet` that matched
    matched_in: str = "body"  # "title", "body", "note" or "entity"
    title_highlights: tuple[tuple[int, int], ...] = ()  # spans of `title` that matched
    date: str | None = None
    source: str | None = None

    @property
    def where(self) -> str:
        """Where the words matched, as a hit's details say it ("" for the text itself)."""
        return _WHERE.get(self.matched_in, "")


_WHERE = {"title": "in the title", "note": "in a note", "entity": "in an entity's name"}


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A named query shown as a view in the library."""

    name: str
    query: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription: where the feed lives, how the user named it, and what refreshes left.

    `etag` and `last_modified` make the next fetch conditional. `article_ids`
    are every article the feed brought (for `feed:NAME`); `new_ids` those its
    last refresh added; `expanded` the entry URLs whose linked page was fetched
    already (a short entry's page is fetched once). `error` is why its last
    refresh failed, None when it worked.
    """

    id: str
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    added_at: str | None = None
    refreshed_at: str | None = None
    error: str | None = None
    retry_after: str | None = None  # ISO 8601 UTC moment before which the server asked us to wait
    article_ids: tuple[str, ...] = ()
    new_ids: tuple[str, ...] = ()
    expanded: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.title or self.url
