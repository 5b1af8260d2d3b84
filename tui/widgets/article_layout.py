"""Where each character of an article goes on screen, at one width: its rows.

The article pane draws only the rows on screen (Textual's line API), so the
text is wrapped once per width here and kept: a row is a span of the canonical
text (or of the title or metadata line), so offsets map to rows and back
without drawing anything. No Textual here: the layout is tested on real
articles without an app.

The rows follow the pane's old look: a blank row, the title, the metadata
line, a blank row, then each block followed by a blank row. Blocks that hold
a note are wrapped two columns narrower, for the gutter mark.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence

from rich.cells import cell_len

from tui.models import Block
from tui.widgets.text_row import TextRow

GUTTER = 2
"""Columns of the gutter mark before a block that holds a note or highlight."""

_PIECE = re.compile(r"\S+\s*|\s+")


def cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Spans of text[start:end] for each row at this width: words whole, as Textual wraps.

    A newline ends a row; the spaces after a word stay on its row (so rows cover
    the text without gaps), and a word wider than the row is cut.
    """
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    line_start = start
    while True:
        line_end = text.find("\n", line_start, end)
        hard_end = end if line_end < 0 else line_end
        row_start, used = line_start, 0
        measure = len if text[line_start:hard_end].isascii() else cells
        for piece in _PIECE.finditer(text, line_start, hard_end):
            whole = piece.group()
            word = whole.rstrip()
            word_cells = measure(word)
            if used and used + word_cells > width:
                spans.append((row_start, piece.start()))
                row_start, used = piece.start(), 0
            if word_cells > width:  # wider than a row: cut it where the row ends
                for index in range(piece.start(), piece.start() + len(word)):
                    step = cells(text[index])
                    if used and used + step > width:
                        spans.append((row_start, index))
                        row_start, used = index, 0
                    used += step
                used += measure(whole[len(word) :])
                continue
            used += word_cells + measure(whole[len(word) :])
        spans.append((row_start, hard_end))
        if line_end < 0:
            return spans
        line_start = line_end + 1


class ArticleLayout:
    """An article's rows at one width; built once per width and set of annotated blocks.

    Blocks are wrapped when a row of them is first asked for, so the first frame of
    a 50,000-word article wraps only what is on screen; `finish` wraps the rest (the
    pane calls it once that frame is drawn). Until then `height` counts the blocks
    not yet wrapped by an estimate of their rows: rows already wrapped never move.
    """

    def __init__(
        self,
        title: str,
        meta: str,
        text: str,
        blocks: Sequence[Block],
        width: int,
        annotated: Collection[int] = (),
    ) -> None:
        self.width = width
        self.annotated = frozenset(annotated)
        self.blocks = tuple(blocks)
        self._text = text
        rows: list[TextRow] = [TextRow("blank", 0, 0)]
        rows += [TextRow("title", s, e) for s, e in wrap(title, 0, len(title), width)]
        rows += [TextRow("meta", s, e) for s, e in wrap(meta, 0, len(meta), width)]
        rows.append(TextRow("blank", 0, 0))
        self.rows = rows
        """The rows wrapped so far (all of them once `complete`)."""
        self.first_rows: list[int] = []
        self._starts = [row.start for row in rows]
        self._block_starts = [block.start for block in self.blocks]
        # Rows the blocks from index i on will take, guessed from their length: a
        # block's characters over the width, plus its blank row.
        self._estimate_from = [0] * (len(self.blocks) + 1)
        for index in range(len(self.blocks) - 1, -1, -1):
            block = self.blocks[index]
            room = max(1, width - (GUTTER if index in self.annotated else 0))
            guess = -(-(block.end - block.start) // room) + 1
            self._estimate_from[index] = self._estimate_from[index + 1] + guess

    @property
    def complete(self) -> bool:
        """Whether every block is wrapped."""
        return len(self.first_rows) == len(self.blocks)

    @property
    def height(self) -> int:
        """Rows in all: exact once `complete`, else the wrapped rows and a guess for the rest."""
        return len(self.rows) + self._estimate_from[len(self.first_rows)]

    def finish(self) -> None:
        """Wrap every block not wrapped yet."""
        self._wrap_to_block(len(self.blocks) - 1)

    def row(self, y: int) -> TextRow:
        """Row y (a blank row past the last)."""
        while y >= len(self.rows) and not self.complete:
            self._wrap_to_block(len(self.first_rows))
        return self.rows[y] if 0 <= y < len(self.rows) else _BLANK

    def row_of_offset(self, offset: int) -> int | None:
        """The row where this character of the canonical text is drawn."""
        index = bisect_right(self._block_starts, offset) - 1
        if index < 0:
            return None
        rows = self.block_rows(index)
        return max(rows.start, bisect_right(self._starts, offset, rows.start, rows.stop) - 1)

    def offset_of_row(self, y: int) -> int:
        """The first character of the canonical text on row y: 0 above the first block,
        the next block's start on a blank row."""
        if not self.blocks:
            return 0
        self._wrap_to_block(0)
        self.row(y)
        if y < self.first_rows[0]:
            return 0
        y = min(y, len(self.rows) - 1)
        row = self.rows[y]
        if row.block < 0:
            following = bisect_right(self.first_rows, y)
            if following >= len(self.blocks):
                return self.blocks[-1].start
            self._wrap_to_block(following)
            return self.blocks[following].start
        return row.start

    def block_rows(self, index: int) -> range:
        """The rows of one block."""
        self._wrap_to_block(index + 1 if index + 1 < len(self.blocks) else index)
        first = self.first_rows[index]
        following = self.first_rows[index + 1] if index + 1 < len(self.blocks) else len(self.rows)
        return range(first, following - 1)

    def _wrap_to_block(self, last: int) -> None:
        """Wrap the blocks up to index `last`, those not wrapped yet."""
        rows, text = self.rows, self._text
        for index in range(len(self.first_rows), min(last, len(self.blocks) - 1) + 1):
            block = self.blocks[index]
            narrower = GUTTER if index in self.annotated else 0
            self.first_rows.append(len(rows))
            for start, end in wrap(text, block.start, block.end, self.width - narrower):
                rows.append(TextRow(block.kind, start, end, index))
                self._starts.append(start)
            rows.append(TextRow("blank", block.end, block.end))
            self._starts.append(block.end)


_BLANK = TextRow("blank", 0, 0)
