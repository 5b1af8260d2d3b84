"""Markdown articles, with or without YAML front matter."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from tui.ingest.assemble import assemble
from tui.ingest.clean import clean_field, clean_text, split_blocks
from tui.ingest.dateline import parse_date
from tui.models import Article, BlockKind

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<label>[^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\*(?![\w*])")


def has_front_matter(text: str) -> bool:
    return _FRONT_MATTER.match(text) is not None


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter as a dict (empty when absent) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    loaded = yaml.safe_load(match.group("yaml"))
    if not isinstance(loaded, dict):
        raise ValueError("front matter is not a YAML mapping")
    return loaded, text[match.end() :]


def plain_inline(text: str) -> str:
    """Drop inline Markdown syntax so the reader shows words, not markup."""
    text = _IMAGE.sub(lambda m: m.group("alt"), text)
    text = _LINK.sub(lambda m: m.group("label"), text)
    text = _STRONG.sub(lambda m: m.group("inner"), text)
    return _EMPHASIS.sub(lambda m: m.group("inner"), text)


def _iso_date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return None
    return parse_date(str(value))


def _tags(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value or []
    if not isinstance(items, list | tuple):
        return ()
    tags = (clean_field(item) for item in items)
    return tuple(dict.fromkeys(tag.lstrip("#") for tag in tags if tag))


def read_markdown(raw: str, origin: str | None = None) -> Article:
    meta, body = split_front_matter(clean_text(raw))
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in split_blocks(body):
        heading = _ATX_HEADING.match(chunk) if "\n" not in chunk else None
        if heading:
            blocks.append(("heading", plain_inline(heading.group("text"))))
        else:
            blocks.append(("paragraph", plain_inline(chunk)))
    title = clean_field(meta.get("title"))
    if title is None and blocks and blocks[0][0] == "heading":
        title = blocks.pop(0)[1]
    return assemble(
        blocks,
        title=title,
        date=_iso_date(meta.get("date")),
        place=clean_field(meta.get("place")),
        source=clean_field(meta.get("source")),
        url=clean_field(meta.get("url")),
        author=clean_field(meta.get("author")),
        language=clean_field(meta.get("language") or meta.get("lang")),
        tags=_tags(meta.get("tags")),
        origin=origin,
    )
