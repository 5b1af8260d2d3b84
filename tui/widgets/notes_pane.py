"""The notes pane: the article's notes in text order, each with its quoted passage.

Keys only say what the user wants (messages); the reader screen does it
through the Library, so everything is saved at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ingest.clean import defused
from tui.models import Note
from tui.widgets.cursor_list import CursorList
from tui.widgets.markdown_text import markdown_text
from tui.widgets.paints import Paints

QUOTE_CHARS = 120


def note_row(note: Note, paints: Paints) -> Text:
    """Quoted passage (or what the note is about), its body, tags, then when it was written."""
    row = Text()
    if note.selector is not None:
        quote = " ".join(defused(note.selector.exact, one_line=True).split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        highlight = paints.highlight.get(note.color or "")
        row.append(f"“{quote}”", style=highlight or Style(italic=True))
    elif note.entity:
        row.append(f"About {defused(note.entity, one_line=True)}", style="italic dim")
    else:
        row.append("Whole article", style="italic dim")
    if note.orphaned:
        row.append(
            "\n⚠ passage gone from the new text: select it again and press r", style=paints.alert
        )
    if note.body:
        row.append("\n")
        row.append_text(markdown_text(note.body))
    unseen_tags = [tag for tag in note.tags if f"#{tag}" not in note.body]
    if unseen_tags:  # tags given apart from the text (gloss note add --tag)
        row.append("\n")
        tags = defused(" ".join(f"#{tag}" for tag in unseen_tags), one_line=True)
        row.append(tags, style=paints.tag)
    row.append(f"\n{defused(note.updated[:16].replace('T', ' '), one_line=True)}", style="dim")
    return row


class NotesPane(CursorList):
    """Lists the notes of the article being read."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
        Binding("e", "request('edit')", "Edit", id="notes.edit"),
        Binding("d", "request('delete')", "Delete", id="notes.delete"),
        Binding("u", "undo", "Undo delete", id="notes.undo"),
        Binding("r", "request('reattach')", "Re-attach", id="notes.reattach"),
    ]

    class Wanted(Message):
        """The user wants something done to a note: jump, edit, delete or reattach."""

        def __init__(self, action: str, note: Note) -> None:
            super().__init__()
            self.action = action
            self.note = note

    class UndoWanted(Message):
        """The user wants the last deleted note back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Notes"
        self.notes: list[Note] = []
        self.can_undo = False

    def on_mount(self) -> None:
        Paints.follow_theme(self, lambda: self.show(self.notes, self.current_id))

    @property
    def current_id(self) -> str | None:
        return self.current.id if self.current is not None else None

    def show(self, notes: Sequence[Note], keep: str | None = None) -> None:
        """List these notes; keep the cursor on note `keep` (an id) when it is still there."""
        self.notes = list(notes)
        self.clear_options()
        if not self.notes:
            self.add_option(Option(Text("No notes on this article.", style="dim"), disabled=True))
        paints = Paints.of(self)
        for index, note in enumerate(self.notes):
            if index:
                self.add_option(None)  # a rule between notes
            self.add_option(Option(note_row(note, paints), id=note.id))
        if self.notes:
            ids = [note.id for note in self.notes]
            self.highlighted = self.get_option_index(keep if keep in ids else ids[0])
        self.border_subtitle = f"{len(self.notes)}" if self.notes else ""
        self.refresh_bindings()

    @property
    def current(self) -> Note | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return next((note for note in self.notes if note.id == option.id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request":
            note = self.current
            if note is None:
                return False
            return note.orphaned or None if parameters == ("reattach",) else True
        if action == "undo":
            return self.can_undo
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.Wanted("jump", self.current))

    def action_request(self, action: str) -> None:
        if self.current is not None:
            self.post_message(self.Wanted(action, self.current))

    def action_undo(self) -> None:
        self.post_message(self.UndoWanted())
