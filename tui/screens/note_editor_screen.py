"""Write or edit a note: multi-line Markdown, `ctrl+s` saves, `escape` asks before discarding."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.ingest.clean import defused
from tui.screens.confirm_screen import ConfirmScreen

QUOTE_CHARS = 300


class NoteEditorScreen(ModalScreen[str | None]):
    """Dismisses with the note's text, or None when the user threw it away.

    Leaving the editor any other way than `escape` (`ctrl+s`, `tab`) saves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="editor.save"),
        Binding("tab", "save", "Save and leave", priority=True, id="editor.leave"),
        Binding("escape", "cancel", "Discard", priority=True, id="editor.cancel"),
    ]

    def __init__(self, about: str, body: str = "") -> None:
        super().__init__()
        self.about = about
        self.original = defused(body)  # a stored body may come from another program

    def compose(self) -> ComposeResult:
        about = self.about if len(self.about) <= QUOTE_CHARS else self.about[:QUOTE_CHARS] + "…"
        with Vertical(id="note-editor"):
            yield Static(Text(defused(about), style="italic"), id="note-about")
            yield TextArea(self.original, language="markdown", id="note-body", soft_wrap=True)
            yield Static(
                Text(
                    "ctrl+s save · tab save and leave · esc discard · #word adds a tag", style="dim"
                )
            )

    def on_mount(self) -> None:
        self.query_one("#note-editor").border_title = "Note"
        body = self.query_one(TextArea)
        body.focus()
        body.move_cursor(body.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text.strip() == self.original.strip():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Throw away what you typed?"), answered)
