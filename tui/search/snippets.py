"""The passage shown under a search hit: one line around the words that matched.

A snippet is cut from the article's canonical text (or a note's body) and never
rewritten except for runs of whitespace, which become one space so that it fits
one line; highlight spans are offsets into the snippet itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from tui.search.tokenizer import fold_same_length

WIDTH = 160
ELLIPSIS = "…"
MAX_ANCHORS = 200
"""A word matched hundreds of times does not need hundreds of candidate windows."""

_SPACE = re.compile(r"\s+")
_SNAP = 24  # how far a window edge may move to land between words

Span = tuple[int, int]


def snippet(
    text: str, pattern: re.Pattern[str] | None, width: int = WIDTH
) -> tuple[str, tuple[Span, ...]]:
    """The window of `text` with the most distinct matching words, and their spans in it.

    `pattern` (tokenizer.word_pattern) is run over the folded text, which has
    the same offsets. Without any match this is the start of the text.
    """
    if pattern is None:
        return lead(text, width)
    found = [(m.start(), m.end(), m.group()) for m in pattern.finditer(fold_same_length(text))]
    if not found:
        return lead(text, width)
    starts = [start for start, _, _ in found]
    best: tuple[int, int] = (-1, -1)
    best_start = 0
    for anchor, _, _ in found[:MAX_ANCHORS]:
        window = max(0, anchor - width // 4)
        first = bisect_left(starts, window)
        last = bisect_right(starts, window + width)
        inside = [word for start, end, word in found[first:last] if end <= window + width]
        score = (len(set(inside)), len(inside))
        if score > best:
            best, best_start = score, window
    start, end = _snap(text, best_start, best_start + width)
    return _one_line(text, start, end, [(s, e) for s, e, _ in found])


def around(text: str, start: int, end: int, context: int = 60) -> tuple[str, Span]:
    """A one-line window of about `context` characters each side of [start, end), cut
    between words, and where that passage stands in it."""
    left, right = _snap(text, max(0, start - context), min(len(text), end + context))
    line, spans = _one_line(text, min(left, start), max(right, end), [(start, end)])
    return line, spans[0]


def lead(text: str, width: int = WIDTH) -> tuple[str, tuple[Span, ...]]:
    """The start of a text as a one-line snippet."""
    start, end = _snap(text, 0, width)
    return _one_line(text, start, end, [])


def _snap(text: str, start: int, end: int) -> Span:
    """Move the window's edges to spaces, so that no word is cut in two."""
    end = min(end, len(text))
    if start > 0 and not text[start - 1].isspace():
        back = start
        while back > max(0, start - _SNAP) and not text[back - 1].isspace():
            back -= 1
        if back > 0 and text[back - 1].isspace():
            start = back
        else:
            while start < end and not text[start].isspace():
                start += 1
    if end < len(text) and not text[end].isspace():
        back = end
        while back > max(start, end - _SNAP) and not text[back - 1].isspace():
            back -= 1
        if back > start:
            end = back
    return start, end


def _one_line(text: str, start: int, end: int, spans: list[Span]) -> tuple[str, tuple[Span, ...]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    pieces: list[str] = [prefix]
    run_ends: list[int] = []
    removed: list[int] = []
    position, total = start, 0
    for run in _SPACE.finditer(text, start, end):
        pieces.append(text[position : run.start()])
        pieces.append(" ")
        total += run.end() - run.start() - 1
        run_ends.append(run.end())
        removed.append(total)
        position = run.end()
    pieces.append(text[position:end])
    pieces.append(suffix)

    def mapped(offset: int) -> int:
        runs = bisect_right(run_ends, offset)
        return offset - start - (removed[runs - 1] if runs else 0) + len(prefix)

    highlights = tuple((mapped(s), mapped(e)) for s, e in spans if s >= start and e <= end)
    return "".join(pieces), highlights
