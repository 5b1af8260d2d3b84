"""The article pane: title, metadata line, then headings and paragraphs.

Drawn with Textual's line API: the text is wrapped once per width
(`ArticleLayout`) and only the rows on screen are drawn, so a long article
costs what a short one does. Every piece of article text goes in as a Rich
Text, never as markup. Marks (an entity's mentions, search matches), notes,
the reading cursor and the selection are spans of the canonical text painted
over each row as it is drawn; a screen row is only a view of that text.

Why one long module: layout, marks, selection and the reading cursor all
work on the same blocks and offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from tui.ingest.clean import defused
from tui.ingest.language import language_name
from tui.models import Article, Entity, Note
from tui.search.text_units import (
    Unit,
    boundaries,
    following,
    preceding,
    sentence_at,
    word_at,
)
from tui.widgets.article_layout import GUTTER, ArticleLayout
from tui.widgets.entity_styles import CURSOR_STYLE, SELECTION_STYLE, annotation_style
from tui.widgets.paints import Paints

Span = tuple[int, int]
Paint = tuple[int, int, Style]

WRAPPED_AT_ONCE = 20_000
"""Characters of text (about 3,000 words) wrapped whole before the first frame (a
millisecond or two); longer texts wrap what is on screen first, the rest after it."""
MEASURE = 80
"""Widest text column: a comfortable measure however wide the terminal is."""
EMPTY = "No article to show."
GUTTER_MARK = "▌"


def metadata_line(article: Article) -> str:
    """Place, date, source, author and language on one line, as a reader expects under a title."""
    details = [
        article.place,
        article.shown_date,
        article.source,
        article.author,
        language_name(article.language),
    ]
    words = f"{article.word_count:,} words"
    return " · ".join([*(detail for detail in details if detail), words])


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; knows where each character of its text is on screen.

    A reading cursor sits on a word; `w`, `(`/`)` and `{`/`}` move it, and every
    jump (a mark, `g`, `G`) takes it along, so it is where the user looks. `v` starts
    a selection at the cursor; then the same keys (and `b`) grow or shrink its
    end by word, sentence or paragraph, and `h`/`a` ask the screen to highlight
    or annotate it. Highlights and notes are painted from `annotations`.
    """

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--heading",
        "article-view--paragraph",
        "article-view--gutter",
        "article-view--empty",
    }

    class AnnotateRequested(Message):
        """The user wants to highlight or write a note on [start, end)."""

        def __init__(self, kind: str, start: int, end: int) -> None:
            super().__init__()
            self.kind = kind  # "highlight" or "note"
            self.start = start
            self.end = end

    # The footer shows what a reader needs to find first (select, highlight, note, then the
    # screen's and app's keys up to `? Help`, within 120 columns); help lists every key.
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("v", "toggle_selection", "Select", id="article.select"),
        Binding("w", "move('word', 1)", "Word", show=False, id="article.word_forward"),
        Binding(
            "b",
            "move('word', -1)",
            "Word back, while selecting",
            show=False,
            id="article.word_back",
        ),
        Binding(
            "right_parenthesis",
            "move('sentence', 1)",
            "Sentence",
            show=False,
            key_display=")",
            id="article.sentence_forward",
        ),
        Binding(
            "left_parenthesis",
            "move('sentence', -1)",
            "Sentence back",
            show=False,
            key_display="(",
            id="article.sentence_back",
        ),
        Binding(
            "right_curly_bracket",
            "move('paragraph', 1)",
            "Paragraph",
            show=False,
            key_display="}",
            id="article.paragraph_forward",
        ),
        Binding(
            "left_curly_bracket",
            "move('paragraph', -1)",
            "Paragraph back",
            show=False,
            key_display="{",
            id="article.paragraph_back",
        ),
        Binding("h", "annotate('highlight')", "Highlight", id="article.highlight"),
        Binding("a", "annotate('note')", "Note", id="article.note"),
        Binding("escape", "cancel_selection", "Cancel selection", id="article.cancel_selection"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("n", "step_mark(1)", "Next mention", id="article.next_mark"),
        Binding("N", "step_mark(-1)", "Prev mention", id="article.previous_mark"),
        Binding("escape", "clear_marks", "Clear marks", id="article.clear_marks"),
        Binding("c", "toggle_colours", "Colour entities", show=False, id="article.colours"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.entities: list[Entity] = []
        self.marks: list[Span] = []
        self.mark_label = ""
        self.current_mark = -1
        self.colour_entities = False
        self.annotations: list[Note] = []
        self.cursor = 0
        self.select_from: int | None = None  # where the selection starts, while selecting
        self.select_to = 0  # where it ends
        self.smooth_scrolling = False  # page, line and top/bottom keys jump, as in `less`
        self.border_title = "Article"
        self._title = ""
        self._meta = ""
        self._shown = ""  # the canonical text as drawn (tabs as spaces: same offsets)
        self._layout: ArticleLayout | None = None
        self._paints: list[list[Paint]] = []  # per block, in painting order
        self._strips: dict[int, Strip] = {}  # drawn rows, until a paint or the width changes

    def on_mount(self) -> None:
        Paints.follow_theme(self, self._repaint)

    # -- what is shown -----------------------------------------------------------

    def show(
        self, article: Article, entities: Sequence[Entity] = (), notes: Sequence[Note] = ()
    ) -> None:
        """Replace what is shown with this article, from its top, without marks.

        Its text may come from another program: control characters are drawn as
        spaces, which keeps every offset into it (marks, notes, entities) right.
        """
        article = replace(article, text=defused(article.text))
        self.article = article
        self.entities = list(entities)
        self.annotations = list(notes)
        self.marks, self.current_mark, self.mark_label = [], -1, ""
        self.select_from = None
        self.cursor = word_at(article.text, 0)[0]
        self._title = defused(article.title, one_line=True)
        self._meta = defused(metadata_line(article), one_line=True)
        self._shown = article.text.replace("\t", " ")
        self._layout = None
        self.border_subtitle = ""
        self._lay_out()
        self._repaint()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh_bindings()

    def show_entities(self, entities: Sequence[Entity]) -> None:
        """Repaint after the user corrected the entities (their colours may change)."""
        self.entities = list(entities)
        self._repaint()

    def show_annotations(self, notes: Sequence[Note]) -> None:
        """Repaint after notes or highlights changed."""
        self.annotations = list(notes)
        self._lay_out()  # a block that gained or lost its gutter mark wraps anew
        self._repaint()

    def _annotated_blocks(self) -> set[int]:
        """Blocks holding a note's passage: they get the gutter mark."""
        if self.article is None:
            return set()
        anchored = [n.selector for n in self.annotations if n.selector and not n.orphaned]
        return {
            index
            for index, block in enumerate(self.article.blocks)
            if any(s.start < block.end and s.end > block.start for s in anchored)
        }

    def _text_width(self) -> int:
        return min(MEASURE, self.scrollable_content_region.width)

    def _lay_out(self) -> None:
        """Wrap the text at the pane's width, unless it already is (same width, same gutters)."""
        width = self._text_width()
        if self.article is None or width <= 0:  # not laid out yet: on_resize comes
            return
        annotated = self._annotated_blocks()
        layout = self._layout
        if layout is not None and layout.width == width and layout.annotated == annotated:
            return
        article = self.article
        self._layout = ArticleLayout(
            self._title, self._meta, self._shown, article.blocks, width, annotated
        )
        if len(self._shown) <= WRAPPED_AT_ONCE:
            self._layout.finish()  # no second frame for the exact height (and scrollbar)
        self._strips.clear()
        self.virtual_size = Size(0, self._layout.height)
        self.refresh()
        self.call_after_refresh(self._finish_layout)

    def _finish_layout(self) -> None:
        """Wrap the rest once the first frame (which wrapped only what it drew) is shown."""
        layout = self._layout
        if layout is not None and not layout.complete:
            layout.finish()
            self.virtual_size = Size(0, layout.height)

    def is_annotated(self, block_index: int) -> bool:
        """Whether this block shows the gutter mark of a note or highlight."""
        return self._layout is not None and block_index in self._layout.annotated

    @property
    def layout_rows(self) -> ArticleLayout | None:
        """The rows at the current width (None before there is an article)."""
        return self._layout

    def row_text(self, y: int) -> str:
        """What virtual row y says, without its styles."""
        layout = self._layout
        if layout is None:
            return EMPTY if y == 1 else ""
        if not 0 <= y < layout.height:
            return ""
        row = layout.row(y)
        source = {"title": self._title, "meta": self._meta, "blank": ""}.get(row.kind, self._shown)
        return source[row.start : row.end].rstrip("\n")

    # -- paints: spans of the canonical text, drawn over the rows -------------------

    def paints_between(self, start: int, end: int) -> list[Paint]:
        """Every paint over [start, end), cut to it, in painting order."""
        found = []
        for paint_start, paint_end, style in self._all_paints():
            if paint_start < end and paint_end > start:
                found.append((max(paint_start, start), min(paint_end, end), style))
        return found

    def _all_paints(self) -> list[Paint]:
        assert self.article is not None
        colours = Paints.of(self)
        paints: list[Paint] = []
        if self.colour_entities:
            for entity in self.entities:
                style = colours.entity[entity.type]
                paints += [(m.start, m.end, style) for m in entity.mentions]
        for note in self.annotations:
            if note.selector is None or note.orphaned:
                continue
            start, end = note.selector.start, note.selector.end
            paints.append((start, end, annotation_style(note, colours)))
            on_it = colours.entity_on.get(note.color or "")
            if self.colour_entities and on_it is not None:
                for entity in self.entities:
                    paints += [
                        (max(m.start, start), min(m.end, end), on_it[entity.type])
                        for m in entity.mentions
                        if m.start < end and m.end > start
                    ]
        for index, (start, end) in enumerate(self.marks):
            paints.append(
                (start, end, colours.current_mark if index == self.current_mark else colours.mark)
            )
        if self.select_from is not None:
            paints.append(
                (self.select_from, max(self.select_to, self.select_from), SELECTION_STYLE)
            )
        else:
            chosen = self.mouse_selection()
            if chosen is not None:
                paints.append((*chosen, SELECTION_STYLE))
            elif self.has_focus:
                paints.append((*word_at(self.article.text, self.cursor), CURSOR_STYLE))
        return [paint for paint in paints if paint[1] > paint[0]]

    def _repaint(self) -> None:
        """Sort the paints by block, then redraw the rows on screen."""
        self._paints = []
        if self.article is not None:
            starts = [block.start for block in self.article.blocks]
            self._paints = [[] for _ in starts]
            for paint in self._all_paints():
                first = max(0, bisect_right(starts, paint[0]) - 1)
                last = bisect_left(starts, paint[1])
                for index in range(first, max(first + 1, last)):
                    self._paints[index].append(paint)
        self._strips.clear()
        self.refresh()

    # -- drawing ---------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout
        if self.article is not None and (layout is None or layout.width != self._text_width()):
            self._lay_out()  # the first frame, or a resize not yet heard of: wrap now
        index = round(self.scroll_y) + y
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._draw_row(index, width)
            self._strips[index] = strip
        return strip

    def _draw_row(self, index: int, width: int) -> Strip:
        base = self.rich_style
        layout = self._layout
        column = min(MEASURE, width)
        left = max(0, (width - column) // 2)
        if layout is None:
            if index != 1 or self.article is not None:
                return Strip.blank(width, base)
            text = Text(EMPTY, style=self.get_component_rich_style("article-view--empty"))
            pieces = [Strip.blank(left, base), Strip(text.render(self.app.console, end=""))]
            return Strip.join(pieces).crop_extend(0, width, base).apply_style(base)
        row = layout.row(index)
        if not 0 <= index < layout.height or row.kind == "blank":
            return Strip.blank(width, base)
        style = self.get_component_rich_style(f"article-view--{row.kind}", partial=True)
        text = Text(self.row_text(index), style=style, no_wrap=True, end="")
        if row.block >= 0 and self._paints:
            for start, end, paint in self._paints[row.block]:
                if start < row.end and end > row.start:
                    text.stylize(paint, max(start, row.start) - row.start, end - row.start)
        pieces = [Strip.blank(left, base)]
        if row.block in layout.annotated:
            gutter = self.get_component_rich_style("article-view--gutter", partial=True)
            pieces.append(Strip([Segment(GUTTER_MARK, gutter), Segment(" " * (GUTTER - 1))]))
        drawn = Strip(text.render(self.app.console, end="")).apply_offsets(0, index)
        pieces.append(drawn)
        return Strip.join(pieces).crop_extend(0, width, base).apply_style(base)

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        """A new width re-wraps the text: put the same passage back at the top."""
        self._lay_out()
        self._restore_top_passage()

    # -- marks ------------------------------------------------------------------

    def mark(self, spans: Sequence[Span], label: str) -> None:
        """Highlight these spans and go to the first; `n`/`N` step, `escape` clears."""
        self.marks = sorted(spans)
        self.mark_label = defused(label, one_line=True)
        self.current_mark = -1
        if self.marks:
            self.step_to(0)
        else:
            self._repaint()
            self.border_subtitle = Text(f"{self.mark_label}: not in this article")
        self.refresh_bindings()

    def step_to(self, index: int) -> None:
        """Go to this mark; the reading cursor goes with it, so `v` starts there."""
        self.current_mark = index % len(self.marks)
        self.cursor = self.marks[self.current_mark][0]
        self._repaint()
        self.border_subtitle = Text(f"{self.current_mark + 1}/{len(self.marks)} {self.mark_label}")
        self.scroll_to_offset(self.marks[self.current_mark][0])

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
        """Keys mean different things while selecting (`b`, `escape`) or with marks (`n`)."""
        selecting = self.select_from is not None
        if action in ("step_mark", "clear_marks"):
            return bool(self.marks) and not selecting
        if action == "page_up":
            return not selecting
        if action == "move" and parameters == ("word", -1):
            return selecting
        if action == "cancel_selection":
            return selecting
        return self.article is not None or action not in ("move", "toggle_selection", "annotate")

    # -- reading cursor and selection -------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The keyboard selection, else what the mouse selected in the article's text."""
        if self.select_from is None:
            return self.mouse_selection()
        return (self.select_from, max(self.select_to, self.select_from))

    def mouse_selection(self) -> tuple[int, int] | None:
        """Textual's text selection (row, column points), as offsets of the canonical text."""
        if self.article is None or self._layout is None or not self.is_mounted:
            return None
        chosen = self.text_selection
        if chosen is None:
            return None
        last = self._layout.height - 1
        start = self._offset_at(chosen.start or Offset(0, 0))
        end = self._offset_at(chosen.end or Offset(len(self.row_text(last)), last))
        return (start, end) if end > start else None

    def _offset_at(self, point: Offset) -> int:
        """The canonical offset of a column of a row (the title's rows: the text's start)."""
        assert self._layout is not None
        y = max(0, min(point.y, self._layout.height - 1))
        row = self._layout.row(y)
        if row.block < 0:
            return self._layout.offset_of_row(y)
        return row.start + max(0, min(point.x, len(self.row_text(y))))

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The mouse-selected text, for copying: the canonical text between its ends."""
        if self.article is None or self._layout is None:
            return None
        chosen = self.mouse_selection()
        return (self.article.text[chosen[0] : chosen[1]], "\n") if chosen else None

    def selection_updated(self, selection: Selection | None) -> None:
        self._repaint()

    def _visible_cursor(self) -> int:
        """The cursor, or the first word on screen when the cursor was scrolled away."""
        assert self.article is not None
        y = self.line_of_offset(self.cursor)
        top = self.scroll_y
        if y is not None and top <= y < top + self.scrollable_content_region.height:
            return self.cursor
        if self._layout is None:
            return self.cursor
        return word_at(self.article.text, self._layout.offset_of_row(int(top)))[0]

    def action_toggle_selection(self) -> None:
        if self.article is None:
            return
        if self.select_from is not None:
            self.action_cancel_selection()
            return
        self.cursor = self._visible_cursor()
        start, end = word_at(self.article.text, self.cursor)
        if self.marks and self.marks[self.current_mark][0] == self.cursor:
            start, end = self.marks[self.current_mark]  # the match or mention the user is on
        self.select_from, self.select_to = start, end
        self._selection_changed()

    def action_cancel_selection(self) -> None:
        self.select_from = None
        self._selection_changed()

    def action_move(self, unit: Unit, step: int) -> None:
        """Move the cursor, or the selection's end while selecting, by one unit."""
        if self.article is None:
            return
        points = boundaries(self.article.text, self.article.blocks, unit)
        if self.select_from is None:
            cursor = self._visible_cursor()
            if step > 0:
                self.cursor = following(points.starts, cursor)
            else:
                self.cursor = preceding(points.starts, cursor)
            target = self.cursor
        else:
            floor = word_at(self.article.text, self.select_from)[1]
            if step > 0:
                self.select_to = following(points.ends, self.select_to)
            else:
                self.select_to = preceding(points.ends, self.select_to, floor)
            target = self.select_to
        self._selection_changed()
        self.scroll_to_offset(target, False)

    def action_annotate(self, kind: str) -> None:
        """The selection; without one, the sentence at the cursor, selected to show it."""
        if self.article is None:
            return
        if self.selection is None:
            self.cursor = self._visible_cursor()
            start, end = sentence_at(self.article.text, self.article.blocks, self.cursor)
            if end <= start:
                return
            self.select_from, self.select_to = start, end
            self._selection_changed()
        start, end = self.selection or (0, 0)
        self.post_message(self.AnnotateRequested(kind, start, end))

    def end_selection(self) -> None:
        """The screen calls this once the selection was used (keyboard or mouse)."""
        if self.select_from is not None:
            self.cursor = self.select_from
        self.screen.clear_selection()
        self.action_cancel_selection()

    def _selection_changed(self) -> None:
        self._repaint()
        self.refresh_bindings()
        if self.select_from is not None:
            start, end = self.selection or (0, 0)
            self.border_subtitle = f"selecting {end - start} characters · h highlight · a note"
        elif not self.marks:
            self.border_subtitle = ""

    def on_focus(self) -> None:
        self._repaint()

    def on_blur(self) -> None:
        self._repaint()

    # -- where things are: rows of the layout --------------------------------------

    def line_of_offset(self, offset: int) -> int | None:
        """The virtual line (y) where this character of the canonical text is drawn."""
        if self._layout is None:
            return None
        self._finish_layout()  # scrolling there needs the exact height
        return self._layout.row_of_offset(offset)

    def point_of_offset(self, offset: int) -> Offset | None:
        """Where this character is drawn, in the pane's own coordinates (border included)."""
        y = self.line_of_offset(offset)
        if y is None or self._layout is None:
            return None
        row = self._layout.row(y)
        width = self.scrollable_content_region.width
        left = max(0, (width - min(MEASURE, width)) // 2)
        gutter = GUTTER if row.block in self._layout.annotated else 0
        inside = self.scrollable_content_region.offset - self.region.offset
        x = left + gutter + len(self._shown[row.start : offset])
        return Offset(inside.x + x, inside.y + y - round(self.scroll_y))

    def scroll_to_offset(self, offset: int, always: bool = True) -> None:
        """Bring this character into view, a third of the way down the pane.

        With `always` False, nothing moves while the character is already on screen.
        """
        y = self.line_of_offset(offset)
        if y is None:
            return
        height = self.scrollable_content_region.height
        if not always and self.scroll_y <= y < self.scroll_y + height:
            return
        self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    def action_scroll_home(self) -> None:
        """The top, with the reading cursor on the first word."""
        if self.article is not None:
            self.cursor = word_at(self.article.text, 0)[0]
            self._repaint()
        self.scroll_home(animate=self.smooth_scrolling)

    def action_scroll_end(self) -> None:
        """The bottom, with the reading cursor on the last paragraph's first word."""
        if self.article is not None and self.article.blocks:
            self.cursor = word_at(self.article.text, self.article.blocks[-1].start)[0]
            self._repaint()
        self.scroll_end(animate=self.smooth_scrolling)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=self.smooth_scrolling)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=self.smooth_scrolling)

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=self.smooth_scrolling)

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=self.smooth_scrolling)

    # -- reading position: the passage at the top, kept when the text re-wraps ------

    _top_passage: tuple[int, int] | None = None  # (offset, content width it was taken at)
    _top_y = 0

    def top_offset(self) -> int:
        """Offset in the canonical text of the first character on the pane's top line.

        0 while the title is on screen; while a re-wrap is pending (just resized),
        the passage that was at the top before.
        """
        if self._top_passage is not None and self._rewrap_pending():
            return self._top_passage[0]
        if self.article is None or self._layout is None:
            return 0
        return self._layout.offset_of_row(round(self.scroll_y))

    def scroll_offset_to_top(self, offset: int) -> None:
        """Scroll so that the line holding this character is the pane's top line."""
        self._top_passage = (offset, self.scrollable_content_region.width)
        y = self.line_of_offset(offset) if offset > 0 else None
        self._top_y = 0 if y is None else min(y, self.max_scroll_y)
        self.scroll_to(y=self._top_y, animate=False, immediate=True)

    def is_laid_out(self) -> bool:
        """Whether the shown article's rows are wrapped at the pane's width yet."""
        return (
            self._layout is not None
            and self.scrollable_content_region.width > 0
            and self._layout.width == self._text_width()
            and self._layout.complete
            and self.virtual_size.height == self._layout.height
        )

    def _rewrap_pending(self) -> bool:
        return (
            self._top_passage is not None
            and self._top_passage[1] != self.scrollable_content_region.width
        )

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if (
            self.article is not None
            and not self._rewrap_pending()
            and (round(new_value) != self._top_y or self._top_passage is None)
        ):
            self._top_y = round(new_value)
            self._top_passage = (self.top_offset(), self.scrollable_content_region.width)

    def _restore_top_passage(self) -> None:
        if self._top_passage is not None and self._rewrap_pending():
            self.scroll_offset_to_top(self._top_passage[0])
