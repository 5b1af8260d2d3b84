"""Acronyms the article defines itself: "The China Mobile ... Committee (CMCAMC)".

Only in-article definitions count, never a global dictionary: in the seed
article ADB is the Asia Digital Bank, not the Asian Development Bank.

Word initials are tried first, then Schwartz-Hearst (Schwartz & Hearst 2003).
Schwartz-Hearst alone matches letters anywhere inside words, right to left, so
for CMCAMC it takes the "a" and "c" of "Associ-a-tion" and stops at
"Communication Association Metaverse Committee"; matching each word's initial
(or first letters: "Af" for AfCFTA) gets the whole name. Schwartz-Hearst stays
for forms initials cannot explain: "Pacific Gas and Electric Company (PG&E)",
"severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2)".

Function words ("of", "from", "for", "de la", "für"...) may give a letter or
none: "Letters from Lisbon" is both LFL and LL. The other order, "HPC (High
Performance Computing)", counts when every word of the parenthesis spells it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tui.entities.acronym_definition import AcronymDefinition
from tui.entities.words import FUNCTION_WORDS

_PARENTHESIS = re.compile(r"\(\s*(?P<short>[^()\s]{2,12})\s*\)")
# The other way round: "an HPC (High Performance Computing) group".
_REVERSED = re.compile(
    r"(?<![\w-])(?P<short>[A-Za-z][\w&./-]{1,11}?)\s+\(\s*(?P<long>[^()\n]{3,120}?)\s*\)"
)
# Where a long form cannot reach back past: a sentence end, a bracket, a quote mark.
_BOUNDARY = re.compile(r"[.!?;:()\[\]\"“”\n—]")
_WORD = re.compile(r"[^\s]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_TRAILING = re.compile(r"[,'’\"”]+$")


def is_short_form(candidate: str) -> bool:
    """Looks like an acronym: a letter first, two or more capitals, at most 10 characters.

    This rejects "(Germany)", "(2021-2025)", "(ft)" and "(2019)".
    """
    if not 2 <= len(candidate) <= 10 or not candidate[0].isalpha():
        return False
    if sum(ch.isupper() for ch in candidate) < 2:
        return False
    return all(ch.isalnum() or ch in "&-./" for ch in candidate)


def find_definitions(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[AcronymDefinition]:
    """Every "Long Form (SHORT)" in the text, the first definition of each short form.

    `skip` holds spans whose parentheses define nothing (a dateline's "(TDI)").
    """
    skipped = list(skip)
    found: dict[str, AcronymDefinition] = {}
    for match in _PARENTHESIS.finditer(text):
        short = match.group("short").rstrip(".,")
        short_start = match.start("short")
        if short in found or not is_short_form(short):
            continue
        if any(start <= match.start() < end for start, end in skipped):
            continue
        definition = _long_form(text, match.start(), short, short_start)
        if definition is not None:
            found[short] = definition
    for match in _REVERSED.finditer(text):
        short = match.group("short")
        if short in found or not is_short_form(short):
            continue
        if any(start <= match.start() < end for start, end in skipped):
            continue
        reverse = _reversed(match)
        if reverse is not None:
            found[short] = reverse
    return sorted(found.values(), key=lambda item: item.long_start)


def _reversed(match: re.Match[str]) -> AcronymDefinition | None:
    """ "HPC (High Performance Computing)": every word of the parenthesis spells the short form."""
    short, long = match.group("short"), match.group("long")
    words = long.split()
    letters = "".join(ch.lower() for ch in short if ch.isalnum())
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    pieces = tuple(piece for word in words for piece in _parts(word))
    optional = tuple(piece in FUNCTION_WORDS or not piece for piece in pieces)
    if not (pieces and pieces[0][:1] == letters[:1] and _spell(letters, pieces, optional)):
        return None
    return AcronymDefinition(short, long, match.start("short"), match.start("long"), "reversed")


def _long_form(text: str, paren: int, short: str, short_start: int) -> AcronymDefinition | None:
    letters = [ch.lower() for ch in short if ch.isalnum()]
    if len(letters) < 2:
        return None
    max_words = min(len(letters) + 5, len(letters) * 2)
    window_end = paren
    # A quoted long form: "severe acute ... coronavirus 2" (SARS-CoV-2).
    while window_end > 0 and text[window_end - 1] in " \"”’'":
        window_end -= 1
    window_start = window_end
    while window_start > 0 and not _BOUNDARY.match(text[window_start - 1]):
        window_start -= 1
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, window_start, window_end)]
    if not words:
        return None
    last_start, last = words[-1]
    last = _POSSESSIVE.sub("", _TRAILING.sub("", last))
    if not last:
        return None
    words[-1] = (last_start, last)
    words = words[-max_words:]
    start = _initials_start(letters, [word for _, word in words])
    method = "initials"
    if start is None:
        start = _schwartz_hearst_start(letters, [word for _, word in words])
        method = "schwartz-hearst"
    if start is None:
        return None
    long_start = words[start][0]
    long_end = last_start + len(last)
    long = text[long_start:long_end]
    if short in long.split() or len(long) <= len(short):
        return None
    if len(long.split()) < 2 and "-" not in long and "–" not in long:
        return None
    return AcronymDefinition(short, long, short_start, long_start, method)


def _parts(word: str) -> tuple[str, ...]:
    """A word's pieces that may each give letters: "Export-Import" -> export, import."""
    pieces = [piece for piece in re.split(r"[-–/]", word.lower()) if piece]
    return tuple("".join(ch for ch in piece if ch.isalnum() or ch == "&") for piece in pieces)


def _initials_start(letters: list[str], words: list[str]) -> int | None:
    """Index of the nearest word from which word beginnings spell the short form.

    Every word from there to the parenthesis must give its first letter or
    first few letters, except function words, which may give none.
    """
    parts = [_parts(word) for word in words]
    target = "".join(letters)
    for first in range(len(words) - 1, -1, -1):
        pieces = [piece for word in parts[first:] for piece in word]
        optional = [piece in FUNCTION_WORDS or not piece for piece in pieces]
        if (
            pieces
            and pieces[0][:1] == target[:1]
            and _spell(target, tuple(pieces), tuple(optional))
        ):
            return first
    return None


@lru_cache(maxsize=4096)
def _spell(target: str, pieces: tuple[str, ...], optional: tuple[bool, ...]) -> bool:
    """Can the pieces, in order, give prefixes that join into exactly `target`?"""
    if not pieces:
        return not target
    piece, rest, rest_optional = pieces[0], pieces[1:], optional[1:]
    if optional[0] and _spell(target, rest, rest_optional):
        return True
    for length in range(1, min(len(piece), len(target)) + 1):
        if piece[:length] != target[:length]:
            break
        if _spell(target[length:], rest, rest_optional):
            return True
    return False


def _schwartz_hearst_start(letters: list[str], words: list[str]) -> int | None:
    """Schwartz & Hearst's right-to-left match; the word index where the long form starts."""
    long = " ".join(words).lower()
    position = len(long) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (
            long[position] != letter
            or (index == 0 and position > 0 and long[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
    begin = position + 1
    word_start = long.rfind(" ", 0, begin + 1) + 1
    return long[:word_start].count(" ")
