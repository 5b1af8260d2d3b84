"""Plain-text articles like the seed: a dateline, paragraphs, and short heading lines."""

from __future__ import annotations

from dataclasses import dataclass

from tui.ingest.assemble import assemble, first_sentence
from tui.ingest.clean import clean_text, split_blocks
from tui.ingest.dateline import parse_dateline
from tui.models import Article, BlockKind

_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 14
_FINAL_PUNCTUATION = tuple('.!?:;,"”’')


def looks_like_heading(block: str) -> bool:
    """A short single line that does not end like a sentence."""
    return (
        "\n" not in block
        and len(block) <= _MAX_HEADING_CHARS
        and len(block.split()) <= _MAX_HEADING_WORDS
        and not block.endswith(_FINAL_PUNCTUATION)
    )


def classify(blocks: list[str]) -> list[tuple[BlockKind, str]]:
    """Headings are heading-like blocks followed by a paragraph (never the last block)."""
    kinds: list[tuple[BlockKind, str]] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        is_heading = (
            looks_like_heading(block)
            and following is not None
            and not looks_like_heading(following)
        )
        kinds.append(("heading" if is_heading else "paragraph", block))
    return kinds


@dataclass(frozen=True, slots=True)
class Prose:
    """Plain text read as blocks, with what its title line and dateline say."""

    blocks: list[tuple[BlockKind, str]]
    title: str | None = None
    place: str | None = None
    date: str | None = None
    source: str | None = None


def parse_prose(raw: str) -> Prose:
    """Blocks of a plain text; a leading heading is the title; a dateline gives place and date."""
    blocks = classify(split_blocks(clean_text(raw)))
    title: str | None = None
    if len(blocks) > 1 and blocks[0][0] == "heading":
        title = blocks.pop(0)[1]
    place = date = source = None
    if blocks:
        dateline = parse_dateline(blocks[0][1])
        if dateline is not None:
            place, date, source = dateline.place, dateline.date, dateline.source
            if title is None:
                title = first_sentence(blocks[0][1][dateline.end :]) or None
    return Prose(blocks, title, place, date, source)


def read_plain_text(raw: str, origin: str | None = None) -> Article:
    prose = parse_prose(raw)
    return assemble(
        prose.blocks,
        title=prose.title,
        date=prose.date,
        place=prose.place,
        source=prose.source,
        origin=origin,
    )
