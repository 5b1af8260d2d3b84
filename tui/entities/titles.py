"""Titles before names: "President Muhammadu Buhari", "my Loco Pilot Rangoli".

- A name right after a title is a person even when the model missed it:
  "Presidents Muhammadu Buhari of Nigeria" gives "Muhammadu Buhari"; a plural
  title covers the next name too ("... and Patrice Talon of Benin").
- A title is not part of the name: a span "Loco Pilot Rangoli" that the model
  called an organization is the person "Rangoli" when the article names a
  person "Rangoli ..." (or "... Rangoli") elsewhere; a span typed a person
  loses its leading title ("President Obama" -> "Obama") always.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tui.entities.candidate import Candidate
from tui.entities.span_index import candidate_index
from tui.entities.words import (
    ABBREVIATED_TITLES,
    HEAD_NOUNS,
    LOWER_CASE_TITLES,
    MONTHS_AND_DAYS,
    NOT_NAME_STARTS,
    TITLES,
)

_WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z-]*\.?")
_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*"
# After a title: one to three capitalised words, then no further capitalised word.
_NAME = re.compile(rf" (?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})(?![\w-]| [A-Z0-9])")


def is_title(word: str) -> bool:
    """A title word; with a full stop only an abbreviation ("Dr." yes, "spokesperson." no)."""
    if word.endswith("."):
        return word[:-1] in ABBREVIATED_TITLES
    return word in TITLES or word in LOWER_CASE_TITLES


def names_after_titles(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Persons the model missed right after a title; never over a span it tagged.

    Two words or more ("Presidents Muhammadu Buhari of Nigeria"); one word only
    when it is part of a person's name the article gives in full ("Princess
    Ubolratana" after "Princess Ubolratana Mahidol"). No word of the name may
    be one the article also writes in lower case: "Lord Mayor Candidate" is
    no person when the text speaks of "a candidate".
    """
    taken = {text[c.start : c.end] for c in candidates if c.type != "person"}
    lower = set(re.findall(r"(?<![\w-])[a-z]+(?![\w-])", text))
    spans: list[tuple[int, int]] = []
    placed = candidate_index(candidates)
    for match in _titled_names(text):
        start, end = match.span("name")
        words = match.group("name").split()
        if (
            not placed.overlaps(start, end)
            and not any(is_title(word) for word in words)
            and words[-1] not in HEAD_NOUNS
            and words[0] not in MONTHS_AND_DAYS | NOT_NAME_STARTS
            and match.group("name") not in taken
            and not any(word.lower() in lower for word in words)
        ):
            spans.append((start, end))
    multi = [Candidate(s, e, "person", "title") for s, e in spans if " " in text[s:e]]
    known = _known_person_names(text, [*candidates, *multi])
    single = [
        Candidate(s, e, "person", "title")
        for s, e in spans
        if " " not in text[s:e] and text[s:e] in known
    ]
    return sorted([*candidates, *multi, *single], key=lambda c: c.start)


_PAIR = re.compile(
    rf" {_NAME_WORD}(?: {_NAME_WORD}){{0,2}}(?: of (?:the )?{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})?"
    rf",? and (?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})(?![\w-]| [A-Z0-9])"
)


def coordinated_names(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """A plural title is every name it governs: "Presidents Muhammadu Buhari of Nigeria
    and Patrice Talon of Benin" makes "Patrice Talon" a person, whatever the model said.
    """
    lower = set(re.findall(r"(?<![\w-])[a-z]+(?![\w-])", text))
    people: dict[tuple[int, int], Candidate] = {}
    placed = candidate_index(candidates)
    for word in _WORD.finditer(text):
        title = word.group()
        if not (title.endswith("s") and title[:1].isupper() and title[:-1] in TITLES):
            continue
        match = _PAIR.match(text, word.end())
        if match is None:
            continue
        start, end = match.span("name")
        words = match.group("name").split()
        if (
            any(is_title(w) for w in words)
            or words[-1] in HEAD_NOUNS
            or words[0] in NOT_NAME_STARTS
            or any(w.lower() in lower for w in words)
        ):
            continue
        inside = [placed[handle] for handle in placed.overlapping(start, end)]
        if all(c.start == start and c.end == end for c in inside):
            people[(start, end)] = Candidate(start, end, "person", "title")
    kept = [c for c in candidates if (c.start, c.end) not in people]
    return sorted([*kept, *people.values()], key=lambda c: c.start)


def _titled_names(text: str) -> Iterator[re.Match[str]]:
    for word in _WORD.finditer(text):
        if is_title(word.group()):
            match = _NAME.match(text, word.end())
            if match is not None:
                yield match


def _known_person_names(text: str, candidates: Sequence[Candidate]) -> set[str]:
    """Names the model gave persons, and their first and last words ("Rangoli Patil": "Rangoli").

    A one-word name after a title, or left when a title is cut, is a person when it is one of these.
    """
    found: set[str] = set()
    for candidate in candidates:
        if candidate.type == "person":
            name = text[candidate.start : candidate.end]
            words = name.split()
            found.update([name, words[0], words[-1]] if words else [name])
    return found


def strip_titles(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """A span's leading title is not part of the name; the name after it is a person.

    For a span the model typed something else, only when the article knows a
    person by that name: "General Motors" stays an organization.
    """
    people = _known_person_names(text, candidates)
    stripped: list[Candidate] = []
    for candidate in candidates:
        words = list(re.finditer(r"\S+", text[candidate.start : candidate.end]))
        last_title = max(
            (i for i, w in enumerate(words[:-1]) if is_title(w.group())),
            default=None,
        )
        if candidate.type in ("date", "money") or last_title is None:
            stripped.append(candidate)
            continue
        start = candidate.start + words[last_title + 1].start()
        rest = text[start : candidate.end]
        if not rest[:1].isupper():
            stripped.append(candidate)
        elif candidate.type == "person" or rest in people:
            stripped.append(Candidate(start, candidate.end, "person", candidate.label))
        else:
            stripped.append(candidate)
    return stripped
