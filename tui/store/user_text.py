"""What users and files hand the Library is stored without escape sequences or controls.

The Library is the one way into the store, so cleaning here covers the note
editor, the tag editor, prompts, `gloss note add` and W3C imports alike. A note
body keeps its newlines and tabs (it is Markdown); tags, names and queries are
one line. Articles are cleaned by their readers (tui.ingest.clean) already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.annotations.tags import merge_tags
from tui.ingest.clean import clean_field, strip_controls
from tui.models import Note


def clean_note(note: Note) -> Note:
    """The note as it may be stored: what the user wrote, without control characters."""
    return replace(
        note,
        body=strip_controls(note.body),
        tags=clean_tags(note.tags),
        entity=None if note.entity is None else clean_line(note.entity),
    )


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """The tags by the one tag rule (tui.annotations.tags): stored data may come from elsewhere."""
    return merge_tags(tags)


def clean_line(text: str) -> str:
    """One line: no control characters, runs of spaces as one, trimmed."""
    return clean_field(text) or ""
