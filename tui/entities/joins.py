"""Joining passes: one name where the model cut it in pieces or stopped short.

- "Chan" of "Chan-o-cha" is the whole hyphenated word, and "Jo Bloggs, Jr."
  keeps its generation suffix;
- "Acme" + "Ipari Kft" is "Acme Ipari Kft", "United States" + "District
  Court" the "United States District Court"; a legal form ("... GmbH") makes
  an organization;
- a name followed by a model number is a product: spaCy tags "Falcon" in
  "Falcon 9 rocket" and splits "Boeing 737 Max" into "Boeing" and a person
  "Max"; a numbered flight ("Lion Air Flight 610") is other, not the airline.

Names the model missed altogether are found in `missed_names.py`; mentions
joined into one entity, in `aliases.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.entities.candidate import Candidate
from tui.entities.words import ABBREVIATED_LEGAL_FORMS, GENERATION_SUFFIX, LEGAL_FORMS

_HYPHEN_REST = re.compile(r"-[^\W_]+(?:-[^\W_]+)*")
# A generation suffix right after a person's span is part of the name.
_GENERATION_AFTER = re.compile(GENERATION_SUFFIX + r"(?![\w-])")


def whole_names(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Names the model cut short.

    - "Chan" of "Chan-o-cha" is the whole word when the article names someone
      "... Chan-o-cha" elsewhere; "Yemen" of "Yemen-based" stays as it is;
    - a person's generation suffix is part of the name: "Jo Bloggs, Jr.".
    """
    words = {w for c in candidates for w in text[c.start : c.end].split()}
    kept: list[Candidate] = []
    for c in candidates:
        rest = _HYPHEN_REST.match(text, c.end)
        if rest is not None and text[c.start : rest.end()].split()[-1] in words:
            c = Candidate(c.start, rest.end(), c.type, c.label)
        generation = _GENERATION_AFTER.match(text, c.end)
        if c.type == "person" and generation is not None:
            c = Candidate(c.start, generation.end(), c.type, c.label)
        kept.append(c)
    return kept


# A full stop that does not end the sentence: a bracket, a comma or a lower-case word follows.
_MID_SENTENCE_STOP = re.compile(r"\.(?=\s*[(,;a-z])")


def join_organizations(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """One organization where the model cut a name in two, or mistyped it.

    - a name ending in a legal form ("Acme Ipari Kft", "Bolt GmbH") is an
      organization, with the full stop of an abbreviated form when it does not
      end the sentence ("Acme Kft. (Acme Limited)");
    - an organization or a place right before an organization, one space
      between, is part of its name: "Acme" + "Ipari Kft" is "Acme Ipari Kft",
      "United States" + "District Court" the "United States District Court".
    """
    typed: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        words = text[c.start : c.end].split()
        last = words[-1].rstrip(".") if words else ""
        if (
            c.type not in ("date", "money")
            and len(words) > 1
            and (last in LEGAL_FORMS or words[-1] in LEGAL_FORMS)
        ):
            end = c.end
            if last in ABBREVIATED_LEGAL_FORMS and _MID_SENTENCE_STOP.match(text, end):
                end += 1  # "Acme Kft. (Acme Limited)": the stop is the abbreviation's
            c = Candidate(c.start, end, "organization", c.label)
        typed.append(c)
    joined: list[Candidate] = []
    for c in typed:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and c.type == "organization"
            and previous.type in ("organization", "place")
            and text[previous.end : c.start] == " "
        ):
            joined[-1] = Candidate(previous.start, c.end, "organization", c.label)
            continue
        joined.append(c)
    return joined


_MODEL_NUMBER = re.compile(
    r" (?!(?:1[89]|20)\d\d\b)\d{1,4}[A-Za-z]?"  # a number that is not a year
    r"(?=(?P<suffix> (?:Max|MAX|Pro|Plus|Ultra|Mini|Lite|XL))?(?:\W|$))"
)
_NUMBER_BEFORE = re.compile(r"(?<![\w$€£.,])(?!(?:1[89]|20)\d\d\b)\d{1,4}[A-Za-z]? $")
# A flight is a vehicle (other), not its airline: "Lion Air Flight 610", "Flight MH17".
_FLIGHT = re.compile(r"\bFlight\s+[A-Z]{0,3}\d{1,5}[A-Z]?$")
# The airline's name, then the flight in lower case: "Acme Air flight 123".
_FLIGHT_AFTER = re.compile(r"\s+[Ff]light\s+[A-Z]{0,3}\d{1,5}[A-Z]?(?![\w-])")


def join_model_numbers(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """A name and a model number are one product: "Falcon 9", "Boeing 737 Max".

    spaCy tags "Falcon" alone in "Falcon 9 rocket", and reads the "Max" of
    "737 Max" as a person. A numbered flight ("Acme Air Flight 123"), which it
    calls an organization, is other too, and so is "Acme Air flight 123".
    """
    joined: list[Candidate] = []
    absorbed_until = -1
    for candidate in sorted(candidates, key=lambda c: c.start):
        if candidate.start < absorbed_until:
            continue
        number = None
        if candidate.type in ("organization", "person", "other"):
            number = _MODEL_NUMBER.match(text, candidate.end)
        after = text[number.end() : number.end() + 1] if number else ""
        if number is not None and not after.isalnum() and not (after and after in "-–,"):
            end = number.end() + len(number.group("suffix") or "")
            joined.append(Candidate(candidate.start, end, "other", candidate.label))
            absorbed_until = end
            continue
        flight = _FLIGHT_AFTER.match(text, candidate.end)
        if candidate.type == "organization" and flight is not None:
            # its number is no date: the model calls the "123" of "flight 123" one
            joined.append(Candidate(candidate.start, flight.end(), "other", candidate.label))
            absorbed_until = flight.end()
            continue
        if candidate.type in ("organization", "person", "place") and _FLIGHT.search(
            text, candidate.start, candidate.end
        ):
            joined.append(Candidate(candidate.start, candidate.end, "other", candidate.label))
            continue
        before = _NUMBER_BEFORE.search(text, max(0, candidate.start - 8), candidate.start)
        if candidate.type == "person" and before is not None:
            joined.append(Candidate(before.start(), candidate.end, "other", candidate.label))
            continue
        joined.append(candidate)
    return joined
