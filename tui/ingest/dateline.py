"""Datelines such as "Beijing 24 February 2022 (TDI): ..." give place, date and source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True)
class Dateline:
    place: str
    date: str | None  # ISO 8601
    source: str | None
    end: int  # where the story itself starts in the paragraph


def parse_date(value: str) -> str | None:
    """"24 February 2022", "Feb. 24, 2022" or "2022-02-24" as ISO 8601, else None."""
    cleaned = " ".join(value.replace(",", " ").replace(".", " ").split())
    for fmt in ("%Y-%m-%d", *_DATE_FORMATS):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


def parse_dateline(paragraph: str) -> Dateline | None:
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    source = match.group("source")
    return Dateline(
        place=match.group("place").rstrip(","),
        date=parse_date(match.group("date")),
        source=source.strip() if source else None,
        end=match.end(),
    )
