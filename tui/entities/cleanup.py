"""Clean-ups between the recogniser and the entity list: what a reader should not see.

- markup, code, citation marks, bullets and links are cut off or dropped (`debris`);
- a leading "the" and a trailing possessive are not part of a name
  ("the Asia Digital Bank's" -> "Asia Digital Bank");
- a dateline ("Beijing 24 February 2022 (TDI): ...") is metadata: its place
  and date stay, its source "(TDI)" is neither an entity nor an acronym;
- spaCy's DATE also covers "yesterday" and "the last five years": only
  calendar dates stay ("Labour Day" becomes an event: `kinds.py`);
- "the Committee" after "China Mobile ... Metaverse Committee" is a one-word
  back-reference, not a second organization;
- a phrase seen only in headings ("Digital Leadership") is a headline word,
  not an entity;
- no name runs over a line break (the model's 'Order"\n\nFollowing X');
- "pan-African", "intra-Africa" are adjectives; "UTC" and the "1922" of
  "1922 UTC" are clock times; "between" is not part of "$5 and $7 billion";
- "Hong Kong Carrie Lam" is a place and a person when the article names each alone;
- "Karipur, Kerala" is two places, "Coles and Woolworths" two names when the
  article names each alone; no two spans overlap (the longest wins).

The type each kept span gets from its context is decided in `kinds.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.entities.candidate import Candidate
from tui.entities.dates import is_calendar_date
from tui.entities.debris import tidy_span
from tui.entities.kinds import is_holiday, organization_by_context, other_by_form, place_by_context
from tui.entities.span_index import SpanIndex
from tui.entities.words import TIME_ZONES
from tui.ingest.dateline import parse_dateline
from tui.models import Article, Block, EntityType

_LEADING = re.compile(r"^(?:(?:the|The|THE)\s+|[\s\"“‘'(\[]+)+")
_TRAILING = re.compile(r"(?:['’]s?|[\s\"”’',.;:)\]]+|\s+(?:of|and|the|in|for|on|at|to|&))+$")
_QUALIFIER = re.compile(
    r"^(?:(?:between|about|around|over|under|nearly|almost|some|approximately|roughly|only|just"
    r"|up to|more than|less than|at least|as of|as early as|as late as|by|since|until"
    r"|this past|this coming|(?:the\s+)?week of)\s+)+",
    re.IGNORECASE,
)
_ADJECTIVE_PREFIX = re.compile(
    r"^(?:intra|inter|pan|anti|pro|non|ex|post|pre|mid|trans|sub|neo|multi|cross)-"
)
_CLOCK_AFTER = re.compile(
    r"^\s*(?:" + "|".join(sorted(TIME_ZONES)) + r"|[ap]\.?m\.?|hours?|hrs|h)\b", re.IGNORECASE
)
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.)+$|\b(?:Co|Ltd|Inc|Corp|Jr|Sr|St|No)\.$")


def clean_span(
    text: str, start: int, end: int, kind: EntityType = "other"
) -> tuple[int, int] | None:
    """The span without a leading "the", quotes or a trailing "'s"; None if nothing is left."""
    phrase = text[start:end]
    lead = _LEADING.match(phrase)
    if lead:
        start += lead.end()
        phrase = text[start:end]
    if kind in ("date", "money"):
        qualifier = _QUALIFIER.match(phrase)
        if qualifier and qualifier.end() < len(phrase):
            start += qualifier.end()
            phrase = text[start:end]
    if not _ABBREVIATION_END.search(phrase):
        trail = _TRAILING.search(phrase)
        if trail and trail.start() > 0:
            end = start + trail.start()
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def dateline_source(article: Article) -> tuple[int, int] | None:
    """The span of a dateline's "(TDI)", parentheses included, if the article opens with one."""
    first = next((block for block in article.blocks if block.kind == "paragraph"), None)
    if first is None:
        return None
    paragraph = article.block_text(first)
    dateline = parse_dateline(paragraph)
    if dateline is None or not dateline.source:
        return None
    at = paragraph.find("(", 0, dateline.end)
    close = paragraph.find(")", at, dateline.end)
    if at < 0 or close < 0:
        return None
    return first.start + at, first.start + close + 1


def clean_candidates(
    article: Article, candidates: Sequence[Candidate], source: tuple[int, int] | None
) -> list[Candidate]:
    """Trimmed spans; dateline source, non-calendar dates and empty spans gone."""
    text = article.text
    kept: list[Candidate] = []
    for candidate in candidates:
        if "\n" in text[candidate.start : candidate.end].strip():
            continue  # a span over a paragraph break is two pieces of text, not a name
        tidy = tidy_span(text, candidate.start, candidate.end)
        span = tidy and clean_span(text, *tidy, candidate.type)
        if span is None:
            continue
        start, end = span
        phrase = text[start:end]
        if source is not None and source[0] <= start and end <= source[1]:
            continue
        if phrase in TIME_ZONES or _CLOCK_AFTER.match(text[end : end + 8]):
            continue  # "0600 UTC", "11:30 am": clock times, not dates or organizations
        kind = candidate.type
        if kind == "date" and not is_calendar_date(phrase):
            if not is_holiday(phrase):
                continue
            kind = "event"  # "Labour Day": a holiday the model calls a date
        if candidate.type != "date" and _ADJECTIVE_PREFIX.match(phrase):
            continue
        if candidate.type not in ("date", "money") and not any(
            ch.isupper() or ch.isdigit() for ch in phrase
        ):
            continue  # a lower-case "name" is a model slip ("internet", "metaverse")
        kind = place_by_context(text, start, end, kind)
        kind = other_by_form(phrase, kind)
        group_start = organization_by_context(text, start, end, kind)
        if group_start is not None:
            start, kind = group_start, "organization"
        if kind == "place" and ", " in phrase:
            kept.extend(_listed_places(text, start, end, candidate.label))
            continue
        kept.append(Candidate(start, end, kind, candidate.label))
    return _longest_first(_split_spanning(text, _split_pairs(text, kept)))


def _listed_places(text: str, start: int, end: int, label: str) -> list[Candidate]:
    """ "Karipur, Kerala": a town and its region are two places, not one."""
    places: list[Candidate] = []
    for part in re.finditer(r"[^,]+", text[start:end]):
        span = clean_span(text, start + part.start(), start + part.end(), "place")
        if span is not None and text[span[0]].isupper():
            places.append(Candidate(*span, "place", label))
    return places


_PAIR = re.compile(r"^(?P<first>.+?),? (?:and|&) (?P<second>.+)$")


def _split_pairs(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """ "Coles and Woolworths" is two names when the article names each on its own;
    each half takes the type the model gave it there (the majority)."""
    types: dict[str, Counter[EntityType]] = {}
    for c in candidates:
        types.setdefault(text[c.start : c.end], Counter())[c.type] += 1
    split: list[Candidate] = []
    for c in candidates:
        pair = _PAIR.match(text[c.start : c.end])
        halves = [pair.group("first"), pair.group("second")] if pair else []
        if c.type in ("date", "money") or not all(h in types for h in halves) or not halves:
            split.append(c)
            continue
        assert pair is not None
        for group in ("first", "second"):
            start, end = c.start + pair.start(group), c.start + pair.end(group)
            kind = types[text[start:end]].most_common(1)[0][0]
            split.append(Candidate(start, end, kind, c.label))
    return split


def _split_spanning(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """ "Hong Kong Carrie Lam", "Amnesty International Man-kei Tam": a person run together
    with a place or an organization the article names alone is two names, not one.

    Split only where both halves are names the article has on their own: a person's
    full name and a place or an organization; each takes the type it has there (the
    majority). "Bob Behnken" stays whole: a first name is no full name.
    """
    types: dict[str, Counter[EntityType]] = {}
    for c in candidates:
        types.setdefault(text[c.start : c.end], Counter())[c.type] += 1
    split: list[Candidate] = []
    for c in candidates:
        phrase = text[c.start : c.end]
        halves = None
        if c.type in ("person", "place", "organization"):
            for cut in (m.start() for m in re.finditer(" ", phrase)):
                left, right = phrase[:cut], phrase[cut + 1 :]
                if left in types and right in types:
                    kinds = [types[left].most_common(1)[0][0], types[right].most_common(1)[0][0]]
                    person = (left, right)[kinds.index("person")] if "person" in kinds else ""
                    other = kinds[1] if kinds[0] == "person" else kinds[0]
                    if " " in person and other in ("place", "organization"):
                        halves = (cut, kinds)
                        break
        if halves is None:
            split.append(c)
            continue
        cut, (left_kind, right_kind) = halves
        split.append(Candidate(c.start, c.start + cut, left_kind, c.label))
        split.append(Candidate(c.start + cut + 1, c.end, right_kind, c.label))
    return split


def _longest_first(candidates: Sequence[Candidate]) -> list[Candidate]:
    """No two spans overlap: a widened name ("the Jamaah Ansharut Daulah network")
    wins over a piece of it the model tagged on its own."""
    chosen: SpanIndex[Candidate] = SpanIndex()
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not chosen.overlaps(candidate.start, candidate.end):
            chosen.add(candidate.start, candidate.end, candidate)
    return sorted(chosen.values(), key=lambda c: c.start)


_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat) $")


def is_back_reference(text: str, candidate: Candidate, back_references: set[str]) -> bool:
    """True for "the Committee" ("this Committee") when a longer name in the article
    ends in "Committee"."""
    phrase = text[candidate.start : candidate.end]
    if " " in phrase or phrase.isupper() or phrase not in back_references:
        return False
    return _DETERMINER_BEFORE.search(text, max(0, candidate.start - 6), candidate.start) is not None


def back_reference_words(names: Sequence[str]) -> set[str]:
    """Last words of the multi-word names: what a one-word back-reference would repeat."""
    return {name.split()[-1] for name in names if len(name.split()) > 1}


def headings(blocks: Sequence[Block]) -> SpanIndex[Block]:
    """The heading blocks, for `in_headings`."""
    return SpanIndex((b.start, b.end, b) for b in blocks if b.kind == "heading")


def in_headings(heading_blocks: SpanIndex[Block], start: int, end: int) -> bool:
    """Whether a (non-empty) span lies inside one heading."""
    return any(
        heading_blocks[h].start <= start and end <= heading_blocks[h].end
        for h in heading_blocks.overlapping(start, end)
    )
