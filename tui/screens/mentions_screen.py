"""Other articles that name an entity: one row per article, with how often it names it
and a snippet around the first mention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ingest.clean import defused


@dataclass(frozen=True)
class MentionRow:
    """Another article naming the entity: its first mention, what the list shows of it,
    and how many mentions it has."""

    article_id: str
    title: str
    date: str | None
    start: int
    end: int
    snippet: str  # one line around the mention (search.snippets.around)
    snippet_span: tuple[int, int]  # where the mention stands inside the snippet
    count: int = 1


def mentions(count: int) -> str:
    return f"{count} mention{'' if count == 1 else 's'}"


def row_text(row: MentionRow) -> Text:
    text = Text()
    text.append(defused(row.title, one_line=True), style="bold")
    details = [detail for detail in (row.date, mentions(row.count)) if detail]
    text.append(defused(f" · {' · '.join(details)}", one_line=True), style="dim")
    text.append("\n")
    body = Text(defused(row.snippet, one_line=True), style="italic")
    body.stylize("bold reverse", *row.snippet_span)
    text.append_text(body)
    return text


class MentionsScreen(ModalScreen[MentionRow | None]):
    """Dismisses with the chosen mention, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="mentions.close"),
        Binding("j", "cursor_down", "Down", show=False, id="mentions.down"),
        Binding("k", "cursor_up", "Up", show=False, id="mentions.up"),
    ]

    def __init__(self, entity_name: str, rows: Sequence[MentionRow]) -> None:
        super().__init__()
        self.entity_name = entity_name
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        options = OptionList(id="mentions", markup=False)
        name = defused(self.entity_name, one_line=True)
        options.border_title = Text(f"{name} in other articles")
        options.border_subtitle = "enter open · esc close"
        yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.rows:
            options.add_option(
                Option(Text("No other article names it.", style="dim"), disabled=True)
            )
        for index, row in enumerate(self.rows):
            options.add_option(Option(row_text(row), id=str(index)))
        if self.rows:
            options.highlighted = 0
        options.focus()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.rows[int(event.option.id)])
