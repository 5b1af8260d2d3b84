"""Turn headings and paragraphs plus metadata into an Article with canonical text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from tui.models import Article, Block, BlockKind

BLOCK_SEPARATOR = "\n\n"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_MAX_TITLE = 160


def article_id(url: str | None, text: str) -> str:
    """Stable id: from the URL when there is one (so a changed text keeps it), else the text."""
    key = f"url:{url}" if url else f"text:{text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def first_sentence(paragraph: str) -> str:
    """The first sentence without its final full stop, cut at a word if very long."""
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".")
    if len(sentence) > _MAX_TITLE:
        sentence = sentence[:_MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return " ".join(sentence.split())


def assemble(
    blocks: Sequence[tuple[BlockKind, str]],
    *,
    title: str | None = None,
    date: str | None = None,
    place: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    tags: Sequence[str] = (),
    origin: str | None = None,
) -> Article:
    """Join blocks with one blank line; every offset in Gloss points into that text."""
    spans: list[Block] = []
    parts: list[str] = []
    position = 0
    for kind, body in blocks:
        if parts:
            position += len(BLOCK_SEPARATOR)
        spans.append(Block(kind, position, position + len(body)))
        parts.append(body)
        position += len(body)
    text = BLOCK_SEPARATOR.join(parts)
    if not title:
        first_paragraph = next((body for kind, body in blocks if kind == "paragraph"), "")
        title = first_sentence(first_paragraph) or "Untitled"
    return Article(
        id=article_id(url, text),
        title=title,
        text=text,
        blocks=tuple(spans),
        date=date,
        place=place,
        source=source,
        url=url,
        author=author,
        language=language,
        tags=tuple(tags),
        origin=origin,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
