"""The library table: one row per article, newest first; the title last, so long ones
never push the other columns off screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.models import ArticleSummary


class ArticleList(DataTable[Text]):
    """Cells are Rich Texts: DataTable would read plain strings as markup."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("g", "scroll_top", "Top", show=False, id="library.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="library.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_column("Date", key="date", width=10)
        self.add_column("Source", key="source", width=16)
        self.add_column("Words", key="words", width=6)
        self.add_column("Title", key="title")

    def show(self, articles: Sequence[ArticleSummary], current: str | None = None) -> None:
        self.clear()
        for article in articles:
            self.add_row(
                Text(article.date or ""),
                Text(article.source or "", overflow="ellipsis", no_wrap=True),
                Text(f"{article.word_count:,}", justify="right"),
                Text(article.title),
                key=article.id,
            )
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))
