"""One row of the article pane: what it draws, as a span of its text."""

from __future__ import annotations

from typing import NamedTuple


class TextRow(NamedTuple):
    """`kind` is "blank", "title", "meta" or a block's kind; [start, end) is in the
    canonical text for a block's rows, in the title or metadata line for theirs."""

    kind: str
    start: int
    end: int
    block: int = -1  # index of the block, -1 for the title, metadata and blank rows
