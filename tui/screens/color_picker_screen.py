"""Pick a highlight colour: digits or arrows and enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.models import HIGHLIGHT_COLORS
from tui.widgets.paints import Paints


class ColorPickerScreen(ModalScreen[str | None]):
    """Dismisses with a colour name from HIGHLIGHT_COLORS, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="highlight.cancel"),
    ]

    def __init__(self, last: str | None = None) -> None:
        super().__init__()
        self.last = last if last in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0]

    def compose(self) -> ComposeResult:
        options = OptionList(id="colors", markup=False)
        options.border_title = "Highlight colour"
        options.border_subtitle = "1-4 or enter · esc cancel"
        yield options

    def on_mount(self) -> None:
        """The colours as the theme paints them, once the box has its background."""
        options = self.query_one(OptionList)
        highlights = Paints.of(options).highlight
        for index, name in enumerate(HIGHLIGHT_COLORS, start=1):
            label = Text(f" {index}  ")
            label.append(f" {name} ", style=highlights[name])
            options.add_option(Option(label, id=name))
        options.highlighted = HIGHLIGHT_COLORS.index(self.last)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(HIGHLIGHT_COLORS):
                event.stop()
                self.dismiss(HIGHLIGHT_COLORS[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
