"""Find in the article: a one-line box under the reader's panes.

What matches is tui/search/text_find.py's rule (smart case, spaces matching
any white space), the one `gloss note add --quote` follows too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

Span = tuple[int, int]


def mark_label(query: str) -> str:
    """The label the article pane shows for these marks ("2/9 /query").

    The pane writes it into a markup string, so an opening bracket is escaped.
    """
    return "/" + query.replace("[", "\\[")


class SearchBar(Horizontal):
    """Hidden until opened; tells the reader what to find as the user types."""

    BINDINGS = [
        Binding("escape", "close", "Close and clear", id="find.close"),
    ]

    class Changed(Message):
        """The query changed: mark its matches."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: keep the marks and go back to the article."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        """Escape: clear the marks and go back to the article."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="find-prompt")
        yield Input(
            placeholder="find in the article · lower case ignores case · enter keep · esc clear",
            id="find-input",
        )

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        """Show the box, empty, with the cursor in it."""
        self.add_class("-open")
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.screen.set_focus(self.input)  # at once: keys typed right after `/` go in the box

    def close(self) -> None:
        self.remove_class("-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
