"""Model <-> JSON document converters, private to the store.

Documents hold only JSON types; tuples come back as tuples. Blocks and mentions
are stored as short lists ([kind, start, end], [start, end, text]) because a
large catalog holds hundreds of thousands of them.
Decoders use .get() with the model's defaults, so a field added later does not
make older documents unreadable. What is read is checked first (checked_entry,
checked_note...: see the end of this module), so a field of the wrong type is
said in one line and read as its default instead of breaking whatever uses it.
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any

import orjson

from tui.models import (
    ENTITY_TYPES,
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    Entity,
    EntityType,
    Feed,
    Mention,
    Note,
    ReadingState,
    Selector,
)

Doc = dict[str, Any]

ENTITIES_VERSION = "entities_version"
"""Catalog field: the extractor version of the article's stored entities (absent: none)."""

DATE_GUESSED = "date_guessed"
"""Entry field, present (true) only when the date was found in the body text."""

# Article fields that describe it but are not its text; compared to decide "unchanged".
ARTICLE_META = (
    "title",
    "date",
    "place",
    "source",
    "url",
    "author",
    "language",
    "origin",
    "imported_at",
)

# Feed fields that are a moment or a server's token, or nothing yet.
FEED_MOMENTS = ("etag", "last_modified", "added_at", "refreshed_at", "error", "retry_after")


def article_doc(article: Article) -> Doc:
    """The article's entry, kept beside its text: everything but the text."""
    doc: Doc = {"id": article.id}
    for name in ARTICLE_META:
        doc[name] = getattr(article, name)
    if article.date_guessed:  # only then: records from before the field stay as they were
        doc[DATE_GUESSED] = True
    doc["tags"] = list(article.tags)
    doc["blocks"] = [[b.kind, b.start, b.end] for b in article.blocks]
    doc["word_count"] = article.word_count
    doc["text_hash"] = article.text_hash
    return doc


def catalog_doc(entry: Doc) -> Doc:
    """The catalog's copy of an entry: no blocks (their share of a 100k catalog's memory
    was the largest), only a hash that tells when they change."""
    doc = {name: value for name, value in entry.items() if name != "blocks"}
    if "blocks" in entry:
        doc["layout"] = layout_hash(entry["blocks"])
    return doc


def layout_hash(blocks: object) -> str:
    return hashlib.blake2b(orjson.dumps(blocks), digest_size=6).hexdigest()


def paragraph_blocks(text: str) -> list[tuple[str, int, int]]:
    """Blocks for a text whose entry is missing: one paragraph per blank-line-separated run."""
    blocks: list[tuple[str, int, int]] = []
    start = 0
    for part in text.split("\n\n"):
        if part.strip():
            blocks.append(("paragraph", start, start + len(part)))
        start += len(part) + 2
    return blocks


def same_article(old: Doc, new: Doc) -> bool:
    """Same text and metadata; when it was imported does not count as a change."""
    return {**old, "imported_at": None} == {**new, "imported_at": None}


def _block_kind(value: object) -> BlockKind:
    return "heading" if value == "heading" else "paragraph"


def article_from(doc: Doc, text: str) -> Article:
    return Article(
        id=doc["id"],
        title=doc.get("title", ""),
        text=text,
        blocks=tuple(
            Block(_block_kind(k), s, e)
            for k, s, e in (doc["blocks"] if "blocks" in doc else paragraph_blocks(text))
        ),
        date=doc.get("date"),
        place=doc.get("place"),
        source=doc.get("source"),
        url=doc.get("url"),
        author=doc.get("author"),
        language=doc.get("language"),
        tags=tuple(doc.get("tags", ())),
        origin=doc.get("origin"),
        imported_at=doc.get("imported_at"),
        date_guessed=doc.get(DATE_GUESSED, False),
    )


def summary_from(doc: Doc) -> ArticleSummary:
    return ArticleSummary(
        id=doc["id"],
        title=doc.get("title", ""),
        date=doc.get("date"),
        place=doc.get("place"),
        source=doc.get("source"),
        url=doc.get("url"),
        author=doc.get("author"),
        tags=tuple(doc.get("tags", ())),
        word_count=doc.get("word_count", 0),
        imported_at=doc.get("imported_at"),
    )


def entity_doc(entity: Entity) -> Doc:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [[m.start, m.end, m.text] for m in entity.mentions],
    }


def _entity_type(value: object) -> EntityType:
    return value if value in ENTITY_TYPES else "other"


def entity_from(doc: Doc) -> Entity:
    return Entity(
        name=doc["name"],
        type=_entity_type(doc.get("type")),
        aliases=tuple(doc.get("aliases", ())),
        mentions=tuple(Mention(s, e, t) for s, e, t in doc.get("mentions", ())),
    )


def _selector_doc(selector: Selector | None) -> Doc | None:
    if selector is None:
        return None
    return {
        "exact": selector.exact,
        "prefix": selector.prefix,
        "suffix": selector.suffix,
        "start": selector.start,
        "end": selector.end,
        "text_hash": selector.text_hash,
    }


def _selector_from(doc: Doc | None) -> Selector | None:
    if doc is None:
        return None
    return Selector(
        exact=doc["exact"],
        prefix=doc.get("prefix", ""),
        suffix=doc.get("suffix", ""),
        start=doc["start"],
        end=doc["end"],
        text_hash=shared(doc.get("text_hash", "")),
    )


def note_doc(note: Note) -> Doc:
    return {
        "id": note.id,
        "article_id": note.article_id,
        "body": note.body,
        "selector": _selector_doc(note.selector),
        "color": note.color,
        "tags": list(note.tags),
        "created": note.created,
        "updated": note.updated,
        "orphaned": note.orphaned,
        "entity": note.entity,
    }


def note_from(doc: Doc) -> Note:
    """A note; the strings that recur from note to note shared (the search keeps every note)."""
    return Note(
        id=doc["id"],
        article_id=shared(doc["article_id"]),
        body=doc.get("body", ""),
        selector=_selector_from(doc.get("selector")),
        color=shared(doc.get("color")),
        tags=tuple(shared(tag) for tag in doc.get("tags", ())),
        created=shared(doc.get("created", "")),
        updated=shared(doc.get("updated", "")),
        orphaned=doc.get("orphaned", False),
        entity=shared(doc.get("entity")),
    )


def shared(value: Any) -> Any:
    """One copy of a string that many records hold alike (an article id, a date, a colour)."""
    return sys.intern(value) if type(value) is str else value


def reading_doc(state: ReadingState) -> Doc:
    return {
        "article_id": state.article_id,
        "position": state.position,
        "read": state.read,
        "starred": state.starred,
        "last_read": state.last_read,
        "tags": list(state.tags),
    }


def reading_from(doc: Doc) -> ReadingState:
    return ReadingState(
        article_id=doc["article_id"],
        position=doc.get("position", 0),
        read=doc.get("read", False),
        starred=doc.get("starred", False),
        last_read=doc.get("last_read"),
        tags=tuple(doc.get("tags", ())),
    )


def feed_doc(feed: Feed) -> Doc:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "tags": list(feed.tags),
        **{name: getattr(feed, name) for name in FEED_MOMENTS},
        "article_ids": list(feed.article_ids),
        "new_ids": list(feed.new_ids),
        "expanded": list(feed.expanded),
    }


def feed_from(doc: Doc) -> Feed:
    return Feed(
        id=doc["id"],
        url=doc["url"],
        title=doc.get("title", ""),
        tags=tuple(doc.get("tags", ())),
        **{name: doc.get(name) for name in FEED_MOMENTS},
        article_ids=tuple(doc.get("article_ids", ())),
        new_ids=tuple(doc.get("new_ids", ())),
        expanded=tuple(doc.get("expanded", ())),
    )
