"""What a name is made of: its capitals, its initials, a person's words without "Jr."."""

from __future__ import annotations

import re

from tui.entities.words import GENERATION_SUFFIX, content_words

# A name's own generation suffix, at its end: dropped to compare people's names.
_GENERATION_AT_END = re.compile(GENERATION_SUFFIX + r"$")


def is_proper_name(phrase: str) -> bool:
    """Every word but function words starts with a capital or a digit: "Letters from Lisbon"."""
    words = content_words(phrase)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def initials(name: str) -> str:
    """The capitals a name would be shortened to ("United States": "US"); "" for one word."""
    words = content_words(name)
    if len(words) < 2:
        return ""
    return "".join(word[0] for word in words).upper()


def words_without_generation(person: str) -> list[str]:
    """A person's name as words, without its generation suffix: "Jo Bloggs, Jr." -> Jo, Bloggs.

    What the surname is and which tails a name may be called by are read from these.
    """
    return _GENERATION_AT_END.sub("", person).split()
