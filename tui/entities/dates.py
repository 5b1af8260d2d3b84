"""Dates by pattern: the fallback without a model, and the test of what a date is.

A date in Gloss is something a reader can place on a calendar ("24 February
2022", "October 15, 2021", "July 2019", "2011", "Monday"). spaCy's DATE also
covers "yesterday", "last year" and durations ("the last four years", "18
months"); those are dropped by `is_calendar_date`.
"""

from __future__ import annotations

import re

from tui.entities.candidate import Candidate
from tui.entities.span_index import SpanIndex

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# Longest forms first so "24 February 2022" wins over "February 2022".
_DATE_PATTERN = re.compile(
    rf"""(?<![\w-])(?:
        {_DAY}\s+{_MONTH}\.?,?\s+{_YEAR}                 # 24 February 2022
      | {_MONTH}\.?\s+{_DAY},?\s+{_YEAR}                 # October 15, 2021
      | {_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]) # 2022-02-24
      | {_DAY}\s+{_FULL_MONTH}                           # 24 February
      | {_FULL_MONTH}\s+{_DAY}(?!\d)                     # February 24
      | {_FULL_MONTH},?\s+{_YEAR}                        # July 2019
      | (?:early|mid|late)-?\s?{_YEAR}                   # mid-2019
      | {_YEAR}\s?[-–]\s?(?:{_YEAR}|\d\d)(?!\d)          # 2021-2025
      | {_WEEKDAY}
    )(?![\w-])""",
    re.VERBOSE,
)
# A bare year or month is only a date after a word that introduces one ("in
# 2015", "since May"): alone, "May" is a verb and "2000" a number.
_INTRODUCED = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|till|[Bb]y|of) (?P<date>{_YEAR}|{_FULL_MONTH})(?![\w-])"
)

_FRENCH_MONTH = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    r"|novembre|décembre|decembre)"
)
_FRENCH_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_CALENDAR_WORD = re.compile(
    rf"\d|\b{_MONTH}\b|\b{_WEEKDAY}s?\b|\b(?:Christmas|Easter|New Year)\b"
    rf"|\b{_FRENCH_MONTH}\b|\b{_FRENCH_WEEKDAY}\b",
    re.IGNORECASE,
)
_FULL_YEAR = re.compile(rf"\b{_YEAR}\b")
_DURATION = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)\b"
    r"|\b(?:ago|old)\b",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[Candidate]:
    """Calendar dates written out in the text, by pattern (no model needed)."""
    spans: SpanIndex[tuple[int, int]] = SpanIndex()
    for pattern, group in ((_DATE_PATTERN, 0), (_INTRODUCED, "date")):
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if not spans.overlaps(start, end):
                spans.add(start, end, (start, end))
    return [Candidate(start, end, "date", "regex") for start, end in sorted(spans.values())]


_NUMBERS_ONLY = re.compile(r"[\d\s/.–-]+")
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])"
# Numbers alone are a date only in a calendar's own forms: a year, a span of years, a
# year-month-day or a day-month-year (either way round); "02 9876 2010" is a phone number.
_NUMERIC_DATE = re.compile(
    rf"""{_YEAR}
      | {_YEAR}\s?[/–-]\s?(?:{_YEAR}|\d\d)
      | {_YEAR}(?P<s1>[-/.]){_MONTH_NUMBER}(?P=s1){_DAY_NUMBER}
      | {_DAY_NUMBER}(?P<s2>[-/.]){_DAY_NUMBER}(?P=s2)(?:{_YEAR}|\d\d)""",
    re.VERBOSE,
)
# The same forms in running text, not inside a longer run of digits ("+44 2022-123").
_NUMERIC_IN_TEXT = re.compile(
    rf"(?<![\w+/.-])(?:{_YEAR}(?P<s1>[-/.]){_MONTH_NUMBER}(?P=s1){_DAY_NUMBER}"
    rf"|{_DAY_NUMBER}(?P<s2>[/.]){_DAY_NUMBER}(?P=s2){_YEAR})(?![\w/-]|\.\d)"
)


def numeric_dates(text: str) -> list[Candidate]:
    """Dates in numeric form ("2022-02-24", "24/02/2022"): a date in any language."""
    return [Candidate(m.start(), m.end(), "date", "regex") for m in _NUMERIC_IN_TEXT.finditer(text)]


# French dates, for French pages (the French model has no DATE label): "24 février 2022",
# "le 3 mars" (the "le" outside), "1er janvier", "mars 2021", "mardi 5 mai", "vendredi".
# A month alone is left out: "mars" is also a planet and "mai" a word of other languages.
_FRENCH_DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])"
# As in English ("Tuesday 5 May", "Friday"): a weekday is a date, and one before a
# date is part of it.
_FRENCH_DATE = re.compile(
    rf"""(?<![\w-])(?:
        (?:{_FRENCH_WEEKDAY}\s+)?{_FRENCH_DAY}\s+{_FRENCH_MONTH}(?:\s+{_YEAR})?
                                                      # (mardi) 24 février 2022, 1er janvier
      | {_FRENCH_MONTH}\s+{_YEAR}                      # mars 2021
      | {_FRENCH_WEEKDAY}                              # vendredi
    )(?![\w-])""",
    re.VERBOSE | re.IGNORECASE,
)


def french_dates(text: str) -> list[Candidate]:
    """Dates written out in French ("24 février 2022", "le 3 mars", "mars 2021", "mardi 5 mai",
    "vendredi")."""
    return [Candidate(m.start(), m.end(), "date", "regex") for m in _FRENCH_DATE.finditer(text)]


def is_calendar_date(phrase: str) -> bool:
    """A date a reader can place, not "yesterday", "last year" or "the last five years".

    A phrase of numbers alone is a date only when each number is a year or
    could be a day or month ("2011", "2019/20", "12/05/2019"): "67" is an age,
    "1430/2019" a document number.
    """
    if not _CALENDAR_WORD.search(phrase):
        return False
    if _NUMBERS_ONLY.fullmatch(phrase):
        if not _NUMERIC_DATE.fullmatch(phrase.strip()):
            return False
        numbers = re.findall(r"\d+", phrase)
        if not any(_FULL_YEAR.fullmatch(n) for n in numbers):
            return False
        if any(len(n) > 2 and not _FULL_YEAR.fullmatch(n) for n in numbers):
            return False
    if _DURATION.search(phrase):
        # "the 2019/20 fiscal year" and "March of last year" still name a date;
        # "over 65 years" and "two months ago" do not.
        return bool(_FULL_YEAR.search(phrase) or re.search(rf"\b{_MONTH}\b", phrase))
    return True
