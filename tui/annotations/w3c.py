"""One note as a W3C Web Annotation (JSON-LD) and back.

https://www.w3.org/TR/annotation-model/: the note's body is a TextualBody
(Markdown, purpose "commenting"), each tag a TextualBody with purpose
"tagging", and the target is the article (its URL, else a urn with its id)
refined by a TextQuoteSelector and a TextPositionSelector. What the model has
no field for (the Gloss article id, the colour name, the orphaned flag, the
hash of the text the selector was made on, the entity a note is about) goes
in a "gloss" object, so an
export restores every note exactly; the colour is also a styleClass with a
CSS stylesheet, which other W3C tools understand.

Parsing is for files from anywhere: anything malformed is a ValueError whose
message says what is wrong, and strings lose control characters before they
can reach a terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from typing import Any

from tui.annotations.colors import HIGHLIGHT_COLORS, HIGHLIGHT_CSS
from tui.ingest.clean import strip_controls
from tui.ingest.w3c_annotations import ANNOTATION_CONTEXT
from tui.models import Note, Selector

NOTE_URN = "urn:gloss:note:"
ARTICLE_URN = "urn:gloss:article:"
EXTENSION = "gloss"
"""The key of the object holding what the W3C model has no field for."""

_NOTE_ID = re.compile(r"[A-Za-z0-9_.-]{1,100}")
_MAX_STRING = 1_000_000

__all__ = [
    "ANNOTATION_CONTEXT",
    "ARTICLE_URN",
    "NOTE_URN",
    "article_source",
    "note_to_annotation",
    "parse_annotation",
    "types_of",
]


def article_source(article_id: str, url: str | None) -> str:
    """The IRI an annotation targets: the article's URL, else a urn naming its Gloss id."""
    return url or ARTICLE_URN + article_id


def note_to_annotation(note: Note, source: str) -> dict[str, Any]:
    """The note as one W3C Annotation (without "@context": the collection carries it)."""
    bodies: list[dict[str, Any]] = []
    if note.body:
        bodies.append(
            {
                "type": "TextualBody",
                "value": note.body,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags)
    target: dict[str, Any] = {"source": source}
    selector = note.selector
    if selector is not None:
        target["selector"] = [
            {
                "type": "TextQuoteSelector",
                "exact": selector.exact,
                "prefix": selector.prefix,
                "suffix": selector.suffix,
            },
            {"type": "TextPositionSelector", "start": selector.start, "end": selector.end},
        ]
    annotation: dict[str, Any] = {
        "id": NOTE_URN + note.id,
        "type": "Annotation",
        "motivation": "commenting" if note.body or selector is None else "highlighting",
        "created": note.created,
        "modified": note.updated,
    }
    if note.color in HIGHLIGHT_CSS:
        target["styleClass"] = note.color
        annotation["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{note.color} {{ background-color: {HIGHLIGHT_CSS[note.color]}; }}",
        }
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = target
    annotation[EXTENSION] = {
        "articleId": note.article_id,
        "entity": note.entity,
        "color": note.color,
        "orphaned": note.orphaned,
        "textHash": None if selector is None else selector.text_hash,
    }
    return annotation


def types_of(value: object) -> set[str]:
    """The "type" (or JSON-LD "@type") names of a JSON object, one or many."""
    if not isinstance(value, dict):
        return set()
    kind = value.get("type", value.get("@type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _string(value: object, what: str) -> str:
    """A string from the file, without control characters; None gives ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a string")
    if len(value) > _MAX_STRING:
        raise ValueError(f"{what} is longer than {_MAX_STRING} characters")
    return unicodedata.normalize("NFC", strip_controls(value))


def _offset(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} is not a whole number of 0 or more")
    return value


def _note_id(annotation: dict[str, Any]) -> str:
    """Our own id back from "urn:gloss:note:ID"; a stable id made from anyone else's.

    A foreign annotation always gets the same id, so importing it twice skips it
    the second time instead of duplicating it.
    """
    given = annotation.get("id", annotation.get("@id"))
    if isinstance(given, str) and given.startswith(NOTE_URN):
        note_id = given[len(NOTE_URN) :]
        if not _NOTE_ID.fullmatch(note_id):
            raise ValueError(f"note id {note_id[:40]!r} has characters a Gloss id never has")
        return note_id
    if isinstance(given, str) and given:
        key = given
    else:
        key = json.dumps(annotation, sort_keys=True, ensure_ascii=False, default=str)
    return uuid.uuid5(uuid.NAMESPACE_URL, key).hex


def _bodies(annotation: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The comment (several are joined by blank lines) and the tags."""
    texts: list[str] = []
    tags: list[str] = []
    if annotation.get("bodyValue") is not None:
        texts.append(_string(annotation["bodyValue"], "bodyValue"))
    for body in _as_list(annotation.get("body")):
        if not isinstance(body, dict) or "value" not in body:
            continue  # a link to a body elsewhere: nothing Gloss can show
        value = _string(body["value"], "a body's value")
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        if "tagging" in purposes:
            if value.strip():
                tags.append(value.strip())
        elif value:
            texts.append(value)
    return "\n\n".join(texts), tuple(dict.fromkeys(tags))


def _selector(selectors: list[object], text_hash: str) -> Selector | None:
    """A Selector from a target's TextQuoteSelector and/or TextPositionSelector.

    Without a quote the selector's `exact` is empty (the importer takes the
    quote from the current text); without a position the start is 0 and only
    the quote and its context place it.
    """
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for item in selectors:
        kinds = types_of(item)
        if not isinstance(item, dict):
            continue
        if "TextQuoteSelector" in kinds and quote is None:
            quote = item
        elif "TextPositionSelector" in kinds and position is None:
            position = item
    if quote is None and position is None:
        if selectors:
            raise ValueError("its target has no TextQuoteSelector or TextPositionSelector")
        return None
    exact = prefix = suffix = ""
    if quote is not None:
        exact = _string(quote.get("exact"), "TextQuoteSelector.exact")
        if not exact:
            raise ValueError("its TextQuoteSelector has an empty exact quote")
        prefix = _string(quote.get("prefix"), "TextQuoteSelector.prefix")
        suffix = _string(quote.get("suffix"), "TextQuoteSelector.suffix")
    if position is not None:
        start = _offset(position.get("start"), "TextPositionSelector.start")
        end = _offset(position.get("end"), "TextPositionSelector.end")
        if end <= start:
            raise ValueError(f"its TextPositionSelector is empty ({start}..{end})")
    else:
        start, end = 0, len(exact)
    return Selector(exact, prefix, suffix, start, end, text_hash)


def parse_annotation(value: object) -> tuple[Note, str]:
    """A Note from one W3C Annotation, and the IRI of the article it targets.

    The note's article_id is the Gloss id the annotation carries, or "" when
    only its target's source can name the article.
    """
    if not isinstance(value, dict):
        raise ValueError("it is not a JSON object")
    if "Annotation" not in types_of(value):
        raise ValueError("its type is not Annotation")
    extension = value.get(EXTENSION)
    extra: dict[str, Any] = extension if isinstance(extension, dict) else {}
    body, tags = _bodies(value)
    targets = _as_list(value.get("target"))
    if not targets:
        raise ValueError("it has no target")
    target = targets[0]
    style: object = None
    source: object
    if isinstance(target, str):
        source, selectors = target, []
    elif isinstance(target, dict):
        source = target.get("source", target.get("id"))
        selectors = _as_list(target.get("selector"))
        style = target.get("styleClass")
    else:
        raise ValueError("its target is neither a link nor an object")
    if not isinstance(source, str) or not source.strip():
        raise ValueError("its target has no source")
    text_hash = extra.get("textHash")
    color = extra.get("color", style)
    article_id = extra.get("articleId")
    entity = extra.get("entity")
    created = _string(value.get("created"), "created")
    note = Note(
        id=_note_id(value),
        article_id=_string(article_id, "gloss.articleId") if isinstance(article_id, str) else "",
        body=body,
        selector=_selector(selectors, text_hash if isinstance(text_hash, str) else ""),
        color=color if color in HIGHLIGHT_COLORS else None,
        tags=tags,
        created=created,
        updated=_string(value.get("modified"), "modified") or created,
        orphaned=extra.get("orphaned") is True,
        entity=(_string(entity, "gloss.entity") or None) if isinstance(entity, str) else None,
    )
    return note, _string(source, "the target's source").strip()
