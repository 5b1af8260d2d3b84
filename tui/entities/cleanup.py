"""Clean-ups between the recogniser and the entity list: what a reader should not see.

- a leading "the" and a trailing possessive are not part of a name
  ("the Asia Digital Bank's" -> "Asia Digital Bank");
- a dateline ("Beijing 24 February 2022 (TDI): ...") is metadata: its place
  and date stay, its source "(TDI)" is neither an entity nor an acronym;
- spaCy's DATE also covers "yesterday" and "the last five years": only
  calendar dates stay; a holiday it calls a date ("Labour Day") is an event;
- "the Committee" after "China Mobile ... Metaverse Committee" is a one-word
  back-reference, not a second organization;
- a phrase seen only in headings ("Digital Leadership") is a headline word,
  not an entity;
- a multi-word name is typed by its head noun when it has a telling one:
  "... Initiative", "... Plan", "... Act" are events (initiatives, plans,
  laws), "... Committee", "Bank of ..." organizations, "... Station",
  "... Hospital" places, whatever the model guessed (it calls the Belt & Road
  Initiative an organization and "BRI" a person);
- a name followed by a model number is a product: spaCy tags "Falcon" in
  "Falcon 9 rocket" and splits "Boeing 737 Max" into "Boeing" and a person "Max";
  a numbered flight ("Lion Air Flight 610") is other, not the airline;
- a code name of letters, a hyphen and a number ("COVID-19") is other;
- "the town of Pandeglang", "KSR Bangalore station", "Niamey, Niger's
  capital": the words around a name say it is a place, even when the model
  guessed an organization or a person;
- a law the model missed ("the Electronic Commerce Directive 2000") is an
  event, its year part of its name, not a date of its own;
- "the Jamaah Ansharut Daulah network": no person is "the X network", and
  the capitalised words after "the" are part of the organization's name;
- "Mysore district", "Banten province": an untagged name before such a word is
  a place (not "the Indian state of ...": before "of", it is an adjective);
- a website named in the text ("oe24.at", "Amazon.com") is an organization,
  tagged or not (not a URL with a path, not an e-mail address);
- no name runs over a line break (the model's 'Order"\n\nFollowing X');
- "pan-African", "intra-Africa" are adjectives; "UTC" and the "1922" of
  "1922 UTC" are clock times; "between" is not part of "$5 and $7 billion".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.entities.candidate import Candidate
from tui.entities.dates import is_calendar_date
from tui.entities.span_index import SpanIndex
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
TIME_ZONES = frozenset(
    [
        "UTC",
        "GMT",
        "IST",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "BST",
        "JST",
        "KST",
        "AEST",
        "AEDT",
        "AWST",
        "MSK",
        "HKT",
        "SGT",
        "WIB",
        "PHT",
    ]
)
_CLOCK_AFTER = re.compile(
    r"^\s*(?:" + "|".join(sorted(TIME_ZONES)) + r"|[ap]\.?m\.?|hours?|hrs|h)\b", re.IGNORECASE
)
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.)+$|\b(?:Co|Ltd|Inc|Corp|Jr|Sr|St|No)\.$")
# A company's legal form closes its name: whatever the model typed, it is an organization.
LEGAL_FORMS = frozenset(
    [
        *("Inc", "Ltd", "Limited", "Corp", "Corporation", "Co", "LLC", "LLP", "plc", "PLC"),
        *("GmbH", "AG", "SA", "S.A.", "NV", "N.V.", "BV", "B.V.", "SpA", "S.p.A.", "Srl"),
        *("Oy", "Oyj", "AB", "ASA", "A/S", "Kft", "Zrt", "Nyrt", "Bhd", "Pty", "Pte", "KK"),
    ]
)

EVENT_HEADS = frozenset(
    [
        "Initiative",
        "Plan",
        "Act",
        "Law",
        "Treaty",
        "Agreement",
        "Accord",
        "Accords",
        "Pact",
        "Programme",
        "Program",
        "Strategy",
        "Directive",
        "Regulation",
        "Convention",
        "Protocol",
        "Bill",
        "Charter",
        "Declaration",
        "Summit",
        "Conference",
        "Olympics",
        "Games",
        "War",
        "Festival",
        "Day",
        "Election",
        "Elections",
        "Referendum",
        "Championship",
        "Cup",
    ]
)
ORGANIZATION_HEADS = frozenset(
    [
        "Bank",
        "Committee",
        "Commission",
        "Association",
        "Organization",
        "Organisation",
        "Council",
        "Agency",
        "Ministry",
        "Department",
        "Office",
        "Authority",
        "Institute",
        "University",
        "College",
        "Court",
        "Party",
        "Group",
        "Company",
        "Corporation",
        "Corp",
        "Inc",
        "Ltd",
        "Co",
        "Holdings",
        "Fund",
        "Foundation",
        "Society",
        "Federation",
        "Board",
        "Bureau",
        "Service",
        "Network",
        "Alliance",
        "Assembly",
        "Parliament",
        "Congress",
        "Senate",
        "Police",
        "Army",
        "Force",
        "Navy",
        "Corps",
        "Railway",
        "Railways",
        "Airlines",
        "Airways",
    ]
)
PLACE_HEADS = frozenset(
    [
        "Station",
        "Airport",
        "Hospital",
        "Junction",
        "Sea",
        "Ocean",
        "River",
        "Island",
        "Islands",
        "Mountain",
        "Mountains",
        "Lake",
        "Bay",
        "Province",
        "District",
        "County",
        "Street",
        "Avenue",
        "Square",
        "Bridge",
        "Port",
        "Harbour",
        "Harbor",
        "Valley",
        "Desert",
        "Gulf",
        "Peninsula",
        "Strait",
        "Canal",
        "Stadium",
        "Palace",
        "Prison",
        "Coast",
    ]
)


# A capitalised name ending in a word that makes it an event: "Acme Founders' Day".
_HOLIDAY = re.compile(r"^(?:[A-Z][\w'’-]* +)+(?:" + "|".join(sorted(EVENT_HEADS)) + r")$")


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


def place_by_context(text: str, start: int, end: int, kind: EntityType) -> EntityType:
    """A place when the words around it say so: "the town of X", "X station", "X's capital"."""
    if kind not in ("organization", "person", "other"):
        return kind
    if _PLACE_BEFORE.search(text[max(0, start - 30) : start]):
        return "place"
    if _PLACE_AFTER.match(text[end : end + 60]):
        return "place"
    return kind


# Letters, a hyphen and a number: a disease, a vehicle or a product ("COVID-19",
# "AK-47", "Su-35"), never a person, a place or an organization.
_CODE_NAME = re.compile(r"^[A-Z][A-Za-z]+-\d{1,4}[A-Za-z]?$")


def other_by_form(phrase: str, kind: EntityType) -> EntityType:
    """Other for a letters-and-number code name the model typed a name ("COVID-19")."""
    if kind in ("organization", "person", "place") and _CODE_NAME.match(phrase):
        return "other"
    return kind


def clean_candidates(
    article: Article, candidates: Sequence[Candidate], source: tuple[int, int] | None
) -> list[Candidate]:
    """Trimmed spans; dateline source, non-calendar dates and empty spans gone."""
    text = article.text
    kept: list[Candidate] = []
    for candidate in candidates:
        span = clean_span(text, candidate.start, candidate.end, candidate.type)
        if span is None:
            continue
        start, end = span
        phrase = text[start:end]
        if source is not None and source[0] <= start and end <= source[1]:
            continue
        if "\n" in phrase:
            continue  # a span over a paragraph break is two pieces of text, not a name
        if phrase in TIME_ZONES or _CLOCK_AFTER.match(text[end : end + 8]):
            continue  # "0600 UTC", "11:30 am": clock times, not dates or organizations
        kind = candidate.type
        if kind == "date" and not is_calendar_date(phrase):
            if not _HOLIDAY.match(phrase):
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
    return _longest_first(_split_pairs(text, kept))


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


def _longest_first(candidates: Sequence[Candidate]) -> list[Candidate]:
    """No two spans overlap: a widened name ("the Jamaah Ansharut Daulah network")
    wins over a piece of it the model tagged on its own."""
    chosen: SpanIndex[Candidate] = SpanIndex()
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not chosen.overlaps(candidate.start, candidate.end):
            chosen.add(candidate.start, candidate.end, candidate)
    return sorted(chosen.values(), key=lambda c: c.start)


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


_HYPHEN_REST = re.compile(r"-[^\W_]+(?:-[^\W_]+)*")


_GENERATION = re.compile(r",? (?:Jr\.|Sr\.|Jr|Sr|II|III|IV)(?![\w-])")


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
        generation = _GENERATION.match(text, c.end)
        if c.type == "person" and generation is not None:
            c = Candidate(c.start, generation.end(), c.type, c.label)
        kept.append(c)
    return kept


_CURRENCY_WORDS = (
    r"(?:euros?|dollars?|pounds?(?: sterling)?|yen|yuan|renminbi|rupees?|rupiah|ringgit"
    r"|baht|pesos?|francs?|roubles?|rubles?|złoty(?:s|ch)?|zloty(?:s)?|forints?|kronor"
    r"|krona|kroner|krone|rand|won|dinars?|dirhams?|riyals?|shekels?|lira|naira)"
)
_MONEY = re.compile(
    r"(?<![\w.,$€£¥-])\d{1,3}(?:[,\s]\d{3})*(?:\.\d+)?"
    r"(?: (?:thousand|million|billion|trillion))? " + _CURRENCY_WORDS + r"(?![\w-])"
)


def money_amounts(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Amounts the model missed, written with the currency's name: "38.8 million euro"."""
    taken = _index(candidates)
    added = [
        Candidate(m.start(), m.end(), "money", "regex")
        for m in _MONEY.finditer(text)
        if not taken.overlaps(m.start(), m.end())
    ]
    return sorted([*candidates, *added], key=lambda c: c.start)


_ABBREVIATED_FORMS = frozenset(["Inc", "Ltd", "Corp", "Co", "Kft", "Zrt", "Nyrt", "Bhd", "Pty"])
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
            if last in _ABBREVIATED_FORMS and _MID_SENTENCE_STOP.match(text, end):
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


_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat) $")


def is_back_reference(text: str, candidate: Candidate, head_words: set[str]) -> bool:
    """True for "the Committee" ("this Committee") when a longer name in the article
    ends in "Committee"."""
    phrase = text[candidate.start : candidate.end]
    if " " in phrase or phrase.isupper() or phrase not in head_words:
        return False
    return _DETERMINER_BEFORE.search(text, max(0, candidate.start - 6), candidate.start) is not None


def head_words(names: Sequence[str]) -> set[str]:
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


def _index(candidates: Sequence[Candidate]) -> SpanIndex[Candidate]:
    return SpanIndex((c.start, c.end, c) for c in candidates)


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
    kept = _index(candidates)
    for match in _WEBSITE.finditer(text):
        start, end = match.span()
        label = match.group().rsplit(".", 1)[0]
        if not any(ch.isalpha() for ch in label) or len(label) < 2:
            continue
        inside = kept.overlapping(start, end)
        if any(kept[h].start < start or kept[h].end > end for h in inside):
            continue  # part of a longer name the model found
        for handle in inside:
            kept.remove(handle)
        found.append(Candidate(start, end, "organization", "website"))
    return sorted([*kept.values(), *found], key=lambda c: c.start)


_LAW_HEADS = (
    "Act",
    "Directive",
    "Regulation",
    "Treaty",
    "Agreement",
    "Accord",
    "Convention",
    "Protocol",
    "Charter",
    "Declaration",
    "Initiative",
)
_LAW = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z][\w'’-]* +){1,6}(?:" + "|".join(_LAW_HEADS) + r"))"
    r"(?P<year> +(?:of +)?(?:1[89]|20)\d\d)?(?![\w-])"
)
_NOT_NAME_STARTS = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our"]
)


def law_names(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Laws and treaties the model missed: two or more capitalised words ending in "Act",
    "Directive", "Treaty"...; a year right after is part of the name ("... Directive 2000").

    Never over a name the model tagged (other than the year it took for a date).
    """
    kept = _index(candidates)
    for match in _LAW.finditer(text):
        start, end = match.span()
        words = match.group("name").split()
        if words[0] in _NOT_NAME_STARTS:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2:
            continue
        inside = [kept[handle] for handle in kept.overlapping(start, end)]
        year = match.span("year") if match.group("year") else None
        if any(not (c.type == "date" and year is not None and year[0] <= c.start) for c in inside):
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
    taken = _index(candidates)
    for match in _PLACE_NAME_BEFORE.finditer(text):
        start, end = match.span("name")
        if text[max(0, start - 2) : start].strip()[-1:].isupper():
            continue  # the end of a longer capitalised name
        if match.group("name").split()[0] in _NOT_NAME_STARTS:
            continue
        if taken.overlaps(start, end):
            continue
        added.append(Candidate(start, end, "place", "area"))
    return sorted([*candidates, *added], key=lambda c: c.start)
