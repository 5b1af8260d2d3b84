"""Names the model missed, found by their form; never over a name it did tag.

- an amount written with the currency's name ("38.8 million euro") is money;
- a website named in the text ("oe24.at", "Amazon.com") is an organization,
  tagged or not (not a URL with a path, not an e-mail address);
- a law the model missed ("the Electronic Commerce Directive 2000") is an
  event, its year part of its name, not a date of its own;
- "Mysore district", "Banten province": an untagged name before such a word is
  a place (not "the Indian state of ...": before "of", it is an adjective);
- "Facebook Ireland Limited" names its parent: every other capitalised
  "Facebook" is that organization.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.entities.candidate import Candidate
from tui.entities.debris import is_debris
from tui.entities.span_index import candidate_index
from tui.entities.word_index import WordIndex
from tui.entities.words import CORPORATE_SUFFIXES, CURRENCY_WORDS, DETERMINERS, LAW_HEADS

_MONEY = re.compile(
    r"(?<![\w.,$€£¥-])\d{1,3}(?:[,\s]\d{3})*(?:\.\d+)?"
    r"(?: (?:thousand|million|billion|trillion))? " + CURRENCY_WORDS + r"(?![\w-])"
)


def money_amounts(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Amounts the model missed, written with the currency's name: "38.8 million euro"."""
    taken = candidate_index(candidates)
    added = [
        Candidate(m.start(), m.end(), "money", "regex")
        for m in _MONEY.finditer(text)
        if not taken.overlaps(m.start(), m.end())
    ]
    return sorted([*candidates, *added], key=lambda c: c.start)


_WEBSITE = re.compile(
    r"(?<![\w@/.:-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|int|io|co|info|biz|news|tv|uk|de|at|ch|fr|it|es|pl|nl|be|ru"
    r"|cn|jp|in|au|ca|br|ie|eu|nz|za|ph|id|my|sg|hk|kr)"
    r"(?![\w/@-]|\.\w)"
)


def website_names(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Websites the text names ("oe24.at", "News.com.au") as organizations.

    One the model tagged keeps its span but becomes an organization.
    """
    found: list[Candidate] = []
    kept = candidate_index(candidates)
    for match in _WEBSITE.finditer(text):
        start, end = match.span()
        label = match.group().rsplit(".", 1)[0]
        if not any(ch.isalpha() for ch in label) or len(label) < 2 or is_debris(match.group()):
            continue  # "www.mbie.govt.nz" is an address, not the name of a website
        inside = kept.overlapping(start, end)
        if any(kept[h].start < start or kept[h].end > end for h in inside):
            continue  # part of a longer name the model found
        for handle in inside:
            kept.remove(handle)
        found.append(Candidate(start, end, "organization", "website"))
    return sorted([*kept.values(), *found], key=lambda c: c.start)


_LAW = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z][\w'’-]* +){1,6}(?:" + "|".join(LAW_HEADS) + r"))"
    r"(?P<year> +(?:of +)?(?:1[89]|20)\d\d)?(?![\w-])"
)

_FIRST_NAME_BILL = re.compile(r"(?<=Bill) +[A-Z]")


def law_names(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Laws and treaties the model missed: two or more capitalised words ending in "Act",
    "Directive", "Treaty"...; a year right after is part of the name ("... Directive 2000").

    Never over a name the model tagged, other than the year it took for a date and a
    place the law is named after ("the Eastern Mediterranean Bill").
    """
    kept = candidate_index(candidates)
    for match in _LAW.finditer(text):
        start, end = match.span()
        words = match.group("name").split()
        if words[0] in DETERMINERS:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or _FIRST_NAME_BILL.match(text, end):
            continue  # "President Bill Clinton": a first name, not a bill
        inside = [kept[handle] for handle in kept.overlapping(start, end)]
        year = match.span("year") if match.group("year") else None
        if any(
            not (c.type == "date" and year is not None and year[0] <= c.start)
            and not (c.type == "place" and start <= c.start and c.end < end)
            for c in inside
        ):
            continue
        for handle in kept.overlapping(start, end):
            kept.remove(handle)
        kept.add(start, end, Candidate(start, end, "event", "law"))
    return sorted(kept.values(), key=lambda c: c.start)


_PLACE_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2})"
    r" (?:district|province|county|prefecture|municipality|regency|governorate|oblast)\b"
    r"(?! of\b)"
)


def places_before_area_words(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """ "Mysore district comes under...": the model missed the place; the word after says it."""
    added: list[Candidate] = []
    taken = candidate_index(candidates)
    for match in _PLACE_NAME_BEFORE.finditer(text):
        start, end = match.span("name")
        if text[max(0, start - 2) : start].strip()[-1:].isupper():
            continue  # the end of a longer capitalised name
        if match.group("name").split()[0] in DETERMINERS:
            continue
        if taken.overlaps(start, end):
            continue
        added.append(Candidate(start, end, "place", "area"))
    return sorted([*candidates, *added], key=lambda c: c.start)


def parent_organizations(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The parent named inside a subsidiary's name: "Facebook" of "Facebook Ireland Limited".

    A company named "<Parent> <Place> <Suffix>" where the place is one the
    article names makes every other capitalised "<Parent>" an organization,
    the model's tags or not. Nothing is added when the parent never stands alone.
    """
    places = {text[c.start : c.end] for c in candidates if c.type == "place"}
    parents: set[str] = set()
    for candidate in candidates:
        words = text[candidate.start : candidate.end].split()
        if (
            candidate.type != "organization"
            or len(words) < 3
            or words[-1] not in CORPORATE_SUFFIXES
        ):
            continue
        for cut in range(1, len(words) - 1):
            if " ".join(words[cut:-1]) in places and words[0][:1].isupper():
                parents.add(" ".join(words[:cut]))
    added: list[Candidate] = []
    if not parents:
        return sorted(candidates, key=lambda c: c.start)
    index = WordIndex(text)
    taken = candidate_index(candidates)
    for parent in sorted(parents):
        for start, end in index.occurrences(parent):
            if not taken.overlaps(start, end):
                added.append(Candidate(start, end, "organization", "parent"))
                taken.add(start, end, added[-1])
    return sorted([*candidates, *added], key=lambda c: c.start)
