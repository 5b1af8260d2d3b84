"""Alias merging: one entity per thing the article names, under its fullest name.

- An acronym the article defines joins its long form: every bare "ADB" is the
  Asia Digital Bank, with the long form's type, whatever the model made of it.
- A surname (or any tail of a full name) joins the full name: "Yu" -> "Yu Jianing".
- An organization named without its corporate suffix joins the full name:
  "Mahan" -> "Mahan Air", "ABS-CBN" -> "ABS-CBN Corporation".
- "Facebook Ireland Limited" is a subsidiary: a bare "Facebook" elsewhere is
  the parent company, an organization of its own.
- Another name in parentheses is an alias: "Supreme Court of Justice
  (Oberster Gerichtshof)".
- A multi-word name and its plural are one thing: "Space Shuttle(s)",
  "Indian Railway(s)".
- Mentions spelled the same are one entity, typed by majority vote.
- A name found once is found everywhere: spaCy tags "ADB" once in three, so
  every other word-bounded occurrence of a known name, or of a person's
  surname, becomes a mention too (longest names first; not inside a longer
  capitalised name the model did not give).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.entities.acronym_definition import AcronymDefinition
from tui.entities.acronyms import FUNCTION_WORDS
from tui.entities.candidate import Candidate
from tui.entities.cleanup import ORGANIZATION_HEADS, guess_type, retype
from tui.entities.dates import is_calendar_date
from tui.entities.descriptions import DESCRIBED, described_type
from tui.entities.draft import Draft
from tui.entities.span_index import SpanIndex
from tui.entities.titles import is_title
from tui.entities.word_index import WordIndex, occurrences
from tui.models import EntityType

__all__ = ["CORPORATE_SUFFIXES", "is_proper_name", "merge", "occurrences", "parent_organizations"]

CORPORATE_SUFFIXES = frozenset(
    [
        "Group",
        "Corporation",
        "Corp",
        "Corp.",
        "Inc",
        "Inc.",
        "Ltd",
        "Ltd.",
        "Limited",
        "Co",
        "Co.",
        "Company",
        "Holdings",
        "plc",
        "PLC",
        "AG",
        "SA",
        "S.A.",
        "LLC",
        "GmbH",
        "Airlines",
        "Airways",
        "Air",
    ]
)
_UNSPREAD = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)


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
    taken = SpanIndex((c.start, c.end, c) for c in candidates)
    for parent in sorted(parents):
        for start, end in index.occurrences(parent):
            if not taken.overlaps(start, end):
                added.append(Candidate(start, end, "organization", "parent"))
                taken.add(start, end, added[-1])
    return sorted([*candidates, *added], key=lambda c: c.start)


def merge(
    text: str, candidates: Sequence[Candidate], definitions: Sequence[AcronymDefinition]
) -> list[Draft]:
    """Drafts in order of first mention, every mention in exactly one of them."""
    words = WordIndex(text)
    claimed: SpanIndex[None] = SpanIndex()
    drafts = _acronym_drafts(text, candidates, definitions, claimed, words)
    remaining = [c for c in candidates if not claimed.overlaps(c.start, c.end)]
    remaining, alternates = _alternate_names(text, remaining)
    groups = _spelling_groups(text, remaining)
    groups = _merge_alternates(groups, alternates)
    groups = _merge_name_tails(text, groups)
    groups = _merge_corporate_suffixes(text, groups)
    groups = _merge_long_tails(groups)
    groups = _merge_plurals(groups)
    drafts.extend(groups)
    drafts = _merge_initials(drafts)
    for draft in drafts:
        for start, end in draft.spans:
            claimed.add(start, end, None)
    _spread(text, drafts, claimed, words)
    first_names = {
        d.name.split()[0] for d in drafts if d.type == "person" and len(d.name.split()) > 1
    }
    for draft in drafts:
        if not draft.from_acronym:
            described = _described(text, draft)
            if described is not None:
                draft.type = described
            else:
                draft.type = _lone_name_type(text, draft, first_names)
                draft.type = retype(draft.name, draft.type)
    drafts.sort(key=lambda draft: min(draft.spans))
    return drafts


def _described(text: str, draft: Draft) -> EntityType | None:
    """What the article says the thing is at any of its mentions, found or spread:
    "the chains Acme and Bolt" types every "Acme"."""
    if draft.type in ("date", "money"):
        return None
    kinds = Counter(
        kind for start, end in draft.spans if (kind := described_type(text, start, end))
    )
    return kinds.most_common(1)[0][0] if kinds else None


_PREVIOUS_WORD = re.compile(r"(?<![\w-])(?P<word>[\w.-]+)\s+$")


def _lone_name_type(text: str, draft: Draft, first_names: set[str]) -> EntityType:
    """A "person" known by one word only, never in full and never after a title, is
    a shop or a company the model took for a surname ("Acme said", "Acme's stores"):
    an organization; a place after "in" ("printed in Bolton").

    People in news are introduced in full ("Jo Bloggs") or with a title
    ("Minister Bloggs"); a mononym after a title stays a person.
    """
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


def _acronym_drafts(
    text: str,
    candidates: Sequence[Candidate],
    definitions: Sequence[AcronymDefinition],
    claimed: SpanIndex[None],
    words: WordIndex,
) -> list[Draft]:
    drafts: list[Draft] = []
    if not definitions:
        return drafts
    placed = SpanIndex((c.start, c.end, c) for c in candidates)
    votes: dict[str, Counter[EntityType]] = {}  # the model's types for each surface
    for c in candidates:
        if c.type not in ("date", "money"):
            votes.setdefault(text[c.start : c.end], Counter())[c.type] += 1
    for definition in definitions:
        spans = [
            span
            for form in (definition.long, definition.short)
            for span in words.occurrences(form)
            if not claimed.overlaps(*span)
        ]
        if not spans:
            continue
        kind = _acronym_type(placed, votes.get(definition.short, Counter()), definition)
        drafts.append(Draft(definition.long, kind, spans, from_acronym=True))
        for start, end in spans:
            claimed.add(start, end, None)
    return drafts


def _acronym_type(
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


def is_proper_name(phrase: str) -> bool:
    """Every word but function words starts with a capital or a digit: "Letters from Lisbon"."""
    words = [w for w in re.split(r"[\s\-–]+", phrase) if w and w.lower() not in FUNCTION_WORDS]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _spelling_groups(text: str, candidates: Sequence[Candidate]) -> list[Draft]:
    groups: dict[str, Draft] = {}
    for candidate in candidates:
        surface = " ".join(text[candidate.start : candidate.end].split())
        key = surface.casefold()
        draft = groups.get(key)
        if draft is None:
            draft = groups[key] = Draft(surface, candidate.type)
        draft.spans.append((candidate.start, candidate.end))
        draft.votes[candidate.type] += 1
    described: dict[str, Counter[EntityType]] = {}
    for candidate in candidates:
        if candidate.label == DESCRIBED:
            key = " ".join(text[candidate.start : candidate.end].split()).casefold()
            described.setdefault(key, Counter())[candidate.type] += 1
    for key, draft in groups.items():
        # Majority type; on a tie the label seen first wins (Counter keeps insertion order).
        # What the article says the name is ("the retailer Acme") outvotes the model.
        draft.type = (described.get(key) or draft.votes).most_common(1)[0][0]
        draft.name = Counter(draft.surfaces(text)).most_common(1)[0][0]
        draft.name = " ".join(draft.name.split())
    return list(groups.values())


_PARENTHESIS = re.compile(r"\s*\(\s*(?P<alternate>[^()\n]{3,80}?)\s*\)")


def _alternate_names(
    text: str, candidates: Sequence[Candidate]
) -> tuple[list[Candidate], dict[str, str]]:
    """Another name in parentheses after a name: "Supreme Court (Oberster Gerichtshof)".

    The parenthesis must hold a capitalised name of two words or more, with no
    comma or "and" (that is a gloss: "Indigenous Australians (Aboriginal
    Australians and Torres Strait Islanders)"), that the model did not call a
    place or a date ("Springfield Inc (New York)" is where it is, not what it
    is called). Its span becomes a candidate of the name's type; the returned
    map sends the alternate's key to the name's.
    """
    alternates: dict[str, str] = {}
    kept = SpanIndex((c.start, c.end, c) for c in candidates)
    for candidate in candidates:
        if candidate.type not in ("organization", "event", "other"):
            continue
        match = _PARENTHESIS.match(text, candidate.end)
        if match is None:
            continue
        start, end = match.span("alternate")
        alternate = " ".join(match.group("alternate").split())
        inside = kept.overlapping(start, end)
        if (
            len(alternate.split()) < 2
            or not is_proper_name(alternate)
            or re.search(r",| and | & ", alternate)  # a gloss listing things, not a name
            or any(ch.isdigit() for ch in alternate)
            or any(kept[handle].type in ("place", "date", "money") for handle in inside)
        ):
            continue
        for handle in inside:
            kept.remove(handle)
        kept.add(start, end, Candidate(start, end, candidate.type, "alternate"))
        name = " ".join(text[candidate.start : candidate.end].split())
        alternates[alternate.casefold()] = name.casefold()
    return sorted(kept.values(), key=lambda c: c.start), alternates


def _merge_alternates(groups: list[Draft], alternates: dict[str, str]) -> list[Draft]:
    """Every mention of an alternate name joins the name it was given for."""
    by_key = {group.name.casefold(): group for group in groups}
    kept: list[Draft] = []
    for group in groups:
        owner = by_key.get(alternates.get(group.name.casefold(), ""))
        if owner is not None and owner is not group:
            owner.absorb(group)
        else:
            kept.append(group)
    return kept


def _merge_name_tails(text: str, groups: list[Draft]) -> list[Draft]:
    """A surname of exactly one person's full name is that person: "Yu" -> "Yu Jianing".

    One word joins a full name it starts or ends (family names come first in
    Chinese names: Yu Jianing's surname is Yu), whatever the model typed it (it
    calls surnames organizations or places now and then); a longer tail
    ("Fattah el-Sisi") only if it is typed a person.
    """
    people = [g for g in groups if g.type == "person" and len(g.name.split()) > 1]
    tails_of_people = {tail for p in people for tail in _tails(person_words(p.name))}
    roots = [p for p in people if tuple(p.name.split()) not in tails_of_people]
    roots_by_tail: dict[tuple[str, ...], list[Draft]] = {}
    for root in roots:
        for tail in _tails(person_words(root.name)):
            roots_by_tail.setdefault(tail, []).append(root)
    kept: list[Draft] = []
    for group in groups:
        words = group.name.split()
        owners = [p for p in roots_by_tail.get(tuple(words), ()) if p is not group]
        mergeable = group.type == "person" or (
            len(words) == 1 and group.type not in ("date", "money")
        )
        if len(owners) == 1 and mergeable:
            owners[0].absorb(group)
        else:
            kept.append(group)
    return kept


_GENERATION = re.compile(r",? (?:Jr\.?|Sr\.?|II|III|IV)$")


def person_words(name: str) -> list[str]:
    """A person's name without its generation suffix: "Jo Bloggs, Jr." -> Jo, Bloggs."""
    return _GENERATION.sub("", name).split()


def _merge_long_tails(groups: list[Draft]) -> list[Draft]:
    """A name of two or more words that ends exactly one longer name of its type is that thing.

    "737 Max" after "Boeing 737 Max", "Space Station" after "International
    Space Station"; "Court of Justice" beside two courts stays apart.
    """
    by_tail: dict[tuple[EntityType, tuple[str, ...]], list[Draft]] = {}
    for other in groups:
        other_words = other.name.split()
        for length in range(2, len(other_words)):
            by_tail.setdefault((other.type, tuple(other_words[-length:])), []).append(other)
    kept: list[Draft] = []
    for group in groups:
        key = (group.type, tuple(group.name.split()))
        owners = [other for other in by_tail.get(key, ()) if other is not group]
        if group.type not in ("person", "date", "money") and len(owners) == 1:
            owners[0].absorb(group)
        else:
            kept.append(group)
    return kept


def _merge_plurals(groups: list[Draft]) -> list[Draft]:
    """A multi-word name and its plural are one thing: "Space Shuttle", "Space Shuttles".

    The form with more mentions names it (the first seen on a tie). A "person"
    the article also speaks of in the plural is a kind of thing, a vehicle or
    a product ("the Space Shuttles"): typed other. Two persons are left alone:
    "James Williams" is not "James William".
    """
    by_name = {g.name: g for g in groups if _pluralizable(g)}
    gone: set[int] = set()
    for group in groups:
        other = by_name.get(group.name + "s")
        if other is None or other is group or not _pluralizable(group):
            continue
        if id(other) in gone or id(group) in gone:
            continue
        people = [g.type == "person" for g in (group, other)]
        if all(people):
            continue
        owner, joined = (group, other)
        if len(other.spans) > len(group.spans) or (
            len(other.spans) == len(group.spans) and min(other.spans) < min(group.spans)
        ):
            owner, joined = other, group
        owner.absorb(joined)
        owner.votes.update(joined.votes)
        if any(people):
            owner.type = "other"
        gone.add(id(joined))
    return [g for g in groups if id(g) not in gone]


def _pluralizable(draft: Draft) -> bool:
    words = draft.name.split()
    return (
        draft.type not in ("date", "money")
        and len(words) > 1
        and words[-1][:1].isupper()
        and words[-1].isalpha()
    )


def _number_variants(draft: Draft) -> set[str]:
    """The plural or singular of a multi-word name: "Indian Railways" -> "Indian Railway"."""
    if draft.type == "person" or not _pluralizable(draft):
        return set()
    name = draft.name
    if name.endswith("s") and not name.endswith("ss") and len(name.split()[-1]) > 3:
        return {name[:-1]}
    if not name.endswith("s"):
        return {name + "s"}
    return set()


def _tails(full: list[str]) -> dict[tuple[str, ...], None]:
    """What a full name may be called by: each shorter tail, and its first word alone
    ("Yu" of "Yu Jianing"), in a stable order without repeats."""
    tails = dict.fromkeys(tuple(full[-length:]) for length in range(len(full) - 1, 0, -1))
    if len(full) > 1:
        tails[(full[0],)] = None
    return tails


def _merge_corporate_suffixes(text: str, groups: list[Draft]) -> list[Draft]:
    """A name joins the same name plus a corporate suffix: "Mahan" -> "Mahan Air".

    Any form of the longer organization counts ("Acme" joins "Acme Ipari Kft."
    that the article also calls "Acme Limited"). An organization also joins
    its name plus a head noun: "Acme Unity" -> "Acme Unity Party".
    """
    # Each form under the name it would extend: names and forms are spaced by single
    # spaces, so "Mahan Air" can only be "Mahan" plus a suffix.
    forms: dict[str, list[tuple[str, Draft]]] = {}
    for g in groups:
        if g.type == "organization":
            for form in {g.name, *(" ".join(s.split()) for s in g.surfaces(text))}:
                forms.setdefault(form.rpartition(" ")[0], []).append((form, g))
    kept: list[Draft] = []
    for group in groups:
        owner = None
        if group.type in ("organization", "person", "place", "other"):
            for full_name, full in forms.get(group.name, ()):
                rest = full_name[len(group.name) :].strip()
                if (
                    full is not group
                    and full_name.startswith(group.name + " ")
                    and (
                        rest in CORPORATE_SUFFIXES
                        or (group.type == "organization" and rest in ORGANIZATION_HEADS)
                    )
                ):
                    owner = full
                    break
        if owner is not None:
            owner.absorb(group)
        else:
            kept.append(group)
    return kept


def _merge_initials(drafts: list[Draft]) -> list[Draft]:
    """Capitals join the one name in the article they are the initials of: "US" -> "United States".

    The expansion comes from the article itself, never from a dictionary: an
    undefined "ADB" in an article without "Asia Digital Bank" stays alone.
    """
    by_initials: dict[str, list[Draft]] = {}
    for other in drafts:
        if other.type not in ("date", "money", "person"):
            by_initials.setdefault(_initials(other.name), []).append(other)
    kept: list[Draft] = []
    for draft in drafts:
        letters = draft.name.replace(".", "")
        if (
            draft.from_acronym
            or draft.type in ("date", "money")
            or not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper())
        ):
            kept.append(draft)
            continue
        owners = [other for other in by_initials.get(letters, ()) if other is not draft]
        if len(owners) == 1:
            owners[0].absorb(draft)
        else:
            kept.append(draft)
    return kept


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–]+", name) if w and w.lower() not in FUNCTION_WORDS]
    if len(words) < 2:
        return ""
    return "".join(word[0] for word in words).upper()


def _spread(text: str, drafts: list[Draft], claimed: SpanIndex[None], words: WordIndex) -> None:
    """Every other word-bounded occurrence of a known name becomes a mention.

    Longer names go first, whichever entity they belong to. An occurrence
    followed by another capitalised word (not a title) is part of a name the
    model did not give: "Mysore" in "Mysore Divisional Railway Manager" is not
    the place. "US" in "US President" still is, and so is "SpaceX" in "SpaceX
    Crew Dragon" when "Crew Dragon" is a name of its own.
    """
    surnames = Counter(
        person_words(draft.name)[-1]
        for draft in drafts
        if draft.type == "person" and len(draft.name.split()) > 1
    )
    pairs: list[tuple[str, Draft]] = []
    for draft in drafts:
        if draft.type in ("date", "money") or draft.from_acronym:
            continue
        forms = {text[start:end] for start, end in draft.spans}
        if draft.type == "person" and len(draft.name.split()) > 1:
            surname = person_words(draft.name)[-1]
            if surnames[surname] == 1 and len(surname) > 2 and surname[0].isupper():
                forms.add(
                    surname
                )  # "Bridenstine remarked": the model missed it, the reader did not
        forms |= _number_variants(draft)
        pairs.extend((form, draft) for form in forms)
    for form, draft in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
        if len(form) < 2 or form in _UNSPREAD or (is_calendar_date(form) and " " not in form):
            continue
        for span in words.occurrences(form):
            if not claimed.overlaps(*span) and not _inside_longer_name(text, span[1], claimed):
                draft.spans.append(span)
                claimed.add(*span, None)


_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")


def _inside_longer_name(text: str, end: int, claimed: SpanIndex[None]) -> bool:
    following = _NEXT_WORD.match(text, end)
    if following is None or is_title(following.group(1)):
        return False
    at = following.start(1)
    return not claimed.overlaps(at, at + 1)  # "SpaceX Crew Dragon": that name is claimed
