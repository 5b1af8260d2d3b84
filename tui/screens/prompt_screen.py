"""Ask for one line of text: `enter` answers, `escape` cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.ingest.clean import defused


class PromptScreen(ModalScreen[str | None]):
    """Dismisses with what was typed (enter), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(Text(defused(self.question, one_line=True), style="bold"))
            yield Input(defused(self.value, one_line=True), id="prompt-input")
            hint = f"{self.hint} · enter save · esc cancel".lstrip(" ·")
            yield Static(Text(defused(hint, one_line=True), style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
