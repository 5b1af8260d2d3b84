"""Alias merging: one entity per thing the article names, under its fullest name.

- An acronym the article defines joins its long form: every bare "ADB" is the
  Asia Digital Bank, with the long form's type, whatever the model made of it.
- A surname (or any tail of a full name) joins the full name: "Yu" -> "Yu Jianing".
- An organization named without its corporate suffix joins the full name:
  "Mahan" -> "Mahan Air", "ABS-CBN" -> "ABS-CBN Corporation".
- Another name in parentheses is an alias: "Supreme Court of Justice
  (Oberster Gerichtshof)".
- A multi-word name and its plural are one thing: "Space Shuttle(s)",
  "Indian Railway(s)" (`plurals.py`).
- A generic word alone ("Council", "Stream") joins the one longer name it ends,
  or goes.
- Capitals join the one name they are the initials of: "US" -> "United States".
- Mentions spelled the same, or with other spacing ("MarineTraffic", "Marine
  Traffic"), are one entity, typed by majority vote.
- A place never folds into an organization, an organization or a place never
  into a person, except through the article's own "X (Y)" definition.
- A name found once is found everywhere (`spread.py`).

The entity's final type is decided by `kinds.py`, once every mention is in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.entities.acronym_definition import AcronymDefinition
from tui.entities.candidate import Candidate
from tui.entities.descriptions import DESCRIBED
from tui.entities.draft import Draft
from tui.entities.kinds import acronym_type, settled_type
from tui.entities.names import initials, is_proper_name, words_without_generation
from tui.entities.plurals import merge_plurals
from tui.entities.span_index import SpanIndex, candidate_index
from tui.entities.spread import spread
from tui.entities.word_index import WordIndex
from tui.entities.words import CORPORATE_SUFFIXES, GENERIC_ORGANIZATION_WORDS, ORGANIZATION_HEADS
from tui.models import EntityType


def merge(
    text: str,
    candidates: Sequence[Candidate],
    definitions: Sequence[AcronymDefinition],
    *,
    english: bool = True,
) -> list[Draft]:
    """Drafts in order of first mention, every mention in exactly one of them.

    On a page in another language the types the English context rules would
    give (`kinds.settled_type`) are left out: the model's majority stands.
    """
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
    groups = _generic_words(groups)
    groups = merge_plurals(groups)
    drafts.extend(groups)
    drafts = _merge_initials(drafts)
    for draft in drafts:
        for start, end in draft.spans:
            claimed.add(start, end, None)
    spread(text, drafts, claimed, words)
    first_names = {
        d.name.split()[0] for d in drafts if d.type == "person" and len(d.name.split()) > 1
    }
    for draft in drafts:
        if not draft.from_acronym and english:
            draft.type = settled_type(text, draft, first_names)
    drafts.sort(key=lambda draft: min(draft.spans))
    return drafts


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
    placed = candidate_index(candidates)
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
        kind = acronym_type(placed, votes.get(definition.short, Counter()), definition)
        drafts.append(Draft(definition.long, kind, spans, from_acronym=True))
        for start, end in spans:
            claimed.add(start, end, None)
    return drafts


def _spelling_groups(text: str, candidates: Sequence[Candidate]) -> list[Draft]:
    groups: dict[str, Draft] = {}
    for candidate in candidates:
        surface = " ".join(text[candidate.start : candidate.end].split())
        key = spelling_key(surface)
        draft = groups.get(key)
        if draft is None:
            draft = groups[key] = Draft(surface, candidate.type)
        draft.spans.append((candidate.start, candidate.end))
        draft.votes[candidate.type] += 1
    described: dict[str, Counter[EntityType]] = {}
    for candidate in candidates:
        if candidate.label == DESCRIBED:
            key = spelling_key(text[candidate.start : candidate.end])
            described.setdefault(key, Counter())[candidate.type] += 1
    for key, draft in groups.items():
        # Majority type; on a tie the label seen first wins (Counter keeps insertion order).
        # What the article says the name is ("the retailer Acme") outvotes the model.
        draft.type = (described.get(key) or draft.votes).most_common(1)[0][0]
        draft.name = Counter(draft.surfaces(text)).most_common(1)[0][0]
        draft.name = " ".join(draft.name.split())
    return list(groups.values())


def spelling_key(name: str) -> str:
    """What two spellings of one name share: "MarineTraffic" and "Marine Traffic"."""
    return "".join(name.split()).casefold()


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
    kept = candidate_index(candidates)
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
    tails_of_people = {tail for p in people for tail in _tails(words_without_generation(p.name))}
    roots = [p for p in people if tuple(p.name.split()) not in tails_of_people]
    roots_by_tail: dict[tuple[str, ...], list[Draft]] = {}
    for root in roots:
        for tail in _tails(words_without_generation(root.name)):
            roots_by_tail.setdefault(tail, []).append(root)
    kept: list[Draft] = []
    for group in groups:
        words = group.name.split()
        owners = [p for p in roots_by_tail.get(tuple(words), ()) if p is not group]
        # The model types a bare surname a place or an organization now and then ("Trump
        # said"): it joins the one person it ends. A first word does not ("Auckland" is no
        # part of "Auckland Coastguard"); a place or organization of two words never does.
        mergeable = group.type == "person" or (
            len(words) == 1
            and group.type not in ("date", "money")
            and len(owners) == 1
            and words_without_generation(owners[0].name)[-1] == words[0]
        )
        if len(owners) == 1 and mergeable:
            owners[0].absorb(group)
        else:
            kept.append(group)
    return kept


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


def _generic_words(groups: list[Draft]) -> list[Draft]:
    """A generic word alone ("Council", "Stream") joins the one longer name it ends
    ("CentOS Stream"); with none or several, it names nothing and goes."""
    kept: list[Draft] = []
    for group in groups:
        if group.type != "organization" or group.name not in GENERIC_ORGANIZATION_WORDS:
            kept.append(group)
            continue
        owners = [
            other
            for other in groups
            if other is not group
            and other.type not in ("person", "date", "money")
            and other.name.endswith(" " + group.name)
        ]
        if len(owners) == 1:
            owners[0].absorb(group)
    return kept


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
        # A place never folds into an organization: "New Zealand" is not "New Zealand Company".
        if group.type in ("organization", "person", "other"):
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
            by_initials.setdefault(initials(other.name), []).append(other)
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
