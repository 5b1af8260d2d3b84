"""Words as the search index sees them: letters and digits, case- and accent-folded.

Search and snippets must cut text into the same words, or a highlighted word
would not be the word that matched; so both go through this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

MAX_TOKEN = 64
"""Longer runs of letters are junk (URLs, hashes): never worth an index entry."""

_WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """Case- and accent-insensitive form: "Zürich" and "ZURICH" both become "zurich"."""
    low = word.casefold()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """The folded words of a text, in order (duplicates kept)."""
    if text.isascii():
        return [w for w in _WORD.findall(text.lower()) if len(w) <= MAX_TOKEN]
    return [fold(w) for w in _WORD.findall(text) if len(w) <= MAX_TOKEN]


def token_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(folded word, start, end) for each word: offsets into `text` itself."""
    for match in _WORD.finditer(text):
        start, end = match.span()
        if end - start <= MAX_TOKEN:
            yield fold(match.group()), start, end
