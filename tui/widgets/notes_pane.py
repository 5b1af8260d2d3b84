"""The notes pane: the article's notes in text order, each with its quoted passage."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.models import Note

QUOTE_CHARS = 120


def note_row(note: Note) -> Text:
    """Quoted passage (or "whole article"), the note's body, then when it was written."""
    row = Text()
    if note.selector is None:
        row.append("Whole article", style="italic dim")
    else:
        quote = " ".join(note.selector.exact.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        row.append(f"“{quote}”", style="italic")
    if note.orphaned:
        row.append("  (passage not found)", style="bold red")
    if note.body:
        row.append("\n")
        row.append(note.body)
    if note.tags:
        row.append("\n")
        row.append(" ".join(f"#{tag}" for tag in note.tags), style="cyan")
    row.append(f"\n{note.updated[:16].replace('T', ' ')}", style="dim")
    return row


class NotesPane(OptionList):
    """Lists the notes of the article being read."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Notes"

    def show(self, notes: Sequence[Note]) -> None:
        self.clear_options()
        if not notes:
            self.add_option(Option(Text("No notes on this article.", style="dim"), disabled=True))
            return
        for note in notes:
            self.add_option(Option(note_row(note), id=note.id))
