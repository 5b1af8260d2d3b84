"""What the article says a name is: "the retailer Acme", "Jo Bloggs, a company spokesperson".

A common noun right before a name ("supermarket Acme", "actress Jo Bloggs",
"a student named Bloggs") or heading an apposition right after it ("Acme, a
cybersecurity firm,") says what kind of thing the name is. The model often
gets such names wrong (it calls unfamiliar shops persons and unfamiliar
people organizations); the article's own word decides.

A candidate typed this way carries the label `DESCRIBED`, and its type wins
over the model's votes for the other mentions of the same name; once names
are spread, a description at any mention types the whole entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.entities.candidate import Candidate
from tui.entities.titles import is_title
from tui.entities.words import ORGANIZATION_NOUNS, PERSON_NOUNS, PHRASE_ENDS
from tui.models import EntityType

DESCRIBED = "described"

_WORD_BEFORE = re.compile(r"(?<![\w-])(?P<noun>[a-z][a-z-]*) +(?:(?:named|called) +)?$")
# ", a cybersecurity firm," / ", the Acme Government commissioner responsible for ...":
# an article first (", is the first company to" says nothing about the name);
# up to eight words before the next punctuation mark.
_AFFILIATION = re.compile(r"(?<![\w-])(?:of|at|from) +$")
_APPOSITION = re.compile(r", +(?:a|an|the) +(?P<words>[^,.;:()\"“”\n]{1,80})")


def _kind_of(noun: str) -> EntityType | None:
    if noun in ORGANIZATION_NOUNS:
        return "organization"
    if noun in PERSON_NOUNS or (noun.islower() and is_title(noun)):
        return "person"
    return None


def described_type(text: str, start: int, end: int) -> EntityType | None:
    """The type the words around a name give it, or None when they say nothing."""
    before = text[max(0, start - 80) : start]
    match = _WORD_BEFORE.search(before)
    if match is not None:
        kind = _kind_of(match.group("noun"))
        if kind is not None:
            return kind
    apposition = _APPOSITION.match(text, end)
    if apposition is None or _AFFILIATION.search(before):
        # "Jo Bloggs of Acme, a researcher": the apposition is about Jo Bloggs
        return None
    found: EntityType | None = None
    for word in apposition.group("words").split()[:8]:
        if word in PHRASE_ENDS:
            break  # "a spokesperson for the firm": the phrase's head came before
        if "'" in word or "’" in word:
            continue  # "the company's founder": the company is not the one described
        kind = _kind_of(word)
        if kind is not None:
            found = kind  # the last such noun heads the phrase: "a company spokesperson"
    return found


def describe(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates retyped by what the article says they are (person, organization)."""
    described: list[Candidate] = []
    for candidate in candidates:
        if candidate.type in ("person", "organization", "place", "other"):
            kind = described_type(text, candidate.start, candidate.end)
            if kind is not None:
                candidate = Candidate(candidate.start, candidate.end, kind, DESCRIBED)
        described.append(candidate)
    return described
