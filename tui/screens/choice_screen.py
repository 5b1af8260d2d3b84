"""Pick one item from a short list (tags, saved views): `enter` picks, `escape` closes.

Every label is a Rich Text, so tag names and view names are never read as markup.
`delete` is offered when the caller can remove items (saved views); the caller
says whether an item could be removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ingest.clean import defused
from tui.widgets.cursor_list import CursorList


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen item's key, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="choice.close"),
        Binding("j", "cursor_down", "Down", show=False, id="choice.down"),
        Binding("k", "cursor_up", "Up", show=False, id="choice.up"),
        Binding("delete", "delete_item", "Delete", id="choice.delete"),
    ]

    def __init__(
        self,
        title: str,
        items: Sequence[tuple[str, Text]],
        empty: str = "Nothing to choose.",
        remove: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)
        self.empty = empty
        self.remover = remove

    def compose(self) -> ComposeResult:
        options = CursorList(id="choices", markup=False)
        options.border_title = Text(defused(self.title_text, one_line=True))
        hint = (
            "enter choose · del delete · esc close" if self.remover else "enter choose · esc close"
        )
        options.border_subtitle = hint
        yield options

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        if not self.items:
            options.add_option(Option(Text(self.empty, style="dim"), disabled=True))
            return
        for index, (_, label) in enumerate(self.items):
            shown = label.copy()
            shown.plain = defused(label.plain, one_line=True)  # same length: styles stay
            options.add_option(Option(shown, id=str(index)))
        options.highlighted = min(highlighted, len(self.items) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_item":
            return self.remover is not None and bool(self.items)
        return True

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_delete_item(self) -> None:
        options = self.query_one(OptionList)
        option = options.highlighted_option
        if self.remover is None or option is None or option.id is None:
            return
        index = int(option.id)
        if self.remover(self.items[index][0]):
            del self.items[index]
            self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.items[int(event.option.id)][0])
