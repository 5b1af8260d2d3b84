"""Every key Gloss answers to, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ingest.clean import defused
from tui.widgets.paints import Paints

WIDTH_FOR_IDS = 100
KEYS_WIDTH = 20
DESCRIPTION_WIDTH = 26


def key_label(key: str) -> str:
    """How a key is shown: "?" for question_mark; "down", "ctrl+s" as they are."""
    shown = format_key(key)
    return shown if len(shown) == 1 and shown.isascii() else key


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(keys, description, id) per binding id, keys of one id joined with " / ".

    A binding id in `keymap` shows the keys it is remapped to, as they are in force.
    """
    keymap = keymap or {}
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        identifier = binding.id or binding.action
        keys, _ = rows.setdefault(identifier, ([], binding.description or binding.action))
        if binding.id is not None and binding.id in keymap:
            # keys.toml is a file like any other: what it names cannot act on the terminal.
            remapped = defused(keymap[binding.id], one_line=True)
            shown = [key_label(key.strip()) for key in remapped.split(",")]
        else:
            shown = [binding.key_display or key_label(binding.key)]
        keys.extend(key for key in shown if key not in keys)
    return [(" / ".join(keys), description, ident) for ident, (keys, description) in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Built from the bindings themselves, so it cannot fall out of date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", id="help.down"),
        Binding("k,up", "scroll('up')", "Up", id="help.up"),
        Binding("space,pagedown", "scroll('page_down')", "Page down", id="help.page_down"),
        Binding("b,pageup", "scroll('page_up')", "Page up", id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", id="help.bottom"),
    ]

    def __init__(
        self, sections: list[tuple[str, list[tuple[str, str, str]]]], note: str = ""
    ) -> None:
        super().__init__()
        self.sections = sections
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            if self.note:
                yield Static(Text(self.note), classes="help-note")
            for _ in self.sections:
                yield Static(classes="help-section")

    def on_mount(self) -> None:
        self.write_sections()
        Paints.follow_theme(self, self.write_sections)
        box = self.query_one("#help")
        box.border_title = "Keys · esc to close"
        box.focus()

    def write_sections(self) -> None:
        """Written once the box has its background: the keys' colour comes from the
        theme, made readable on it."""
        key_style = Paints.of(self.query_one("#help")).key
        # Binding ids only where they fit beside the description, never wrapped under it.
        with_ids = self.app.size.width >= WIDTH_FOR_IDS
        shown = self.query(".help-section").results(Static)
        for (title, rows), static in zip(self.sections, shown, strict=True):
            section = Text(title, style="bold")
            for keys, description, identifier in rows:
                section.append(f"\n  {keys:<{KEYS_WIDTH}}", style=key_style)
                if with_ids:
                    section.append(f"{description:<{DESCRIPTION_WIDTH}}")
                    section.append(f" {identifier}", style="dim")
                else:
                    section.append(description)
            static.update(section)

    def action_scroll(self, where: str) -> None:
        """The keys of every scrolling view of Gloss (the article pane's, the library's)."""
        box = self.query_one("#help", VerticalScroll)
        moves = {
            "down": box.scroll_down,
            "up": box.scroll_up,
            "page_down": box.scroll_page_down,
            "page_up": box.scroll_page_up,
            "home": box.scroll_home,
            "end": box.scroll_end,
        }
        moves[where](animate=False)
