"""The article pane: title, metadata line, then headings and paragraphs."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.models import Article


def metadata_line(article: Article) -> str:
    """Place, date, source and author on one line, as a reader expects under a title."""
    details = [article.place, article.date, article.source, article.author]
    words = f"{article.word_count:,} words"
    return " · ".join([*(detail for detail in details if detail), words])


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article. Every piece of article text goes in as a Rich Text, never markup."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("space", "page_down", "Page down", id="article.page_down"),
        Binding("b", "page_up", "Page up", id="article.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.border_title = "Article"

    def on_mount(self) -> None:
        self.mount(Static("No article to show.", classes="empty"))

    def show(self, article: Article) -> None:
        """Replace what is shown with this article, from its top."""
        self.article = article
        pieces = [
            Static(Text(article.title), classes="title"),
            Static(Text(metadata_line(article)), classes="meta"),
        ]
        for block in article.blocks:
            pieces.append(Static(Text(article.block_text(block)), classes=block.kind))
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(pieces)
        self.scroll_home(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down()

    def action_page_up(self) -> None:
        self.scroll_page_up()
