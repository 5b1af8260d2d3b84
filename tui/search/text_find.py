"""Finding typed text in an article: the one rule the reader's find and `--quote` share.

Smart case: a query in lower case matches any case; an upper-case letter makes
the whole query case-sensitive. Spaces match any run of white space, so a
phrase is found across line breaks and paragraph joins, and straight quotes and
plain hyphens (what a keyboard or a shell gives) match the article's curly
quotes and dashes. A query is text, never a pattern.
"""

from __future__ import annotations

import difflib
import re

Span = tuple[int, int]

# Characters typed in place of the article's, and what each may stand for.
_LOOSE_CHARS = {
    "'": "['‘’ʼ′]",
    "‘": "['‘’ʼ′]",
    "’": "['‘’ʼ′]",
    '"': '["“”″]',
    "“": '["“”″]',
    "”": '["“”″]',
    "-": "[-‐‑–—]",
    "–": "[-‐‑–—]",
    "—": "[-‐‑–—]",
}
NEAR_MISS = 0.8
"""How alike (difflib's ratio, case-folded) a passage must be to be suggested."""
_MAX_SUGGESTION_WORDS = 60


def find_spans(text: str, query: str) -> list[Span]:
    """Every match of `query` in `text`, by the rule above."""
    words = query.split()
    if not words:
        return []
    pattern = r"\s+".join(
        "".join(_LOOSE_CHARS.get(char, re.escape(char)) for char in word) for word in words
    )
    if query[0].isspace():
        pattern = r"\s+" + pattern
    if query[-1].isspace():
        pattern += r"\s+"
    flags = 0 if any(character.isupper() for character in query) else re.IGNORECASE
    return [
        match.span() for match in re.finditer(pattern, text, flags) if match.end() > match.start()
    ]


def near_miss(text: str, query: str) -> str | None:
    """The passage of `text` most like a query that was not found, if one is close enough:
    a run of as many words (one more or less), compared without case."""
    wanted = " ".join(query.split()).casefold()
    count = len(wanted.split())
    if not wanted or count > _MAX_SUGGESTION_WORDS:
        return None
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", text)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best: tuple[float, int, int] | None = None
    for size in (count, count - 1, count + 1):
        if size < 1:
            continue
        for first in range(len(words) - size + 1):
            start, end = words[first][0], words[first + size - 1][1]
            matcher.set_seq1(" ".join(text[start:end].split()).casefold())
            if matcher.real_quick_ratio() < NEAR_MISS or matcher.quick_ratio() < NEAR_MISS:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR_MISS and (best is None or ratio > best[0]):
                best = (ratio, start, end)
    return None if best is None else text[best[1] : best[2]]
