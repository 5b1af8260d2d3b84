"""Words as the search index sees them: letters and digits, case- and accent-folded.

Search and snippets must cut text into the same words, or a highlighted word
would not be the word that matched; so both go through this module. Folding
works on whole texts with one `str.translate` (each character folded once and
remembered), because folding word by word costs more than the rest of indexing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

WORD = r"[^\W_]"
"""One character of a word; a word is a maximal run of them."""

GAP = r"[\W_]+"
"""What separates two words: anything that is not a word character."""

_WORD = re.compile(WORD + "+")
_KNOWN: set[str] = set()
_FOLD: dict[int, str] = {}  # non-ASCII characters -> their folded form (may be "" or longer)
_SAME_LENGTH: dict[int, str] = {}  # the same, but a character whose fold is not one char stays


def fold(word: str) -> str:
    """Case- and accent-insensitive form: "Zürich" and "ZURICH" both become "zurich"."""
    if word.isascii():
        return word.casefold()
    # Decompose before folding case: styled letters (mathematical bold, double-struck,
    # superscript capitals) only become plain letters in NFKD, then fold like any other.
    decomposed = unicodedata.normalize("NFKD", word)
    low = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if low.isascii():
        return low
    again = unicodedata.normalize("NFKD", low)  # a fold can give letters that decompose
    return "".join(c for c in again if not unicodedata.combining(c))


_CHANGING: list[str] = []  # characters that fold to something else
_changing = re.compile("(?!)")  # matches any of _CHANGING


def _learn(text: str) -> None:
    """Remember how the text's new characters fold.

    Most news text is ASCII but for quotes, dashes and a few accented names:
    replacing just those few characters beats translate() over the whole text.
    """
    global _changing
    new = set(text).difference(_KNOWN)
    for char in new:
        if not char.isascii():
            folded = fold(char)
            _FOLD[ord(char)] = folded
            _SAME_LENGTH[ord(char)] = folded if len(folded) == 1 else char
            if folded != char:
                _CHANGING.append(char)
                _changing = re.compile("[" + re.escape("".join(_CHANGING)) + "]")
        _KNOWN.add(char)


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[ord(match.group())]


def _fold_char_same_length(match: re.Match[str]) -> str:
    return _SAME_LENGTH[ord(match.group())]


def fold_text(text: str) -> str:
    """`fold` applied to every character of a text (the length may change)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    _learn(lowered)
    return _changing.sub(_fold_char, lowered)


def fold_same_length(text: str) -> str:
    """Like fold_text but offset-preserving: a character that would fold to more stays as is."""
    lowered = text.lower()
    if lowered.isascii() and len(lowered) == len(text):
        return lowered
    if len(lowered) != len(text):  # "İ" lowers to two characters: lower one by one
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    _learn(lowered)
    return _changing.sub(_fold_char_same_length, lowered)


def tokenize(text: str) -> list[str]:
    """The folded words of a text, in order (duplicates kept), however long.

    None is left out: a word the index skipped could not be searched for, and a
    query word left out would widen the search (once, a 65-letter word listed
    the whole library).
    """
    return _WORD.findall(fold_text(text))


def word_pattern(words: Iterable[str], prefixes: Iterable[str] = ()) -> re.Pattern[str] | None:
    """A regex finding these whole words (or words starting with a prefix) in folded text."""
    exact = sorted({w for w in words if w}, key=len, reverse=True)
    starts = sorted({p for p in prefixes if p}, key=len, reverse=True)
    choices = [re.escape(w) for w in exact] + [re.escape(p) + WORD + "*" for p in starts]
    if not choices:
        return None
    return re.compile(f"(?<!{WORD})(?:{'|'.join(choices)})(?!{WORD})")


def phrase_pattern(phrase: Sequence[str], prefix: bool = False) -> re.Pattern[str]:
    """A regex finding folded words one after the other (the last one as a prefix, if asked)."""
    parts = [re.escape(word) for word in phrase]
    if prefix:
        parts[-1] += WORD + "*"
    return re.compile(f"(?<!{WORD}){GAP.join(parts)}(?!{WORD})")
