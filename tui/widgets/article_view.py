"""The article pane: title, metadata line, then headings and paragraphs.

Every piece of article text goes in as a Rich Text, never as markup. Marks (an
entity's mentions, later search matches) are spans of the canonical text that
`n`/`N` step through; the colour mode paints every entity mention by type.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.models import Article, Block, Entity
from tui.widgets.entity_styles import CURRENT_MARK_STYLE, MARK_STYLE, TYPE_STYLES

Span = tuple[int, int]


def metadata_line(article: Article) -> str:
    """Place, date, source and author on one line, as a reader expects under a title."""
    details = [article.place, article.date, article.source, article.author]
    words = f"{article.word_count:,} words"
    return " · ".join([*(detail for detail in details if detail), words])


def line_starts(text: str, width: int) -> list[int]:
    """Offsets in `text` where each wrapped line starts, wrapped as Textual wraps it."""
    starts: list[int] = []
    cursor = 0
    for line in Content(text).wrap(max(width, 1)):
        plain = line.plain.rstrip()
        found = text.find(plain, cursor) if plain else cursor
        position = cursor if found < 0 else found
        starts.append(position)
        cursor = position + len(plain)
    return starts or [0]


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; knows where each character of its text is on screen."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("space", "page_down", "Page down", id="article.page_down"),
        Binding("b", "page_up", "Page up", id="article.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("n", "step_mark(1)", "Next mention", id="article.next_mark"),
        Binding("N", "step_mark(-1)", "Prev mention", id="article.previous_mark"),
        Binding("escape", "clear_marks", "Clear marks", id="article.clear_marks"),
        Binding("c", "toggle_colours", "Colour entities", id="article.colours"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.entities: list[Entity] = []
        self.marks: list[Span] = []
        self.mark_label = ""
        self.current_mark = -1
        self.colour_entities = False
        self._blocks: list[tuple[Block, Static]] = []
        self.border_title = "Article"

    def on_mount(self) -> None:
        self.mount(Static("No article to show.", classes="empty"))

    def show(self, article: Article, entities: Sequence[Entity] = ()) -> None:
        """Replace what is shown with this article, from its top, without marks."""
        self.article = article
        self.entities = list(entities)
        self.marks, self.current_mark, self.mark_label = [], -1, ""
        self._blocks = [(block, Static(classes=block.kind)) for block in article.blocks]
        for block, widget in self._blocks:
            widget.update(self._block_text(block))
        pieces = [
            Static(Text(article.title), classes="title"),
            Static(Text(metadata_line(article)), classes="meta"),
            *(widget for _, widget in self._blocks),
        ]
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(pieces)
        self.border_subtitle = ""
        self.scroll_home(animate=False)
        self.refresh_bindings()

    def _block_text(self, block: Block) -> Text:
        """The block's words with entity colours and marks painted on."""
        assert self.article is not None
        text = Text(self.article.block_text(block))

        def paint(start: int, end: int, style: Style) -> None:
            if start < block.end and end > block.start:
                text.stylize(style, max(start, block.start) - block.start, end - block.start)

        if self.colour_entities:
            for entity in self.entities:
                for mention in entity.mentions:
                    paint(mention.start, mention.end, TYPE_STYLES[entity.type])
        for index, (start, end) in enumerate(self.marks):
            paint(start, end, CURRENT_MARK_STYLE if index == self.current_mark else MARK_STYLE)
        return text

    def _repaint(self) -> None:
        for block, widget in self._blocks:
            widget.update(self._block_text(block))

    def mark(self, spans: Sequence[Span], label: str) -> None:
        """Highlight these spans and go to the first; `n`/`N` step, `escape` clears."""
        self.marks = sorted(spans)
        self.mark_label = label
        self.current_mark = -1
        if self.marks:
            self.step_to(0)
        else:
            self._repaint()
            self.border_subtitle = f"{label}: not in this article"
        self.refresh_bindings()

    def step_to(self, index: int) -> None:
        self.current_mark = index % len(self.marks)
        self._repaint()
        self.border_subtitle = f"{self.current_mark + 1}/{len(self.marks)} {self.mark_label}"
        self.call_after_refresh(self.scroll_to_offset, self.marks[self.current_mark][0])

    def action_step_mark(self, step: int) -> None:
        if self.marks:
            self.step_to(self.current_mark + step)

    def action_clear_marks(self) -> None:
        self.marks, self.current_mark, self.mark_label = [], -1, ""
        self.border_subtitle = ""
        self._repaint()
        self.refresh_bindings()

    def action_toggle_colours(self) -> None:
        self.colour_entities = not self.colour_entities
        self._repaint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n`, `N` and `escape` only do something while there are marks."""
        if action in ("step_mark", "clear_marks"):
            return bool(self.marks)
        return True

    def line_of_offset(self, offset: int) -> int | None:
        """The virtual line (y) where this character of the canonical text is drawn."""
        starts = [block.start for block, _ in self._blocks]
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return None
        block, widget = self._blocks[index]
        assert self.article is not None
        lines = line_starts(self.article.block_text(block), widget.content_region.width)
        line = bisect_right(lines, offset - block.start) - 1
        return widget.virtual_region.y + max(line, 0)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring this character into view, a third of the way down the pane."""
        y = self.line_of_offset(offset)
        if y is not None:
            self.scroll_to(y=max(0, y - self.scrollable_content_region.height // 3), animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down()

    def action_page_up(self) -> None:
        self.scroll_page_up()
