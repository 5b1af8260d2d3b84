"""How `gloss note` and `gloss notes` show a note: JSON for scripts, short lines for people."""

from __future__ import annotations

from typing import Any

from tui.ingest.clean import defused
from tui.models import Note

SHORT_ID = 8
"""Note ids are shown this long; any unique prefix of 4+ characters is accepted back."""

_QUOTE_CHARS = 100


def note_json(note: Note) -> dict[str, Any]:
    """The note for scripts; an orphan's quote is its old one and its start/end are null.

    `entity` is the entity an entity note is about (null for other notes).
    """
    selector = note.selector
    placed = selector is not None and not note.orphaned
    return {
        "id": note.id,
        "article_id": note.article_id,
        "entity": note.entity,
        "body": note.body,
        "tags": list(note.tags),
        "color": note.color,
        "orphaned": note.orphaned,
        "created": note.created,
        "updated": note.updated,
        "quote": None if selector is None else selector.exact,
        "start": selector.start if placed and selector is not None else None,
        "end": selector.end if placed and selector is not None else None,
    }


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(defused(text, one_line=True).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def note_label(note: Note) -> str:
    """What kind: "article note", "note on ENTITY", its colour or "note"; ORPHANED if one."""
    if note.selector is None:
        return f"note on {note.entity}" if note.entity else "article note"
    label = note.color or "note"
    return f"{label}, ORPHANED" if note.orphaned else label


def note_lines(note: Note, indent: str = "") -> list[str]:
    """The id, kind and quote on one line, then the body and tags indented below."""
    head = f"{indent}{note.id[:SHORT_ID]}  [{note_label(note)}]"
    if note.selector is not None:
        head += f" “{_one_line(note.selector.exact, _QUOTE_CHARS)}”"
    pad = indent + " " * (SHORT_ID + 2)
    lines = [head]
    lines.extend(f"{pad}{line}" for line in note.body.splitlines() if line.strip())
    body_tags = note.body.casefold()
    extra = [f"#{tag}" for tag in note.tags if f"#{tag}".casefold() not in body_tags]
    if extra:
        lines.append(pad + " ".join(extra))
    return lines
