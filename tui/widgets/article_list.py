"""The library list: one line per article with its reading state, notes and tags; the
title last, so long ones never push the other columns off screen.

It is a virtual list on Textual's line API: it keeps the rows as data and draws only
the lines on screen, so 100,000 articles cost one list (a DataTable built every
row's cells up front: seconds and hundreds of megabytes at that size)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.annotations.tags import all_tags
from tui.ingest.clean import defused
from tui.models import ArticleSummary, ReadingState
from tui.widgets.paints import Paints

UNREAD_MARK = "●"
STAR_MARK = "★"
PICK_MARK = "✓"  # a row marked for a batch action
NEW_MARK = "new "

# (key, header, width): the title (width 0) takes what the others leave.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("marked", "", 1),
    ("read", UNREAD_MARK, 1),
    ("star", STAR_MARK, 1),
    ("date", "Date", 10),
    ("source", "Source", 14),
    ("notes", "Notes", 5),
    ("tags", "Tags", 16),
    ("title", "Title", 0),
)
CELL_PADDING = 1  # a space each side of every cell, as DataTable had
TITLE_ROOM = 40
"""Below this many cells for the title, the columns in GIVE_WAY shrink first."""
GIVE_WAY = {"tags": 6, "source": 6}
"""The columns that give the title their width, in this order, down to these widths."""


@dataclass(frozen=True)
class LibraryRow:
    """What the table shows of one article."""

    article: ArticleSummary
    state: ReadingState
    notes: int = 0
    marked: bool = False  # picked for a batch action (x)
    new: bool = False  # brought by the last refresh of its feed

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def tags(self) -> tuple[str, ...]:
        """The article's tags from its import, then the user's own."""
        return all_tags(self.article.tags, self.state.tags)


def tags_text(tags: Sequence[str], paints: Paints) -> Text:
    return Text(
        defused(" ".join(f"#{tag}" for tag in tags), one_line=True),
        style=paints.tag,
        overflow="ellipsis",
        no_wrap=True,
    )


def row_cells(row: LibraryRow, paints: Paints) -> dict[str, Text]:
    """The row's cells by column key; every one a Text, never markup."""
    article, state = row.article, row.state
    title = Text(defused(article.title, one_line=True), style="" if state.read else "bold")
    if row.new:
        title = Text.assemble((NEW_MARK, paints.tag + Style(bold=True)), title)
    return {
        "marked": Text(PICK_MARK if row.marked else "", style="bold reverse"),
        "read": Text("" if state.read else UNREAD_MARK, style="bold"),
        "star": Text(STAR_MARK if state.starred else "", style=paints.star),
        "date": Text(defused(article.date or "", one_line=True)),
        "source": Text(
            defused(article.source or "", one_line=True), overflow="ellipsis", no_wrap=True
        ),
        "notes": Text(str(row.notes) if row.notes else "", justify="right"),
        "tags": tags_text(row.tags, paints),
        "title": title,
    }


def fitted(cell: Text, width: int) -> Text:
    """The cell cut with an ellipsis or padded to exactly `width` cells, padding included."""
    cell = cell.copy()
    cell.truncate(width, overflow="ellipsis")
    gap = width - cell.cell_len
    if cell.justify == "right":
        cell.pad_left(gap)
    else:
        cell.pad_right(gap)
    cell.pad(CELL_PADDING)
    return cell


class ArticleList(ScrollView):
    """Rows are LibraryRows; a line's cells are made only when it is drawn.

    The header is line 0 and never scrolls; row `i` is drawn at line `i + 1 - scroll_y`.
    j/k/g/G are the listed, remappable keys; the scroll view's own (up, down, home, end,
    pageup, pagedown), enter and space are not listed, as the DataTable's were not.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--cursor",
        "article-list--even-row",
        "article-list--odd-row",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("g", "cursor_top", "Top", show=False, id="library.top"),
        Binding("G", "cursor_bottom", "Bottom", show=False, id="library.bottom"),
    ]

    class Selected(Message):
        """Enter, or a click on the row under the cursor: open this article."""

        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[LibraryRow] = []
        self.cursor = 0
        # Drawn lines by (row, under the cursor, focused, width); cleared when rows change.
        self._lines: LRUCache[tuple[int, bool, bool, int], Strip] = LRUCache(256)

    # -- data ---------------------------------------------------------------

    def show(self, rows: Sequence[LibraryRow], current: str | None = None) -> None:
        """Show these rows in this order, the cursor on `current` (else where it was).

        O(n) in list copying only: nothing is drawn for a row off screen."""
        keep = current if current is not None else self.current_id
        self.rows = list(rows)
        self._lines.clear()
        found = self.index_of(keep) if keep is not None else None
        self.cursor = found if found is not None else 0
        self.virtual_size = Size(0, len(self.rows) + 1)
        self.scroll_to_cursor(center=True)
        self.refresh()

    def update_row(self, row: LibraryRow) -> None:
        """Redraw one article's row after its state changed."""
        index = self.index_of(row.id)
        if index is None:
            return
        self.rows[index] = row
        self._lines.clear()
        self.refresh_line(index + 1)

    def index_of(self, article_id: str | None) -> int | None:
        """Where the article is: the cursor's row first, as that is the usual one."""
        if self.cursor < len(self.rows) and self.rows[self.cursor].id == article_id:
            return self.cursor
        return next((i for i, row in enumerate(self.rows) if row.id == article_id), None)

    @property
    def current_id(self) -> str | None:
        return self.rows[self.cursor].id if self.rows else None

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def get_row_at(self, index: int) -> list[Text]:
        """The row's cells in column order."""
        cells = row_cells(self.rows[index], Paints.of(self))
        return [cells[key] for key, _, _ in COLUMNS]

    # -- cursor and scrolling -----------------------------------------------

    @property
    def page_height(self) -> int:
        """Rows on screen: the view's lines less the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, index: int) -> None:
        if not self.rows:
            return
        previous, self.cursor = self.cursor, max(0, min(index, len(self.rows) - 1))
        self.refresh_line(previous + 1)
        self.refresh_line(self.cursor + 1)
        self.scroll_to_cursor()

    def scroll_to_cursor(self, *, center: bool = False) -> None:
        """Scroll as little as keeps the cursor's row on screen (or put it mid-view)."""
        top, shown = self.scroll_offset.y, self.page_height
        if top <= self.cursor < top + shown:
            return
        if center:
            self.scroll_to_row(self.cursor - shown // 2)
        elif self.cursor < top:
            self.scroll_to_row(self.cursor)
        else:
            self.scroll_to_row(self.cursor - shown + 1)

    def scroll_to_row(self, index: int) -> None:
        """Put this row at the top, at once. Forced: right after show() the scroll view
        may not know yet that it has rows enough to scroll."""
        self.scroll_to(y=index, animate=False, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self.move_cursor(0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_page_down(self) -> None:
        """A page on, the cursor on the same screen line."""
        self.scroll_to_row(self.scroll_offset.y + self.page_height)
        self.move_cursor(self.cursor + self.page_height)

    def action_page_up(self) -> None:
        self.scroll_to_row(self.scroll_offset.y - self.page_height)
        self.move_cursor(self.cursor - self.page_height)

    # The scroll view's bindings (down, up, home, end) call these: they move the cursor.
    def action_scroll_down(self) -> None:
        self.action_cursor_down()

    def action_scroll_up(self) -> None:
        self.action_cursor_up()

    def action_scroll_home(self) -> None:
        self.action_cursor_top()

    def action_scroll_end(self) -> None:
        self.action_cursor_bottom()

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.rows[self.cursor].id))

    def on_key(self, event: events.Key) -> None:
        """Enter opens, space pages down: handled here, not bound, so the help and the
        keymap keep the DataTable's keys; a binding (perhaps remapped) to either key wins."""
        action = {"enter": self.action_select, "space": self.action_page_down}.get(event.key)
        if action is None or event.key in self.screen.active_bindings:
            return
        event.stop()
        event.prevent_default()
        action()

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a click on the cursor's row opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index >= len(self.rows):
            return
        event.stop()
        if index == self.cursor:
            self.action_select()
        else:
            self.move_cursor(index)

    # -- drawing ------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def column_widths(self, width: int) -> list[int]:
        """The title takes what the others leave; on a narrow terminal the tags, then the
        source, give it their width until it has TITLE_ROOM (80 columns: 33 cells, not 15)."""
        widths = {key: column_width for key, _, column_width in COLUMNS}

        def title_width() -> int:
            return width - 2 * CELL_PADDING * len(COLUMNS) - sum(widths.values())

        for key, narrowest in GIVE_WAY.items():
            short = TITLE_ROOM - title_width()
            if short > 0:
                widths[key] = max(narrowest, widths[key] - short)
        widths["title"] = max(1, title_width())
        return [widths[key] for key, _, _ in COLUMNS]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            header = [Text(label) for _, label, _ in COLUMNS]
            return self.styled_line(
                header, width, self.get_component_rich_style("article-list--header")
            )
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (index, index == self.cursor, self.has_focus, width)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self.row_line(index, width)
        return strip

    def row_line(self, index: int, width: int) -> Strip:
        """Zebra stripes under the cells' own styles; the cursor's style over them."""
        stripe = "article-list--odd-row" if index % 2 else "article-list--even-row"
        cells = self.get_row_at(index)
        if index == self.cursor:
            return self.styled_line(
                cells,
                width,
                self.get_component_rich_style(stripe),
                self.get_component_rich_style("article-list--cursor"),
            )
        return self.styled_line(cells, width, self.get_component_rich_style(stripe))

    def styled_line(
        self, cells: Sequence[Text], width: int, base: Style, over: Style | None = None
    ) -> Strip:
        text = Text(end="", no_wrap=True)
        for cell, cell_width in zip(cells, self.column_widths(width), strict=True):
            text.append_text(fitted(cell, cell_width))
        segments = Segment.apply_style(text.render(self.app.console), base, over)
        return Strip(segments).adjust_cell_length(width, base)
