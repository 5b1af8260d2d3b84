"""Typing decisions: which of Gloss's seven types a name is, past the model's guess.

The model's label is a first vote. These rules overrule it when the name or
the words around it say more:

- a multi-word name is typed by its head noun when it has a telling one:
  "... Initiative", "... Plan", "... Act" are events (initiatives, plans,
  laws), "... Committee", "Bank of ..." organizations, "... Station",
  "... Hospital" places (the model calls the Belt & Road Initiative an
  organization and "BRI" a person);
- a holiday the model calls a date ("Labour Day") is an event;
- a code name of letters, a hyphen and a number ("COVID-19") is other;
- "the town of Pandeglang", "KSR Bangalore station", "Niamey, Niger's
  capital": the words around a name say it is a place;
- "the Jamaah Ansharut Daulah network": no person is "the X network";
- an acronym takes its long form's type, never a person's;
- a "person" known by one word only, never in full and never after a title,
  is a shop or a company ("Acme said").

What the article says a name is ("the retailer Acme") is `descriptions.py`.
"""

from __future__ import annotations

import re
from collections import Counter

from tui.entities.acronym_definition import AcronymDefinition
from tui.entities.candidate import Candidate
from tui.entities.descriptions import described_type
from tui.entities.draft import Draft
from tui.entities.names import is_proper_name
from tui.entities.span_index import SpanIndex
from tui.entities.titles import is_title
from tui.entities.words import EVENT_HEADS, ORGANIZATION_HEADS, PLACE_HEADS
from tui.models import EntityType


def head_word(name: str) -> str:
    """The noun a name is about: the last word, or the one before "of" ("Bank of Japan")."""
    words = name.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


def retype(name: str, kind: EntityType) -> EntityType:
    """The type a telling head noun gives a multi-word name; else the model's type.

    Persons, dates and amounts keep theirs: "John Law" stays a person.
    """
    if kind in ("date", "money", "person") or len(name.split()) < 2:
        return kind
    head = head_word(name)
    for heads, typed in (
        (EVENT_HEADS, "event"),
        (ORGANIZATION_HEADS, "organization"),
        (PLACE_HEADS, "place"),
    ):
        if head in heads:
            return typed  # type: ignore[return-value]
    return kind


def guess_type(name: str) -> EntityType:
    """A type from the name alone, for an acronym the model did not type (or without a model)."""
    typed = retype(name, "other")
    if typed == "other" and any(w in ORGANIZATION_HEADS or w == "Union" for w in name.split()):
        return "organization"
    return typed


# A capitalised name ending in a word that makes it an event: "Acme Founders' Day".
_HOLIDAY = re.compile(r"^(?:[A-Z][\w'’-]* +)+(?:" + "|".join(sorted(EVENT_HEADS)) + r")$")


def is_holiday(phrase: str) -> bool:
    """A named day or event the model calls a date ("Labour Day"): an event, not a date."""
    return _HOLIDAY.match(phrase) is not None


# Letters, a hyphen and a number: a disease, a vehicle or a product ("COVID-19",
# "AK-47", "Su-35"), never a person, a place or an organization.
_CODE_NAME = re.compile(r"^[A-Z][A-Za-z]+-\d{1,4}[A-Za-z]?$")


def other_by_form(phrase: str, kind: EntityType) -> EntityType:
    """Other for a letters-and-number code name the model typed a name ("COVID-19")."""
    if kind in ("organization", "person", "place") and _CODE_NAME.match(phrase):
        return "other"
    return kind


_PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|province|state|region|district|county|capital|island|port)"
    r" of\s+(?:the\s+)?$"
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:railway station|station|airport|district|province|county|region|city|town|village)\b"
    # "Niger's capital", and the capital in apposition: "Niamey, Niger's capital",
    # "Niamey, the capital of Niger"
    r"|^['’]s\s+capital\b"
    r"|^,\s+(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s\s+capital\b"
    r"|^,\s+(?:the\s+)?capital\s+(?:city\s+)?of\b"
)


def place_by_context(text: str, start: int, end: int, kind: EntityType) -> EntityType:
    """A place when the words around it say so: "the town of X", "X station", "X's capital"."""
    if kind not in ("organization", "person", "other"):
        return kind
    if _PLACE_BEFORE.search(text[max(0, start - 30) : start]):
        return "place"
    if _PLACE_AFTER.match(text[end : end + 60]):
        return "place"
    return kind


_THE_BEFORE = re.compile(r"\b(?:the|The) +(?P<words>(?:[A-Z][\w'’-]* +)*)$")
_GROUP_AFTER = re.compile(
    r"^\s+(?:network|group|movement|organi[sz]ation|militia|faction|cell|party|company|firm"
    r"|gang|coalition|alliance|consortium|conglomerate)\b"
)


def organization_by_context(text: str, start: int, end: int, kind: EntityType) -> int | None:
    """Where an organization starts when a "person" sits in "the ... network": no one's
    name is "the X group". Capitalised words between "the" and the span are part of
    the name ("the Jamaah Ansharut Daulah network"); None when the context says nothing.
    """
    if kind != "person" or not _GROUP_AFTER.match(text[end : end + 20]):
        return None
    before = _THE_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return None
    return before.start("words")


def acronym_type(
    placed: SpanIndex[Candidate], votes: Counter[EntityType], definition: AcronymDefinition
) -> EntityType:
    """The model's type for the long form; else its majority for the short form; else a guess."""
    best: Candidate | None = None
    best_overlap = 0
    for handle in placed.overlapping(definition.long_start, definition.long_end):
        candidate = placed[handle]
        overlap = min(candidate.end, definition.long_end) - max(
            candidate.start, definition.long_start
        )
        if overlap > best_overlap and candidate.type not in ("date", "money"):
            best, best_overlap = candidate, overlap
    if best is not None and best_overlap * 2 >= definition.long_end - definition.long_start:
        kind = best.type
    else:
        kind = votes.most_common(1)[0][0] if votes else _guess_acronym_type(definition.long)
    if kind == "person":  # an acronym with a spelled-out long form is not a person
        kind = _guess_acronym_type(definition.long)
    return retype(definition.long, kind)


def _guess_acronym_type(long: str) -> EntityType:
    """A type from the long form alone: its head noun, else an organization if it is a name.

    A capitalised long form the model did not type ("Letters from Lisbon (LFL)",
    where it only saw the place "Lisbon") is most often an organization; a
    lower-case one ("artificial intelligence (AI)") is a term, left as other.
    """
    kind = guess_type(long)
    if kind == "other" and is_proper_name(long):
        return "organization"
    return kind


def settled_type(text: str, draft: Draft, first_names: set[str]) -> EntityType:
    """An entity's type once all its mentions are in: what the article says it is, else
    the model's majority corrected for one-word "persons" and by the head noun.

    `first_names` are the first words of the article's full person names.
    """
    described = _described_type_of(text, draft)
    if described is not None:
        return described
    return retype(draft.name, _lone_name_type(text, draft, first_names))


def _described_type_of(text: str, draft: Draft) -> EntityType | None:
    """What the article says the thing is at any of its mentions, found or spread:
    "the chains Acme and Bolt" types every "Acme"."""
    if draft.type in ("date", "money"):
        return None
    kinds = Counter(
        kind for start, end in draft.spans if (kind := described_type(text, start, end))
    )
    return kinds.most_common(1)[0][0] if kinds else None


_PREVIOUS_WORD = re.compile(r"(?<![\w-])(?P<word>[\w.-]+)\s+$")


def _always_after_in(text: str, draft: Draft) -> bool:
    """A one-word name each of whose mentions follows "in" ("in Crete"), and no head noun
    of an organization ("in Parliament")."""
    if " " in draft.name or draft.name in ORGANIZATION_HEADS or draft.name.isupper():
        return False
    previous = [_PREVIOUS_WORD.search(text, max(0, start - 40), start) for start, _ in draft.spans]
    return all(match is not None and match.group("word") == "in" for match in previous)


def _lone_name_type(text: str, draft: Draft, first_names: set[str]) -> EntityType:
    """A "person" known by one word only, never in full and never after a title, is
    a shop or a company the model took for a surname ("Acme said", "Acme's stores"):
    an organization; a place after "in" ("printed in Bolton").

    People in news are introduced in full ("Jo Bloggs") or with a title
    ("Minister Bloggs"); a mononym after a title stays a person.
    """
    if draft.type == "organization" and _always_after_in(text, draft):
        return "place"  # "in Slovakia", "in Crete": no one lives in an organization
    if draft.type != "person" or any(" " in s.strip() for s in draft.surfaces(text)):
        return draft.type
    if draft.name in first_names:
        return draft.type  # "Jo" where the article also names "Jo Bloggs"
    previous = [_PREVIOUS_WORD.search(text, max(0, start - 40), start) for start, _ in draft.spans]
    words = [match.group("word") if match else "" for match in previous]
    if any(is_title(word) for word in words):
        return draft.type
    if all(word == "in" for word in words):
        return "place"
    return "organization"
