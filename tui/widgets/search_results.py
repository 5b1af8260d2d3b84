"""Library search results: title, source and date, and the passage that matched with
the matched words highlighted. Everything is a Rich Text: article text is untrusted."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from tui.ingest.clean import defused
from tui.models import ReadingState, SearchHit
from tui.widgets.article_list import PICK_MARK, STAR_MARK, UNREAD_MARK
from tui.widgets.cursor_list import CursorList
from tui.widgets.paints import Paints


def hit_text(
    hit: SearchHit, paints: Paints, state: ReadingState | None = None, marked: bool = False
) -> Text:
    """Three lines: marks and title; source · date · where; the snippet, matches bold."""
    text = Text()
    if marked:
        text.append(f"{PICK_MARK} ", style="bold reverse")
    if state is not None and not state.read:
        text.append(f"{UNREAD_MARK} ", style="bold")
    if state is not None and state.starred:
        text.append(f"{STAR_MARK} ", style=paints.star)
    title = Text(defused(hit.title, one_line=True), style="bold")  # same length: spans hold
    for start, end in hit.title_highlights:
        title.stylize("reverse", start, end)
    text.append_text(title)
    details = [detail for detail in (hit.source, hit.date, hit.where) if detail]
    if details:
        text.append("\n")
        text.append(defused(" · ".join(details), one_line=True), style="dim")
    if hit.snippet:
        flat = defused(hit.snippet)  # same length: the highlights are offsets into it
        snippet = Text(" ".join(flat.split()) if "\n" in flat else flat)
        snippet.stylize("italic")
        for start, end in hit.highlights:
            snippet.stylize("bold reverse", start, end)
        text.append("\n")
        text.append_text(snippet)
    return text


class SearchResults(CursorList):
    """One option per hit, its id the article id; enter opens (the screen decides)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down (results)", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up (results)", show=False, id="results.up"),
        Binding("g", "first", "Top (results)", show=False, id="results.top"),
        Binding("G", "last", "Bottom (results)", show=False, id="results.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.hits: list[SearchHit] = []
        self._shown: tuple[list[SearchHit], dict[str, ReadingState], str, set[str]] = (
            [],
            {},
            "",
            set(),
        )

    def on_mount(self) -> None:
        Paints.follow_theme(self, self.repaint)

    def repaint(self) -> None:
        """The results again, in the new theme's colours (if any were shown)."""
        if self._shown[2]:
            self.show(*self._shown)

    def show(
        self,
        hits: Sequence[SearchHit],
        states: Mapping[str, ReadingState],
        empty: str = "Nothing matches.",
        marked: Collection[str] = (),
    ) -> None:
        keep = self.current_id
        self.hits = list(hits)
        self._shown = (self.hits, dict(states), empty, set(marked))
        self.clear_options()
        if not hits:
            self.add_option(Option(Text(empty, style="dim"), disabled=True))
            return
        ids: list[str] = []
        paints = Paints.of(self)
        for hit in hits:
            if hit.article_id in ids:
                continue
            if ids:
                self.add_option(None)
            text = hit_text(hit, paints, states.get(hit.article_id), hit.article_id in marked)
            self.add_option(Option(text, id=hit.article_id))
            ids.append(hit.article_id)
        self.highlighted = self.get_option_index(keep) if keep in ids else 0

    def update_hit(self, article_id: str, state: ReadingState, marked: bool = False) -> None:
        """Redraw one result after its article's state or mark changed."""
        self._shown[1][article_id] = state
        if marked:
            self._shown[3].add(article_id)
        else:
            self._shown[3].discard(article_id)
        for hit in self.hits:
            if hit.article_id == article_id:
                text = hit_text(hit, Paints.of(self), state, marked)
                self.replace_option_prompt(article_id, text)
                return

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return None if option is None else option.id
