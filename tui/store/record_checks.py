"""Every stored record is checked as it is read, before anything uses it.

The rules are in tui/store/record_rules.py. A wrong field is read as its default or, when the
record cannot be used without it (an id, a note's passage), the record is
skipped; either way one line names the file, the record and the field, and says
which was done. The file itself is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.store.codec import (
    ARTICLE_META,
    DATE_GUESSED,
    ENTITIES_VERSION,
    FEED_MOMENTS,
    Doc,
)
from tui.store.record_rules import (
    COUNT,
    FLAG,
    LIST,
    MISSING,
    TEXT,
    TEXT_OR_NULL,
    TEXTS,
    RecordRules,
    Report,
    wrong_field,
)

RecordCheck = Callable[[Doc, object, str, Report], Doc | None]
"""checked_note, checked_reading...: (record, its file, its key, report) -> the record or None."""

_SKIPPED = "the record is skipped"

_ENTRY = RecordRules(
    ("title", TEXT, ""),
    *((name, TEXT_OR_NULL, None) for name in ARTICLE_META if name != "title"),
    (DATE_GUESSED, FLAG, False),
    ("tags", TEXTS, []),
    ("word_count", COUNT, 0),
    ("text_hash", TEXT, ""),
    (ENTITIES_VERSION, TEXT_OR_NULL, None),
)
_ENTITIES = RecordRules(("extractor_version", TEXT_OR_NULL, None), ("entities", LIST, []))
_ENTITY = RecordRules(("aliases", TEXTS, []))
_NOTE = RecordRules(
    ("body", TEXT, ""),
    ("color", TEXT_OR_NULL, None),
    ("tags", TEXTS, []),
    ("created", TEXT, ""),
    ("updated", TEXT, ""),
    ("orphaned", FLAG, False),
    ("entity", TEXT_OR_NULL, None),
)
_READING = RecordRules(
    ("position", COUNT, 0),
    ("read", FLAG, False),
    ("starred", FLAG, False),
    ("last_read", TEXT_OR_NULL, None),
    ("tags", TEXTS, []),
)


def _place(path: object, key: str, what: str, name: object) -> str:
    """The file and the record: its key in the table, and its id when it has a usable one."""
    named = f" ({what} {name})" if type(name) is str and name else ""
    return f"{path}: record {key}{named}"


def _required(doc: Doc, field: str, place: Callable[[], str], report: Report, outcome: str) -> bool:
    """Is a field the record cannot do without (an id, a name) non-empty text? Says so if not."""
    value = doc.get(field, MISSING)
    if type(value) is str and value:
        return True
    report(wrong_field(place(), field, value, TEXT[1], outcome))
    return False


def checked_entry(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """A catalog entry (or a body's copy of one) fit for article_from and summary_from, or
    None (no usable id). Blocks that are not [kind, start, end] spans are dropped, so the
    text is laid out as plain paragraphs."""
    article_id = doc.get("id")
    usable = type(article_id) is str and article_id and _ENTRY.fits(doc)
    if usable and ("blocks" not in doc or _blocks_fit(doc["blocks"])):
        return doc  # nearly always: the rest is for records that are not right

    def place() -> str:
        return _place(path, key, "article", article_id)

    if not _required(doc, "id", place, report, _SKIPPED):
        return None
    doc = _ENTRY.checked(doc, place, report)
    if "blocks" in doc and not _blocks_fit(doc["blocks"]):
        outcome = "laid out as paragraphs"
        report(wrong_field(place(), "blocks", doc["blocks"], "spans of the text", outcome))
        doc = {name: value for name, value in doc.items() if name != "blocks"}
    return doc


def _blocks_fit(blocks: object) -> bool:
    if type(blocks) is not list:
        return False
    for block in blocks:
        if type(block) is not list or len(block) != 3:
            return False
        _, start, end = block
        if type(start) is not int or type(end) is not int or not 0 <= start <= end:
            return False
    return True


def checked_catalog(table: dict[str, Doc], path: object, report: Report) -> dict[str, Doc]:
    """The catalog's usable entries by article id."""
    entries: dict[str, Doc] = {}
    for key, doc in table.items():
        entry = checked_entry(doc, path, key, report)
        if entry is not None:
            entries[entry["id"]] = entry
    return entries


def checked_entities(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """An article's entity document fit for entity_from, or None (no usable article id).

    An entity without a name is left out, and so is a mention that is not a
    [start, end, text] span.
    """
    article_id = doc.get("article_id")

    def place() -> str:
        return _place(path, key, "entities of article", article_id)

    usable = type(article_id) is str and article_id and _ENTITIES.fits(doc)
    if usable and _entities_fit(doc.get("entities", ())):
        return doc  # nearly always: the rest is for records that are not right
    if not _required(doc, "article_id", place, report, _SKIPPED):
        return None
    doc = _ENTITIES.checked(doc, place, report)
    entities = doc.get("entities", [])
    kept = [
        _checked_entity(entity, number, place, report) for number, entity in enumerate(entities)
    ]
    # `is not` alone misses an entity that was null and is skipped (None is None).
    if any(a is None or a is not b for a, b in zip(kept, entities, strict=True)):
        doc = {**doc, "entities": [entity for entity in kept if entity is not None]}
    return doc


def _entities_fit(entities: list[Any]) -> bool:
    """Are all entities and their mentions right? Inlined: an article has dozens of
    entities and hundreds of mentions, and a search index build reads them all."""
    for entity in entities:
        if type(entity) is not dict:
            return False
        name, aliases = entity.get("name"), entity.get("aliases", ())
        if type(name) is not str or not name or type(aliases) not in (list, tuple):
            return False
        for alias in aliases:
            if type(alias) is not str:
                return False
        mentions = entity.get("mentions", ())
        if type(mentions) not in (list, tuple):
            return False
        for mention in mentions:
            if type(mention) is not list or len(mention) != 3:
                return False
            start, end, text = mention
            if type(start) is not int or type(end) is not int or type(text) is not str:
                return False
            if not 0 <= start <= end:
                return False
    return True


def _checked_entity(
    entity: object, number: int, place: Callable[[], str], report: Report
) -> Doc | None:
    def here() -> str:
        return f"{place()}, entity {number + 1}"

    if type(entity) is not dict:
        report(wrong_field(here(), "entity", entity, "an object", "the entity is skipped"))
        return None
    if not _required(entity, "name", here, report, "the entity is skipped"):
        return None
    entity = _ENTITY.checked(entity, here, report)
    mentions = entity.get("mentions", [])
    if type(mentions) is not list:
        report(wrong_field(here(), "mentions", mentions, "a list", "read as []"))
        return {**entity, "mentions": []}
    spans = [mention for mention in mentions if _is_mention(mention)]
    if len(spans) != len(mentions):
        wrong = f"{len(mentions) - len(spans)} of its {len(mentions)} mentions"
        report(f'{here()}: "mentions": {wrong} are not [start, end, text]; those are skipped')
        entity = {**entity, "mentions": spans}
    return entity


def _is_mention(value: object) -> bool:
    if type(value) is not list or len(value) != 3:
        return False
    start, end, text = value
    return type(start) is int and type(end) is int and 0 <= start <= end and type(text) is str


def checked_note(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """A note fit for note_from, or None: no usable id or article id, or a passage
    (selector) that cannot be read."""
    note_id, article_id, selector = doc.get("id"), doc.get("article_id"), doc.get("selector")
    ids = type(note_id) is str and note_id and type(article_id) is str and article_id
    if ids and (selector is None or _is_selector(selector)) and _NOTE.fits(doc):
        return doc  # nearly always: the rest is for records that are not right

    def place() -> str:
        return _place(path, key, "note", note_id)

    if not (
        _required(doc, "id", place, report, _SKIPPED)
        and _required(doc, "article_id", place, report, _SKIPPED)
    ):
        return None
    if selector is not None and not _is_selector(selector):
        report(wrong_field(place(), "selector", selector, "a passage", _SKIPPED))
        return None
    return _NOTE.checked(doc, place, report)


def _is_selector(value: object) -> bool:
    if type(value) is not dict:
        return False
    start, end = value.get("start"), value.get("end")
    return (
        type(value.get("exact")) is str
        and type(start) is int
        and type(end) is int
        and 0 <= start <= end
        and all(type(value.get(name, "")) is str for name in ("prefix", "suffix", "text_hash"))
    )


def checked_reading(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """A reading state fit for reading_from, or None (no usable article id)."""
    article_id = doc.get("article_id")

    def place() -> str:
        return _place(path, key, "reading state of article", article_id)

    if not _required(doc, "article_id", place, report, _SKIPPED):
        return None
    return _READING.checked(doc, place, report)


def checked_saved_search(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """A saved search with a name and a query, or None."""

    def place() -> str:
        return _place(path, key, "saved search", doc.get("name"))

    if not _required(doc, "name", place, report, _SKIPPED):
        return None
    if type(doc.get("query")) is not str:
        report(wrong_field(place(), "query", doc.get("query", MISSING), TEXT[1], _SKIPPED))
        return None
    return doc


_CORRECTION = RecordRules(
    ("value", TEXT, ""), ("article_id", TEXT_OR_NULL, None), ("created", TEXT, "")
)


def checked_correction(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """An entity correction with an id, an action and the name it corrects, or None."""

    def place() -> str:
        return _place(path, key, "correction", doc.get("id"))

    for field in ("id", "action", "name"):
        if not _required(doc, field, place, report, _SKIPPED):
            return None
    return _CORRECTION.checked(doc, place, report)


_FEED = RecordRules(
    ("title", TEXT, ""),
    ("tags", TEXTS, []),
    *((name, TEXT_OR_NULL, None) for name in FEED_MOMENTS),
    ("article_ids", TEXTS, []),
    ("new_ids", TEXTS, []),
    ("expanded", TEXTS, []),
)


def checked_feed(doc: Doc, path: object, key: str, report: Report) -> Doc | None:
    """A subscription with an id and a URL (its state read as defaults where wrong), or None."""

    def place() -> str:
        return _place(path, key, "feed", doc.get("url"))

    if not _required(doc, "id", place, report, _SKIPPED):
        return None
    if not _required(doc, "url", place, report, _SKIPPED):
        return None
    return _FEED.checked(doc, place, report)


def checked_records(
    table: dict[str, Doc], check: RecordCheck, path: object, report: Report
) -> list[Doc]:
    """A table's usable records, each checked by `check` (checked_note, checked_reading...)."""
    kept = []
    for key, doc in table.items():
        checked = check(doc, path, key, report)
        if checked is not None:
            kept.append(checked)
    return kept
