"""Article tags as a user types them: "china, tech  ai" -> ("china", "tech", "ai")."""

from __future__ import annotations

import re
from collections.abc import Sequence


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags separated by commas or spaces; a leading # is dropped; no repeats, in order."""
    tags: list[str] = []
    seen: set[str] = set()
    for word in re.split(r"[,\s]+", text):
        tag = word.strip().lstrip("#")
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def tags_line(tags: Sequence[str]) -> str:
    """The editor's starting text for these tags."""
    return ", ".join(tags)
