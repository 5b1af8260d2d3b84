"""A list of rows on Textual's line API: the rows are data, only the lines on screen are drawn.

An OptionList turns every option into a Visual and measures it as soon as it is
added, and measures and draws them all again whenever one option changes; an
article with 600 entities paid for 600 rows, twice. Here a subclass says how many
rows there are, what each one shows (built only when it is drawn) and its plain
text (cheap, and all a row's height depends on), so a row is measured from its
plain text, wrapped only when too wide, and built and drawn only when on screen;
a changed row is drawn again alone (`refresh_row`).

It keeps the OptionList's keys, look (its component styles under other names),
cursor, hover and click; on the cursor's row the cursor's colours win over the
row's own, as in CursorList and the library's list.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import visualize

ROW = "line-list--option"
DISABLED = "line-list--option-disabled"
HIGHLIGHTED = "line-list--option-highlighted"
HOVER = "line-list--option-hover"


class LineList(ScrollView, can_focus=True):
    """Rows `0..row_count()-1`; subclasses give `row_prompt`, and may give `row_plain`,
    `row_enabled` and `choose` (enter, or a click)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {ROW, DISABLED, HIGHLIGHTED, HOVER}

    # The OptionList's keys, without ids as they had none: the pane's own keys are the
    # subclass's BINDINGS, which the help lists.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor: int | None = None
        self.hovered: int | None = None
        # First line of each row, then the line count, at `_layout_width` (None: to do).
        self._tops: list[int] = [0]
        self._layout_width: int | None = None
        # Each row's version: bumped when its text changes, so its cached lines go stale.
        self._versions: list[int] = []
        # Drawn rows by (row, version, component class, focused, width).
        self._strips: LRUCache[tuple[int, int, str, bool, int], list[Strip]] = LRUCache(256)

    # -- what a subclass says about its rows ---------------------------------

    def row_count(self) -> int:
        raise NotImplementedError

    def row_prompt(self, index: int) -> Text:
        """What row `index` shows: built when it is drawn (or too wide for one line)."""
        raise NotImplementedError

    def row_plain(self, index: int) -> str:
        """The row's text without its styles: all its height depends on (cheaper to make)."""
        return self.row_prompt(index).plain

    def row_enabled(self, index: int) -> bool:
        return True

    def choose(self, index: int) -> None:
        """Enter, or a click on the cursor's row."""

    # -- rows changed ---------------------------------------------------------

    def rows_changed(self, cursor: int | None = None) -> None:
        """Every row may be new: lay them out again; the cursor on `cursor` (else the
        first row that can have it), scrolled to the top."""
        self._versions = [0] * self.row_count()
        self._strips.clear()
        self._layout_width = None
        self.hovered = None
        self.cursor = cursor if cursor is not None else self._next_enabled(-1, 1, wrap=False)
        self.scroll_to(y=0, animate=False, force=True, immediate=True)
        self._update_layout()
        self.refresh()
        self.scroll_to_cursor()

    def refresh_row(self, index: int) -> None:
        """Row `index` shows something else: draw it again (only it, if its height holds)."""
        self._versions[index] += 1
        width = self._layout_width
        if width is None:
            return
        top, bottom = self._tops[index], self._tops[index + 1]
        if self._row_height(index, width) != bottom - top:
            self._layout_width = None
            self._update_layout()
            self.refresh()
        else:
            self.refresh_lines(top, bottom - top)

    def repaint_rows(self) -> None:
        """Every row drawn again (a new theme), the cursor and the scroll where they were."""
        self._strips.clear()
        self._layout_width = None
        self._update_layout()
        self.refresh()

    # -- layout ---------------------------------------------------------------

    def _row_height(self, index: int, width: int) -> int:
        """Lines the row takes, wrapped as its Visual will be (the plain text decides)."""
        plain = self.row_plain(index)
        if "\n" not in plain and cell_len(plain) <= width:
            return 1
        return max(1, Content(plain).get_height(cast(RulesMap, self.styles), width))

    def _update_layout(self) -> None:
        """Each row's first line, at the width there is now (if it changed)."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._layout_width:
            return
        tops = [0]
        for index in range(self.row_count()):
            tops.append(tops[-1] + self._row_height(index, width))
        self._tops = tops
        self._layout_width = width
        virtual_size = Size(width, tops[-1])
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def row_at_line(self, line: int) -> int | None:
        """The row drawn on virtual line `line`."""
        if not 0 <= line < self._tops[-1]:
            return None
        return bisect_right(self._tops, line) - 1

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._update_layout()
        self.scroll_to_cursor()

    def on_show(self) -> None:
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- cursor ---------------------------------------------------------------

    def move_cursor(self, index: int | None) -> None:
        previous, self.cursor = self.cursor, index
        for row in (previous, index):
            if row is not None and self._layout_width is not None and row < self.row_count():
                top = self._tops[row]
                self.refresh_lines(top, self._tops[row + 1] - top)
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        """As little scrolling as shows the whole of the cursor's row."""
        if self.cursor is None or not self.is_mounted:
            return
        self._update_layout()
        if self._layout_width is None or self.cursor >= self.row_count():
            return
        top = self._tops[self.cursor]
        self.scroll_to_region(
            Region(0, top, self._layout_width, self._tops[self.cursor + 1] - top),
            force=True,
            animate=False,
            immediate=True,
        )

    def _next_enabled(self, anchor: int | None, direction: int, *, wrap: bool = True) -> int | None:
        """The next row that can have the cursor from `anchor` (not included) that way."""
        count = self.row_count()
        if count == 0:
            return None
        start = anchor if anchor is not None else (-1 if direction > 0 else count)
        for step in range(1, count + 1):
            index = start + direction * step
            if not 0 <= index < count:
                if not wrap:
                    return None
                index %= count
            if self.row_enabled(index):
                return index
        return None

    def action_cursor_down(self) -> None:
        self.move_cursor(self._next_enabled(self.cursor, 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(self._next_enabled(self.cursor, -1))

    def action_first(self) -> None:
        """The first row that can have the cursor, and the top (a heading above it too)."""
        self.move_cursor(self._next_enabled(None, 1, wrap=False))
        self.scroll_to(y=0, animate=False, force=True, immediate=True)

    def action_last(self) -> None:
        self.move_cursor(self._next_enabled(None, -1, wrap=False))

    def _move_page(self, direction: int) -> None:
        """A page's lines that way, onto the first row there that can have the cursor."""
        if self.row_count() == 0 or self._layout_width is None:
            return
        height = self.scrollable_content_region.height
        line = self._tops[self.cursor or 0] + direction * height
        row = self.row_at_line(max(0, min(line, self._tops[-1] - 1)))
        if row is None:
            return
        if not self.row_enabled(row):
            row = self._next_enabled(row, direction, wrap=False)
        if row is None:  # none that way: the last (or first) that can have it
            row = self._next_enabled(None, -direction, wrap=False)
        self.move_cursor(row)

    def action_page_down(self) -> None:
        if self.cursor is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_page_up(self) -> None:
        if self.cursor is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_select(self) -> None:
        if self.cursor is not None and self.row_enabled(self.cursor):
            self.choose(self.cursor)

    # -- mouse ----------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return self.row_at_line(self.scroll_offset.y + offset.y)

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there and chooses it, as in an OptionList."""
        row = self._row_under(event)
        if row is None or not self.row_enabled(row):
            return
        event.stop()
        self.move_cursor(row)
        self.choose(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._row_under(event))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, row: int | None) -> None:
        if row == self.hovered:
            return
        previous, self.hovered = self.hovered, row
        for index in (previous, row):
            if index is not None and self._layout_width is not None and index < self.row_count():
                top = self._tops[index]
                self.refresh_lines(top, self._tops[index + 1] - top)

    # -- drawing --------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index = self.row_at_line(line) if self._layout_width == width else None
        if index is None:
            return Strip.blank(width, self.get_visual_style(ROW).rich_style)
        strips = self._row_strips(index, width)
        offset = line - self._tops[index]
        if offset >= len(strips):
            return Strip.blank(width, self.get_visual_style(ROW).rich_style)
        return strips[offset]

    def _component(self, index: int) -> str:
        if not self.row_enabled(index):
            return DISABLED
        if index == self.cursor:
            return HIGHLIGHTED
        if index == self.hovered:
            return HOVER
        return ""

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        component = self._component(index)
        key = (index, self._versions[index], component, self.has_focus, width)
        strips = self._strips.get(key)
        if strips is None:
            style = (
                self.get_visual_style(ROW, component) if component else self.get_visual_style(ROW)
            )
            over = None
            if component == HIGHLIGHTED:
                cursor = style.rich_style
                over = Style(color=cursor.color, bgcolor=cursor.bgcolor)
            visual = visualize(self, self.row_prompt(index), markup=False)
            drawn = visual.to_strips(self, visual, width, None, style)
            strips = []
            for strip in drawn:
                if over is not None:
                    strip = Strip(Segment.apply_style(strip, post_style=over), strip.cell_length)
                strips.append(strip.extend_cell_length(width, style.rich_style))
            self._strips[key] = strips
        return strips
