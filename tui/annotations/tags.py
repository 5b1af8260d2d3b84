"""Tags: one rule for every way a tag arrives.

A note's `#tags`, a line typed in the tag editor, `gloss note add --tag`, a
W3C import and the store itself all go through `normalize_tag` and
`merge_tags`, so `#China/ #china #fin-` gives the same tags everywhere:
`China`, `fin`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tui.ingest.clean import clean_text

_BODY_TAG = re.compile(r"(?<![\w#&])#(\w[\w/-]*)")
_TRIM = "-/"


def normalize_tag(tag: str) -> str:
    """A tag as Obsidian writes it: no leading '#', no spaces, no trailing '-' or '/'."""
    return "-".join(clean_text(tag).split()).lstrip("#").strip(_TRIM)


def merge_tags(*groups: Iterable[str]) -> tuple[str, ...]:
    """Tags normalized, in first-seen order, each once (ignoring case), empty ones dropped."""
    merged: dict[str, str] = {}
    for group in groups:
        for raw in group:
            tag = normalize_tag(raw)
            if tag:
                merged.setdefault(tag.casefold(), tag)
    return tuple(merged.values())


def all_tags(imported: Sequence[str], own: Sequence[str]) -> tuple[str, ...]:
    """Import tags then the user's, without repeats (ignoring case), as they were written."""
    seen: dict[str, str] = {}
    for tag in (*imported, *own):
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def tags_in(body: str) -> tuple[str, ...]:
    """The `#tags` written in a note's body ("#FinTech" gives "FinTech")."""
    return merge_tags(match.group(1) for match in _BODY_TAG.finditer(body))


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as a user types them: "china, tech  #ai" gives ("china", "tech", "ai")."""
    return merge_tags(re.split(r"[,\s]+", text))


def tags_line(tags: Sequence[str]) -> str:
    """The tag editor's starting text for these tags."""
    return ", ".join(tags)
