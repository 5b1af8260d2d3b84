"""What `gloss import` says about notes: re-anchored on changed texts, restored from W3C files."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tui.commands.note_output import SHORT_ID, note_json
from tui.commands.output import say

if TYPE_CHECKING:
    from tui.importing.importer import ImportReport


def notes_json(report: ImportReport) -> dict[str, Any]:
    """The `notes` (re-anchoring) and `annotations` (W3C restore) parts of `import --json`."""
    notes = report.notes
    annotations = report.annotations
    return {
        "notes": {
            "kept": notes.kept,
            "moved": notes.moved,
            "orphaned": notes.orphaned,
            "orphaned_notes": [note_json(note) for note in notes.orphaned_notes],
        },
        "annotations": {
            "restored": len(annotations.restored),
            "orphaned": len(annotations.orphaned),
            "already_present": len(annotations.skipped),
            "failed": [{"annotation": what, "reason": why} for what, why in annotations.failed],
        },
    }


def print_notes(report: ImportReport) -> None:
    """One line each when there is something to say; every orphan and failure named."""
    notes = report.notes
    if notes.total:
        say(f"{_count(notes.moved, 'note')} moved, {notes.orphaned} orphaned")
    annotations = report.annotations
    if annotations.total:
        say(annotations.summary())
    for what, why in annotations.failed:
        say(f"failed    {what}: {why}", file=sys.stderr)
    for note in [*notes.orphaned_notes, *annotations.orphaned]:
        quote = "" if note.selector is None else " ".join(note.selector.exact.split())
        shown = quote if len(quote) <= 60 else quote[:59] + "…"
        say(f"orphaned  note {note.id[:SHORT_ID]} on {note.article_id}: “{shown}”")
    if notes.orphaned or annotations.orphaned:
        say(
            "Orphaned notes keep their quote; re-attach them in the reader or with "
            "`gloss note reattach NOTE_ID --quote TEXT`."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
