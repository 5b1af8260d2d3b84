"""Every note and highlight of the library on one screen, newest first.

Each row shows the article's title and date, the colour, the quote, the note
(Markdown rendered), its tags and when it was written. The box above filters
with the library's query language plus `color:`; the search runs in a thread
worker, and the list follows notes changed by another Gloss process. Enter
opens the article at the passage; `r` on an orphan opens its article to put
it on a passage again, the way the reader re-attaches notes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.ingest.clean import defused
from tui.models import FoundNote, Note
from tui.store import Library, LibraryError
from tui.widgets.notes_pane import note_row
from tui.widgets.paints import Paints

SEARCH_GROUP = "notes-search"
FOLLOW_EVERY = 1.0
"""Seconds between looks for notes changed by another Gloss process."""
QUERY_HINT = (
    "/ filter notes: words, color:yellow|green|blue|pink|none, tag: entity: source: "
    "is:starred after: before:"
)


def found_row(found: FoundNote, paints: Paints) -> Text:
    """The article's date and title, the colour, then the note as the notes pane shows it."""
    row = Text()
    article = found.article
    if article.date:
        row.append(defused(f"{article.date[:10]}  ", one_line=True), style="dim")
    row.append(defused(article.title, one_line=True), style="bold")
    if found.note.color:
        row.append(defused(f"  ● {found.note.color}", one_line=True), style="dim")
    row.append("\n")
    row.append_text(note_row(found.note, paints))
    return row


class NotesScreen(Screen[None]):
    """The library's notes; closes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="all_notes.close"),
        Binding("slash", "focus_search", "Filter", key_display="/", id="all_notes.search"),
        Binding("j", "cursor_down", "Down", show=False, id="all_notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="all_notes.up"),
        Binding("r", "reattach", "Re-attach", id="all_notes.reattach"),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.found: list[FoundNote] = []
        self.searched: str | None = None  # the query the list shows
        self._seen: object | None = None  # Library.notes_version of the list shown

    def compose(self) -> ComposeResult:
        yield Static(id="all-notes-title")
        yield Input(value=self.initial_query, placeholder=QUERY_HINT, id="all-notes-query")
        yield Static(id="all-notes-error")
        yield OptionList(id="all-notes", markup=False)
        yield Footer()

    @property
    def query_box(self) -> Input:
        return self.query_one("#all-notes-query", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#all-notes", OptionList)

    def on_mount(self) -> None:
        self.show_error(None)
        self.run_search(self.query_box.value.strip())
        self.options.focus()
        self.set_interval(FOLLOW_EVERY, self.follow)

    # -- search -------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value.strip())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.options.focus()

    @work(exclusive=True, thread=True, group=SEARCH_GROUP, exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        version = self.library.notes_version()
        try:
            found, error = self.library.find_notes(query), None
        except ValueError as problem:  # QueryError: a bad filter, said in one line
            found, error = [], str(problem).splitlines()[0] if str(problem) else "bad query"
        except LibraryError as problem:
            found, error = [], str(problem).splitlines()[0]
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_found, query, found, error, version)

    def show_found(
        self, query: str, found: list[FoundNote], error: str | None, version: object | None
    ) -> None:
        if not self.is_attached or query != self.query_box.value.strip():
            return  # closed, or typed on since: a newer search is coming
        self.show_error(error)
        if error is not None:
            return
        self._seen = version
        if query == self.searched and found == self.found:
            return  # nothing changed: the cursor and the scroll stay as they are
        keep = self.current.id if self.current is not None else None
        self.found, self.searched = found, query
        options = self.options
        options.clear_options()
        if not found:
            empty = f"No note matches “{query}”." if query else "No notes or highlights yet."
            options.add_option(
                Option(Text(defused(empty, one_line=True), style="dim"), disabled=True)
            )
        paints = Paints.of(options)
        for index, item in enumerate(found):
            if index:
                options.add_option(None)  # a rule between notes
            options.add_option(Option(found_row(item, paints), id=item.note.id))
        ids = [item.note.id for item in found]
        if ids:
            options.highlighted = options.get_option_index(keep if keep in ids else ids[0])
        self.update_title()
        self.refresh_bindings()

    def follow(self) -> None:
        """Search again when any note changed (here, in the reader, or in another process)."""
        if self.searched is not None:
            self.look_for_changes(self._seen)

    @work(thread=True, exclusive=True, group="follow-notes", exit_on_error=False)
    def look_for_changes(self, seen: object | None) -> None:
        """On a worker: the Library may be busy with another worker's long read."""
        version = self.library.notes_version()
        if version is None or version != seen:
            self.app.call_from_thread(self.search_again)

    def search_again(self) -> None:
        if self.is_attached:
            self.run_search(self.query_box.value.strip())

    def update_title(self) -> None:
        count = len(self.found)
        orphans = sum(1 for item in self.found if item.note.orphaned)
        title = Text(f"Notes and highlights · {count} shown")
        if orphans:
            title.append(f" · {orphans} to re-attach (r)", style="bold red")
        self.query_one("#all-notes-title", Static).update(title)

    def show_error(self, error: str | None) -> None:
        line = self.query_one("#all-notes-error", Static)
        line.update(Text(defused(error or "", one_line=True)))
        line.display = error is not None

    # -- actions ------------------------------------------------------------

    @property
    def current(self) -> Note | None:
        option = self.options.highlighted_option
        if option is None or option.id is None:
            return None
        return next((item.note for item in self.found if item.note.id == option.id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reattach":
            note = self.current
            return note is not None and note.orphaned
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.open_note(self.current)

    def open_note(self, note: Note) -> None:
        """Close this screen and whatever is between it and the reader; show the passage."""
        from tui.screens.reader_screen import ReaderScreen

        app = self.app
        while not isinstance(app.screen, ReaderScreen):
            app.pop_screen()
        app.screen.go_to_note(note)

    def action_reattach(self) -> None:
        note = self.current
        if note is not None and note.orphaned:
            self.open_note(note)

    def action_close(self) -> None:
        """escape: from the box to the list; then back to where the screen was opened."""
        if self.query_box.has_focus:
            self.options.focus()
        else:
            self.dismiss(None)

    def action_focus_search(self) -> None:
        self.set_focus(self.query_box)

    def action_cursor_down(self) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.options.action_cursor_up()
