"""The library: every article in a table; enter opens one in the reader."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.store import Library
from tui.widgets.article_list import ArticleList


class LibraryScreen(Screen[str | None]):
    """Dismisses with the chosen article's id, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l", "close", "Back to reader", id="library.close"),
    ]

    def __init__(self, library: Library, current: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield ArticleList(id="library")
        yield Footer()

    def on_mount(self) -> None:
        articles = self.library.list_articles()
        self.query_one("#library-title", Static).update(
            f"Library · {len(articles)} article{'s' if len(articles) != 1 else ''}"
        )
        table = self.query_one(ArticleList)
        table.show(articles, self.current)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)
