"""Turn headings and paragraphs plus metadata into an Article with canonical text.

This is the one funnel every reader goes through, so it is also where every
block and metadata field is cleaned: a reader cannot forget to.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from tui.ingest.clean import clean_block, clean_field, clean_text
from tui.ingest.language import article_language
from tui.models import Article, Block, BlockKind

BLOCK_SEPARATOR = "\n\n"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_MAX_TITLE = 160
_MAX_FIELD = 1000


def article_id(url: str | None, text: str) -> str:
    """Stable id: from the URL when there is one (so a changed text keeps it), else the text."""
    key = f"url:{url}" if url else f"text:{text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def first_sentence(paragraph: str) -> str:
    """The first sentence without its final full stop, cut at a word if very long."""
    sentence = _SENTENCE_END.split(paragraph[: _MAX_TITLE * 8], maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".")
    return shorten(" ".join(sentence.split()), _MAX_TITLE)


def shorten(value: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis; a hostile 1 MB "title" stays readable."""
    if len(value) <= limit:
        return value
    cut = value[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"


def _field(value: object, limit: int = _MAX_FIELD) -> str | None:
    cleaned = clean_field(value)
    return shorten(cleaned, limit) if cleaned else None


def assemble(
    blocks: Iterable[tuple[BlockKind, str]],
    *,
    title: str | None = None,
    date: str | None = None,
    date_guessed: bool = False,
    place: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    tags: Sequence[str] = (),
    origin: str | None = None,
) -> Article:
    """Join cleaned blocks with one blank line; every offset in Gloss points into that text."""
    kept = [(kind, text) for kind, raw in blocks if (text := clean_block(raw))]
    spans: list[Block] = []
    parts: list[str] = []
    position = 0
    for kind, body in kept:
        if parts:
            position += len(BLOCK_SEPARATOR)
        spans.append(Block(kind, position, position + len(body)))
        parts.append(body)
        position += len(body)
    text = BLOCK_SEPARATOR.join(parts)
    clean_title = _field(title, _MAX_TITLE * 4)
    if not clean_title:
        first_paragraph = next((body for kind, body in kept if kind == "paragraph"), "")
        clean_title = first_sentence(first_paragraph) or "Untitled"
    clean_url = _field(url)
    clean_tags = (_field(tag, 100) for tag in tags)
    return Article(
        id=article_id(clean_url, text),
        title=clean_title,
        text=text,
        blocks=tuple(spans),
        date=(clean_date := _field(date, 40)),
        date_guessed=date_guessed and clean_date is not None,
        place=_field(place, 200),
        source=_field(source, 300),
        url=clean_url,
        author=_field(author, 300),
        language=article_language(text, _field(language, 40)),
        tags=tuple(dict.fromkeys(tag for tag in clean_tags if tag)),
        origin=clean_text(origin) if origin else None,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
