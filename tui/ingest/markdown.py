"""Markdown articles, with or without YAML front matter."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui.ingest.assemble import assemble
from tui.ingest.clean import clean_field, clean_text, split_blocks
from tui.ingest.dateline import iso_date
from tui.ingest.markdown_export import refuse_markdown_export
from tui.models import Article, BlockKind

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_SETEXT_HEADING = re.compile(r"\A(?P<text>[^\n]+)\n(?:=+|-+)[ \t]*\Z")
# Inline patterns are bounded so that a hostile megabyte-long line stays linear.
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
_LINK = re.compile(r"\[(?P<label>[^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<inner>[^\n]{1,300}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(?P<inner>[^*\n]{1,300}?)(?<=\S)\*(?![\w*])")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)
_RULE = re.compile(r"\A(?:[-*_][ \t]*){3,}\Z")
_ATX_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MAX_FRONT_MATTER = 64 * 1024

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})


def has_front_matter(text: str) -> bool:
    return _FRONT_MATTER.match(text[: _MAX_FRONT_MATTER + 16]) is not None


def looks_like_markdown(text: str) -> bool:
    """Content that is clearly Markdown: an ATX heading, or several kinds of Markdown syntax.

    One signal alone is too weak: "* " lists and "[x](y)" also occur in plain
    notes; a "# Heading" line at the start of a block does not.
    """
    sample = text[:65536]
    if any(_ATX_LINE.match(block) for block in split_blocks(sample)):
        return True
    signals = (
        _LINK.search(sample) is not None,
        _STRONG.search(sample) is not None,
        _FENCE.search(sample) is not None,
        len(_LIST_ITEM.findall(sample)) >= 2,
        any(_SETEXT_HEADING.match(block) for block in split_blocks(sample)),
    )
    return sum(signals) >= 2


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter as a dict (empty when absent) and the body after it."""
    match = _FRONT_MATTER.match(text[: _MAX_FRONT_MATTER + 16])
    if match is None:
        return {}, text
    try:
        loaded = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ValueError(f"front matter is not valid YAML{where}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ValueError("front matter is not a YAML mapping")
    return loaded, text[match.end() :]


def plain_inline(text: str) -> str:
    """Drop inline Markdown syntax so the reader shows words, not markup."""
    text = _IMAGE.sub(lambda m: m.group("alt"), text)
    text = _LINK.sub(lambda m: m.group("label"), text)
    text = _STRONG.sub(lambda m: m.group("inner"), text)
    return _EMPHASIS.sub(lambda m: m.group("inner"), text)


def _tags(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value or []
    if not isinstance(items, list | tuple):
        return ()
    tags = (clean_field(item) for item in items)
    return tuple(dict.fromkeys(tag.lstrip("#") for tag in tags if tag))


def _blocks(body: str) -> list[tuple[BlockKind, str]]:
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in split_blocks(body):
        chunk = "\n".join(line for line in chunk.split("\n") if not _FENCE.match(line))
        if not chunk.strip() or _RULE.match(chunk):
            continue
        heading = _ATX_HEADING.match(chunk) if "\n" not in chunk else None
        setext = _SETEXT_HEADING.match(chunk)
        if heading:
            blocks.append(("heading", plain_inline(heading.group("text"))))
        elif setext:
            blocks.append(("heading", plain_inline(setext.group("text"))))
        else:
            blocks.append(("paragraph", plain_inline(chunk)))
    return blocks


def read_markdown(raw: str, origin: str | None = None) -> Article:
    """Front matter gives the metadata; else the first heading is the title.

    Gloss's own export is notes, not an article: refused (see markdown_export).
    """
    meta, body = split_front_matter(clean_text(raw))
    refuse_markdown_export(meta, body, origin or "")
    blocks = _blocks(body)
    title = clean_field(meta.get("title"))
    if title is None and blocks and blocks[0][0] == "heading":
        title = blocks.pop(0)[1]
    return assemble(
        blocks,
        title=title,
        date=iso_date(meta.get("date")),
        place=clean_field(meta.get("place")),
        source=clean_field(meta.get("source")),
        url=clean_field(meta.get("url")),
        author=clean_field(meta.get("author")),
        language=clean_field(meta.get("language") or meta.get("lang")),
        tags=_tags(meta.get("tags")),
        origin=origin,
    )
