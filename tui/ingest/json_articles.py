"""JSON Feed, JSON and JSON Lines files of articles.

A file may hold one article object, a list of them, an object whose
"articles" or "items" member is that list, one object per line (JSON Lines),
or a JSON Feed (https://jsonfeed.org, version 1 and 1.1).

Article fields (only a text is required; unknown fields are ignored):

- ``title``: the headline. Without one, the first sentence is used.
- ``text``: the article text, as plain text (paragraphs separated by blank
  lines; short lines before a paragraph become headings) or as HTML (tags are
  read into headings and paragraphs). Also read from ``body`` or ``content``,
  JSON Feed's ``content_html``/``content_text``, and as a last resort from
  ``summary`` or ``description``. A list of strings is a list of paragraphs.
- ``date``: when it was published: an ISO 8601 date or timestamp
  ("2022-02-24", "2022-02-24T09:30:00Z") or an RFC 822 date; also
  ``date_published`` (JSON Feed) or ``published``.
- ``url``: the article's address; also ``link`` or ``external_url``.
- ``source``: the publication, as a string or ``{"name": ...}``. A JSON
  Feed's title is used when an item has none.
- ``author``: a string, ``{"name": ...}``, or a list of either; also
  ``authors`` (JSON Feed 1.1).
- ``tags``: a list of strings, or one comma-separated string.
- ``language``: a language tag such as "en" or "pt-BR"; also ``lang``.
- ``place``: where the story is datelined, e.g. "Beijing".

A plain text that opens with a dateline ("Beijing 24 February 2022 (TDI): ...")
fills in place, date and source when the fields are missing.

W3C Web Annotation exports (``"@context": "http://www.w3.org/ns/anno.jsonld"``)
are not articles: they raise AnnotationExportError for the notes importer.
"""

from __future__ import annotations

import json
from typing import Any

from tui.ingest.assemble import assemble
from tui.ingest.clean import clean_field, clean_text, split_blocks
from tui.ingest.dateline import Dateline, iso_date, parse_dateline
from tui.ingest.errors import IngestError, NotAnArticle
from tui.ingest.html_blocks import Blocks, html_to_blocks, looks_like_html
from tui.ingest.plain_text import classify
from tui.ingest.w3c_annotations import refuse_annotation_export
from tui.models import Article

_TEXT_KEYS = ("text", "body", "content", "content_html", "content_text", "summary", "description")
_LIST_KEYS = ("articles", "items")
_MAX_LIST_ITEMS = 200


class NotJson(ValueError):
    """The text is neither JSON nor JSON Lines (the caller may read it as prose instead)."""


def _number(digits: str) -> int | float:
    """Python refuses ints of more than 4300 digits; a hostile file is not worth failing on."""
    return int(digits) if len(digits) < 4000 else float("inf")


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_number)


def parse_json(text: str) -> Any:
    """One JSON document, or the list of values of a JSON Lines file."""
    try:
        return _loads(text)
    except RecursionError:
        raise NotJson("JSON nested too deeply") from None
    except ValueError as error:
        first_error = error
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise NotJson(f"not valid JSON ({_describe(first_error)})")
    values = []
    for number, line in enumerate(lines, start=1):
        try:
            values.append(_loads(line))
        except RecursionError:
            raise NotJson(f"JSON nested too deeply on line {number}") from None
        except ValueError as error:
            raise NotJson(f"not valid JSON ({_describe(first_error)})") from error
    return values


def _describe(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno} column {error.colno}"
    return str(error)[:120]


def _name(value: Any) -> str | None:
    """A string, {"name": ...}, or a list of either, as one line."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:_MAX_LIST_ITEMS]:
        name = item.get("name") if isinstance(item, dict) else item
        cleaned = clean_field(name) if isinstance(name, str) else None
        if cleaned:
            names.append(cleaned)
    return ", ".join(names) or None


def _first(item: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", []):
            return value
    return None


def _tags(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        return []
    return [
        tag for item in items[:_MAX_LIST_ITEMS] if isinstance(item, str) and (tag := item.strip())
    ]


def _text_blocks(value: Any) -> tuple[Blocks, Dateline | None]:
    """Blocks of a text field and, for plain text, the dateline it opens with."""
    if isinstance(value, list):
        value = "\n\n".join(item for item in value[:100_000] if isinstance(item, str))
    if not isinstance(value, str) or not value.strip():
        return [], None
    if looks_like_html(value):
        return html_to_blocks(value), None
    blocks = classify(split_blocks(clean_text(value)))
    return blocks, parse_dateline(blocks[0][1]) if blocks else None


def _url(item: dict[str, Any]) -> str | None:
    value = _first(item, "url", "link", "external_url")
    return value if isinstance(value, str) else None


def _article(item: dict[str, Any], origin: str, feed: dict[str, Any]) -> Article | None:
    blocks: Blocks = []
    dateline = None
    for key in _TEXT_KEYS:
        blocks, dateline = _text_blocks(item.get(key))
        if blocks:
            break
    if not blocks:
        return None
    title = _first(item, "title", "headline")
    return assemble(
        blocks,
        title=title if isinstance(title, str) else None,
        date=iso_date(_first(item, "date", "date_published", "published"))
        or (dateline.date if dateline else None),
        place=clean_field(item.get("place")) or (dateline.place if dateline else None),
        source=_name(item.get("source"))
        or feed.get("title")
        or (dateline.source if dateline else None),
        url=_url(item),
        author=_name(_first(item, "author", "authors")) or feed.get("author"),
        language=clean_field(_first(item, "language", "lang")) or feed.get("language"),
        tags=_tags(item.get("tags")),
        origin=origin,
    )


def _has_text_field(item: dict[str, Any]) -> bool:
    """Does the object name an article text at all (even an empty one)? A manifest or a
    metadata sidecar has titles and dates but none of these."""
    return any(key in item for key in _TEXT_KEYS)


def _items(document: Any) -> tuple[list[Any], dict[str, Any]]:
    """The article objects of a document and what a JSON Feed says about them all."""
    if isinstance(document, list):
        return document, {}
    if not isinstance(document, dict):
        return [], {}
    version = document.get("version")
    if isinstance(version, str) and "jsonfeed.org" in version:
        items = document.get("items")
        feed = {
            "title": clean_field(document.get("title")),
            "author": _name(_first(document, "authors", "author")),
            "language": clean_field(document.get("language")),
        }
        return (items if isinstance(items, list) else []), feed
    for key in _LIST_KEYS:
        if isinstance(document.get(key), list):
            return document[key], {}
    return [document], {}


def read_json(text: str, origin: str) -> list[Article]:
    """Every article in a JSON, JSON Lines or JSON Feed file."""
    document = parse_json(text)
    refuse_annotation_export(document, origin)
    items, feed = _items(document)
    if not any(isinstance(item, dict) and _has_text_field(item) for item in items):
        raise NotAnArticle(origin, "JSON without an article's text, body or content field")
    articles = [
        article
        for item in items
        if isinstance(item, dict) and (article := _article(item, origin, feed)) is not None
    ]
    if not articles:
        raise IngestError(
            origin,
            "no articles in this JSON: expected objects with a text (or body/content) field",
        )
    return articles
