"""A name found once is found everywhere.

spaCy tags "ADB" once in three: every other word-bounded occurrence of a
known name, of a person's surname, or of a name's plural or singular becomes
a mention too (longest names first; not inside a longer capitalised name the
model did not give). A month or a weekday alone is never spread: "May" is a
verb as often as a month.
"""

from __future__ import annotations

import re
from collections import Counter

from tui.entities.dates import is_calendar_date
from tui.entities.draft import Draft
from tui.entities.names import words_without_generation
from tui.entities.plurals import number_variants
from tui.entities.span_index import SpanIndex
from tui.entities.titles import is_title
from tui.entities.word_index import WordIndex
from tui.entities.words import MONTHS_AND_DAYS


def spread(text: str, drafts: list[Draft], claimed: SpanIndex[None], words: WordIndex) -> None:
    """Every other word-bounded occurrence of a known name becomes a mention.

    Longer names go first, whichever entity they belong to. An occurrence
    followed by another capitalised word (not a title) is part of a name the
    model did not give: "Mysore" in "Mysore Divisional Railway Manager" is not
    the place. "US" in "US President" still is, and so is "SpaceX" in "SpaceX
    Crew Dragon" when "Crew Dragon" is a name of its own.
    """
    surnames = Counter(
        words_without_generation(draft.name)[-1]
        for draft in drafts
        if draft.type == "person" and len(draft.name.split()) > 1
    )
    pairs: list[tuple[str, Draft]] = []
    for draft in drafts:
        if draft.type in ("date", "money") or draft.from_acronym:
            continue
        forms = {text[start:end] for start, end in draft.spans}
        if draft.type == "person" and len(draft.name.split()) > 1:
            surname = words_without_generation(draft.name)[-1]
            if surnames[surname] == 1 and len(surname) > 2 and surname[0].isupper():
                # "Bridenstine remarked": the model missed it, the reader did not
                forms.add(surname)
        forms |= number_variants(draft)
        pairs.extend((form, draft) for form in forms)
    for form, draft in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
        if len(form) < 2 or form in MONTHS_AND_DAYS or (is_calendar_date(form) and " " not in form):
            continue
        for span in words.occurrences(form):
            if not claimed.overlaps(*span) and not _inside_longer_name(text, span[1], claimed):
                draft.spans.append(span)
                claimed.add(*span, None)


_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")


def _inside_longer_name(text: str, end: int, claimed: SpanIndex[None]) -> bool:
    """A capitalised word that no name claims follows: the occurrence is part of a longer name."""
    following = _NEXT_WORD.match(text, end)
    if following is None or is_title(following.group(1)):
        return False
    at = following.start(1)
    return not claimed.overlaps(at, at + 1)  # "SpaceX Crew Dragon": that name is claimed
