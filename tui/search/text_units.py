"""Words, sentences and paragraphs of a canonical text, as sorted boundary offsets.

The reading cursor jumps between unit starts and the keyboard selection grows
or shrinks between unit ends; `following` and `preceding` do both. No Textual
here, so the units can be tested on real articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tui.models import Block

Unit = Literal["word", "sentence", "paragraph"]

NEAR = 200
"""Characters either side of a position where word_at looks before reading the whole text."""
_WORD = re.compile(r"\w+(?:[’'.\-&]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s|$)")


@dataclass(frozen=True)
class Boundaries:
    """Sorted starts and ends of one kind of unit."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]


@lru_cache(maxsize=4)
def word_boundaries(text: str) -> Boundaries:
    """Kept for the last few texts: the cursor asks at every key, and a long article
    has tens of thousands of words."""
    spans = [match.span() for match in _WORD.finditer(text)]
    return Boundaries(tuple(s for s, _ in spans), tuple(e for _, e in spans))


def sentence_boundaries(text: str, blocks: Sequence[Block]) -> Boundaries:
    """A sentence ends after final punctuation or at the end of a block."""
    word_starts = word_boundaries(text).starts
    ends = sorted({m.end() for m in _SENTENCE_END.finditer(text)} | {b.end for b in blocks})
    starts = {block.start for block in blocks}
    for end in ends:
        index = bisect_left(word_starts, end)
        if index < len(word_starts):
            starts.add(word_starts[index])
    return Boundaries(tuple(sorted(starts)), tuple(ends))


def paragraph_boundaries(blocks: Sequence[Block]) -> Boundaries:
    return Boundaries(tuple(b.start for b in blocks), tuple(b.end for b in blocks))


def boundaries(text: str, blocks: Sequence[Block], unit: Unit) -> Boundaries:
    if unit == "word":
        return word_boundaries(text)
    if unit == "sentence":
        return sentence_boundaries(text, blocks)
    return paragraph_boundaries(blocks)


def following(points: Sequence[int], position: int) -> int:
    """The first point after `position`; the last point when there is none."""
    index = bisect_right(points, position)
    if index < len(points):
        return points[index]
    return points[-1] if points else position


def preceding(points: Sequence[int], position: int, floor: int = 0) -> int:
    """The last point before `position` and not below `floor`; `floor` when there is none."""
    index = bisect_left(points, position) - 1
    if index >= 0 and points[index] >= floor:
        return points[index]
    return floor


def word_at(text: str, position: int) -> tuple[int, int]:
    """The word at `position`, else the next one, else the last one; (0, 0) for no words.

    Looked for near `position` first: a long article has tens of thousands of words.
    """
    window = max(0, position - NEAR)
    for match in _WORD.finditer(text, window, position + NEAR):
        if (match.start() == window and window > 0) or match.end() == position + NEAR:
            break  # the window may cut a word: ask the whole text
        if match.end() > position:
            return match.span()
    words = word_boundaries(text)
    if not words.starts:
        return (0, 0)
    index = bisect_right(words.ends, position)
    index = min(index, len(words.starts) - 1)
    return (words.starts[index], words.ends[index])


def sentence_at(text: str, blocks: Sequence[Block], position: int) -> tuple[int, int]:
    """The sentence holding `position` (what `h` and `a` take without a selection)."""
    sentences = sentence_boundaries(text, blocks)
    if not sentences.starts:
        return (0, 0)
    start = sentences.starts[max(0, bisect_right(sentences.starts, position) - 1)]
    end = following(sentences.ends, start)
    return (start, max(end, start))
