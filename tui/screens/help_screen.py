"""Every key Gloss answers to, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS_WIDTH = 20


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    """(keys, description, id) per binding id, keys of one id joined with " / "."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        key = binding.key_display or binding.key
        identifier = binding.id or binding.action
        keys, _ = rows.setdefault(identifier, ([], binding.description or binding.action))
        keys.append(key)
    return [(" / ".join(keys), description, ident) for ident, (keys, description) in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Built from the bindings themselves, so it cannot fall out of date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close help", key_display="esc", id="help.close"
        ),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            for title, rows in self.sections:
                section = Text(title, style="bold")
                for keys, description, _ in rows:
                    section.append(f"\n  {keys:<{KEYS_WIDTH}}", style="bold cyan")
                    section.append(description)
                yield Static(section, classes="help-section")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Keys · esc to close"
        self.query_one("#help").focus()
