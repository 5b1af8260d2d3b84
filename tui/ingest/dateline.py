"""Datelines such as "Beijing 24 February 2022 (TDI): ..." give place, date and source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from email.utils import parsedate_to_datetime

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){{0,3}}),?\s+"
    rf"(?P<date>{_DATE})\s*"
    r"(?:\((?P<source>[^()\n]{1,40})\))?\s*[:—–-]\s*"
)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")
# A dateline sits at the very start of a paragraph; looking further only costs time
# (the place pattern backtracks on long hyphenated runs).
_DATELINE_WINDOW = 200
_MAX_DATE_CHARS = 80


@dataclass(frozen=True)
class Dateline:
    place: str
    date: str | None  # ISO 8601
    source: str | None
    end: int  # where the story itself starts in the paragraph


def parse_date(value: str) -> str | None:
    """A date as ISO 8601 ("2022-02-24"), else None.

    Accepts "24 February 2022", "Feb. 24, 2022", ISO dates and timestamps
    ("2022-02-24T10:00:00Z") and RFC 822 dates as feeds write them
    ("Thu, 24 Feb 2022 10:00:00 +0000").
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    cleaned = " ".join(value.replace(",", " ").replace(".", " ").split())
    for fmt in ("%Y-%m-%d", *_DATE_FORMATS):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def iso_date(value: object) -> str | None:
    """A date, datetime or date-like string from a file's metadata as ISO 8601, else None."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, str):
        return parse_date(value)
    return None


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, if it has one."""
    match = _DATELINE.match(paragraph[:_DATELINE_WINDOW])
    if match is None:
        return None
    source = match.group("source")
    return Dateline(
        place=match.group("place").rstrip(","),
        date=parse_date(match.group("date")),
        source=source.strip() if source else None,
        end=match.end(),
    )
