"""The library table: one row per article with its reading state, notes and tags; the
title last, so long ones never push the other columns off screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.models import ArticleSummary, ReadingState

UNREAD_MARK = "●"
STAR_MARK = "★"


@dataclass(frozen=True)
class LibraryRow:
    """What the table shows of one article."""

    article: ArticleSummary
    state: ReadingState
    notes: int = 0

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def tags(self) -> tuple[str, ...]:
        """The article's tags from its import, then the user's own."""
        return all_tags(self.article.tags, self.state.tags)


def all_tags(imported: Sequence[str], own: Sequence[str]) -> tuple[str, ...]:
    """Import tags then the user's, without repeats (ignoring case)."""
    seen: dict[str, str] = {}
    for tag in (*imported, *own):
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def tags_text(tags: Sequence[str]) -> Text:
    return Text(
        " ".join(f"#{tag}" for tag in tags), style="cyan", overflow="ellipsis", no_wrap=True
    )


def row_cells(row: LibraryRow) -> dict[str, Text]:
    """The row's cells by column key; every one a Text, never markup."""
    article, state = row.article, row.state
    return {
        "read": Text("" if state.read else UNREAD_MARK, style="bold"),
        "star": Text(STAR_MARK if state.starred else "", style="bold yellow"),
        "date": Text(article.date or ""),
        "source": Text(article.source or "", overflow="ellipsis", no_wrap=True),
        "notes": Text(str(row.notes) if row.notes else "", justify="right"),
        "tags": tags_text(row.tags),
        "title": Text(article.title, style="" if state.read else "bold"),
    }


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
        self.add_column(Text(UNREAD_MARK), key="read", width=1)
        self.add_column(Text(STAR_MARK), key="star", width=1)
        self.add_column("Date", key="date", width=10)
        self.add_column("Source", key="source", width=14)
        self.add_column("Notes", key="notes", width=5)
        self.add_column("Tags", key="tags", width=16)
        self.add_column("Title", key="title")

    def show(self, rows: Sequence[LibraryRow], current: str | None = None) -> None:
        """Show these rows in this order, the cursor on `current` (else where it was)."""
        keep = current if current is not None else self.current_id
        self.clear()
        for row in rows:
            cells = row_cells(row)
            self.add_row(
                *(cells[str(column.key.value)] for column in self.ordered_columns), key=row.id
            )
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    def update_row(self, row: LibraryRow) -> None:
        """Redraw one article's row after its state changed."""
        if row.id not in self.rows:
            return
        for key, cell in row_cells(row).items():
            self.update_cell(row.id, key, cell)

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(key) if key is not None else None
