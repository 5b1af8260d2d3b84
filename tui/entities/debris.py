"""Debris: what a page's markup, code and footnotes leave in a recogniser's spans.

A reference page's "Moriori culture.[28][29", a list's "• Haynsworth", a
feed's "SessionManager').object('/org", a table's "Name | Region | Pop", a
quotation's "I]t" or a link's "www.mbie.govt.nz" is no name a reader looks
for. Each span is cut back to the name in it (before the citation mark, after
the bullet, before an unbalanced bracket or quote) or dropped when what is
left is not a name (code, markup, a URL, a DOI, a table row).
"""

from __future__ import annotations

import re

# A bullet or list mark before a name: "• Haynsworth", "* Smith".
_BULLET = re.compile(r"^[•·▪◦‣*∙●○■□►–—-]+\s*")
# A citation mark and everything after it: ".[28][29", "[update", "[citation needed]".
_CITATION = re.compile(r"[.,;:]?\s*\[(?:\d|update|citation|note|clarification|[a-z]\b|$)")
# What only code, markup or a table has in it.
_CODE = re.compile(r"[<>{}\\|=;^`~]|\(['\"]|['\"]\)|\w\(\w|\)\.\w|^[#@]|\s[#@]\w|\+\+")
_LINK = re.compile(
    r"://|^www\.|\bdoi:|@\w+\.\w|\w\.(?:com|org|net|gov|edu|nz|uk|au)(?:\.\w+)*/",
    re.IGNORECASE,
)
# Nothing, or only an article, before an opening quote: 'the "Kiwi dollar'.
_DETERMINER = re.compile(r"\s*(?:(?:the|The|THE|a|an|An)\s+)?")
_PAIRS = {"(": ")", "[": "]", "“": "”", '"': '"'}
_CLOSERS = {")": "(", "]": "[", "”": "“"}


def tidy_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span cut back to the name in it; None when it holds no name at all."""
    phrase = text[start:end]
    bullet = _BULLET.match(phrase)
    if bullet and bullet.end() < len(phrase) and not phrase[0].isalnum():
        start += bullet.end()
        phrase = text[start:end]
    citation = _CITATION.search(phrase)
    if citation:
        end = start + citation.start()
        phrase = text[start:end]
    cut = _unbalanced_at(phrase)
    if cut is None:  # a closer the span does not open: '[Acme Market] and', 'Acme”'
        stray = _stray_closer(phrase)
        if stray is None:
            return None
        end = start + stray
        phrase = text[start:end]
        cut = _unbalanced_at(phrase)
    # An opening quote or bracket that never closes, with nothing or only "the" before
    # it ('the "Orange Revolution'): the name follows it.
    while cut is not None and cut < len(phrase) and _DETERMINER.fullmatch(phrase[:cut]):
        start += cut + 1
        phrase = text[start:end]
        cut = _unbalanced_at(phrase)
    if cut is None:
        return None
    end = start + cut
    phrase = text[start:end].rstrip(" ,;:-–")
    end = start + len(phrase)
    if len(phrase) < 2 or not any(ch.isalnum() for ch in phrase) or is_debris(phrase):
        return None
    return start, end


def is_debris(name: str) -> bool:
    """Code, markup, a link or a table row, or a bracket or quote that does not close."""
    return bool(_CODE.search(name) or _LINK.search(name)) or _unbalanced_at(name) != len(name)


def _stray_closer(phrase: str) -> int | None:
    """Where a name ends whose opening quote or bracket is outside the span ("Acme
    Market] and" -> before the "]"); None inside a word ("I]t": an edited quotation)
    or in code ("SessionManager').object(")."""
    opened: list[str] = []
    for index, ch in enumerate(phrase):
        if ch == '"' and opened and opened[-1] == '"':
            opened.pop()
        elif ch in _PAIRS:
            opened.append(ch)
        elif ch in _CLOSERS:
            if opened and opened[-1] == _CLOSERS[ch]:
                opened.pop()
                continue
            if opened or phrase[index + 1 : index + 2].isalnum() or index == 0:
                return None
            if _CODE.search(phrase) or _LINK.search(phrase):
                return None
            return index
    return None


def _unbalanced_at(phrase: str) -> int | None:
    """Where the phrase must end for its brackets and quotes to balance: before the first
    opener that never closes ("Middle (South Island" -> "Middle"); None when a closer
    comes with no opener ("I]t"): that is the inside of an edited quotation."""
    opened: list[tuple[str, int]] = []
    for index, ch in enumerate(phrase):
        if ch == '"' and opened and opened[-1][0] == '"':
            opened.pop()
        elif ch in _PAIRS:
            opened.append((ch, index))
        elif ch in _CLOSERS:
            if not opened or opened[-1][0] != _CLOSERS[ch]:
                return None
            opened.pop()
    return opened[0][1] if opened else len(phrase)
