"""The article pane: title, metadata line, then headings and paragraphs.

Every piece of article text goes in as a Rich Text, never as markup. Marks (an
entity's mentions, later search matches) are spans of the canonical text that
`n`/`N` step through; the colour mode paints every entity mention by type.

Why one long module: layout, marks, selection and the reading cursor all
work on the same blocks and offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.widgets import Static

from tui.ingest.clean import defused
from tui.models import Article, Block, Entity, Note
from tui.widgets.entity_styles import (
    CURRENT_MARK_STYLE,
    CURSOR_STYLE,
    MARK_STYLE,
    SELECTION_STYLE,
    TYPE_STYLES,
    annotation_style,
)
from tui.widgets.text_units import (
    Unit,
    boundaries,
    following,
    preceding,
    sentence_at,
    word_at,
)

Span = tuple[int, int]


def metadata_line(article: Article) -> str:
    """Place, date, source and author on one line, as a reader expects under a title."""
    details = [article.place, article.date, article.source, article.author]
    words = f"{article.word_count:,} words"
    return " · ".join([*(detail for detail in details if detail), words])


def offset_in(text: str, point: Offset) -> int:
    """A selection point (column x of line y, lines split at newlines) as an offset in text."""
    lines = text.split("\n")
    y = min(point.y, len(lines) - 1)
    return sum(len(line) + 1 for line in lines[:y]) + min(point.x, len(lines[y]))


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
    """Shows one article; knows where each character of its text is on screen.

    A reading cursor sits on a word; `w`, `(`/`)` and `{`/`}` move it, and every
    jump (a mark, `g`, `G`) takes it along, so it is where the user looks. `v` starts
    a selection at the cursor; then the same keys (and `b`) grow or shrink its
    end by word, sentence or paragraph, and `h`/`a` ask the screen to highlight
    or annotate it. Highlights and notes are painted from `annotations`.
    """

    class AnnotateRequested(Message):
        """The user wants to highlight or write a note on [start, end)."""

        def __init__(self, kind: str, start: int, end: int) -> None:
            super().__init__()
            self.kind = kind  # "highlight" or "note"
            self.start = start
            self.end = end

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("space", "page_down", "Page down", id="article.page_down"),
        Binding("b", "page_up", "Page up", id="article.page_up"),
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
        self.annotations: list[Note] = []
        self.cursor = 0
        self.select_from: int | None = None  # where the selection starts, while selecting
        self.select_to = 0  # where it ends
        self._blocks: list[tuple[Block, Static]] = []
        self.smooth_scrolling = False  # page, line and top/bottom keys jump, as in `less`
        self.border_title = "Article"

    def on_mount(self) -> None:
        self.mount(Static("No article to show.", classes="empty"))

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
        self._blocks = [(block, Static(classes=block.kind)) for block in article.blocks]
        for block, widget in self._blocks:
            widget.update(self._block_text(block))
        pieces = [
            Static(Text(defused(article.title, one_line=True)), classes="title"),
            Static(Text(defused(metadata_line(article), one_line=True)), classes="meta"),
            *(widget for _, widget in self._blocks),
        ]
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(pieces)
        self.border_subtitle = ""
        self._mark_annotated_blocks()
        self.scroll_home(animate=False)
        self.refresh_bindings()

    def show_annotations(self, notes: Sequence[Note]) -> None:
        """Repaint after notes or highlights changed."""
        self.annotations = list(notes)
        self._mark_annotated_blocks()
        self._repaint()

    def _mark_annotated_blocks(self) -> None:
        """The gutter mark: a block holding a note's passage gets the `-annotated` class."""
        anchored = [n.selector for n in self.annotations if n.selector and not n.orphaned]
        for block, widget in self._blocks:
            has_note = any(s.start < block.end and s.end > block.start for s in anchored)
            widget.set_class(has_note, "-annotated")

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
        for note in self.annotations:
            if note.selector is not None and not note.orphaned:
                paint(note.selector.start, note.selector.end, annotation_style(note))
        for index, (start, end) in enumerate(self.marks):
            paint(start, end, CURRENT_MARK_STYLE if index == self.current_mark else MARK_STYLE)
        if self.select_from is not None:
            paint(self.select_from, max(self.select_to, self.select_from), SELECTION_STYLE)
        elif self.has_focus:
            paint(*word_at(self.article.text, self.cursor), CURSOR_STYLE)
        return text

    def _repaint(self) -> None:
        for block, widget in self._blocks:
            widget.update(self._block_text(block))

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
        """The keyboard selection, else what the mouse selected in the article's blocks."""
        if self.select_from is None:
            return self.mouse_selection()
        return (self.select_from, max(self.select_to, self.select_from))

    def mouse_selection(self) -> tuple[int, int] | None:
        """Textual's text selection, turned into offsets of the canonical text."""
        if self.article is None or not self.is_mounted:
            return None
        spans = []
        for block, widget in self._blocks:
            chosen = self.screen.selections.get(widget)
            if chosen is None:
                continue
            text = self.article.block_text(block)
            start = 0 if chosen.start is None else offset_in(text, chosen.start)
            end = len(text) if chosen.end is None else offset_in(text, chosen.end)
            spans.append((block.start + start, block.start + end))
        if not spans:
            return None
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        return (start, end) if end > start else None

    def _visible_cursor(self) -> int:
        """The cursor, or the first word on screen when the cursor was scrolled away."""
        assert self.article is not None
        y = self.line_of_offset(self.cursor)
        top = self.scroll_y
        if y is not None and top <= y < top + self.scrollable_content_region.height:
            return self.cursor
        for block, widget in self._blocks:
            if widget.virtual_region.bottom > top:
                lines = line_starts(self.article.block_text(block), widget.content_region.width)
                line = max(0, min(len(lines) - 1, int(top) - widget.virtual_region.y))
                return word_at(self.article.text, block.start + lines[line])[0]
        return self.cursor

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
        self.call_after_refresh(self.scroll_to_offset, target, False)

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
        self.scroll_to(y=max(0, y - height // 3), animate=False)

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
        if self.article is None or not self._blocks:
            return 0
        top = round(self.scroll_y)
        first, _ = self._blocks[0]
        for block, widget in self._blocks:
            region = widget.virtual_region
            if top < region.bottom:
                if top < region.y and block is first:
                    return 0
                lines = line_starts(self.article.block_text(block), widget.content_region.width)
                return block.start + lines[max(0, min(len(lines) - 1, top - region.y))]
        return self._blocks[-1][0].start

    def scroll_offset_to_top(self, offset: int) -> None:
        """Scroll so that the line holding this character is the pane's top line."""
        self._top_passage = (offset, self.scrollable_content_region.width)
        y = self.line_of_offset(offset) if offset > 0 else None
        self._top_y = 0 if y is None else min(y, self.max_scroll_y)
        self.scroll_to(y=self._top_y, animate=False, immediate=True)

    def is_laid_out(self) -> bool:
        """Whether the shown article's blocks have their places on screen yet."""
        return (
            bool(self._blocks)
            and self._blocks[-1][1].virtual_region.height > 0
            and self.scrollable_content_region.width > 0
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

    def on_resize(self, event: events.Resize) -> None:
        """A new width re-wraps the text: put the same passage back at the top."""
        self.call_after_refresh(self._restore_top_passage)

    def _restore_top_passage(self) -> None:
        if self._top_passage is not None and self._rewrap_pending():
            self.scroll_offset_to_top(self._top_passage[0])
