"""The library: every article with its reading state, a search box over titles, texts,
notes and entities, saved searches as views, and the tag list.

The search runs in a thread worker (exclusive: a newer query cancels the older),
so typing never waits for it; a query with a bad filter shows the reason under
the box. Enter opens the chosen article in the reader.

Why one long module: the list, the search box, views and tags are one
screen's state; each method is one key's action or one widget's message.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.annotations.tags import parse_tags
from tui.ingest.clean import defused
from tui.models import ReadingState, SavedSearch, SearchHit
from tui.paths import ui_state_file
from tui.screens.browser import open_in_browser
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.prompt_screen import PromptScreen
from tui.screens.tag_editor_screen import TagEditorScreen
from tui.screens.unsaved import report_unsaved
from tui.settings.ui_state import read_ui_state, write_ui_state
from tui.store import Library, LibraryError
from tui.widgets.article_list import ArticleList, LibraryRow
from tui.widgets.search_results import SearchResults

SORTS = ("date", "title", "last read")
SEARCH_GROUP = "library-search"
QUERY_HINT = (
    "/ search titles, texts, notes, entities · tag: entity: source: "
    "is:unread|read|starred has:notes after: before:"
)


def sorted_rows(rows: Sequence[LibraryRow], sort: str) -> list[LibraryRow]:
    """Newest first; A to Z; or most recently read first. What has no value goes last."""
    if sort == "title":
        return sorted(rows, key=lambda row: row.article.title.casefold())
    if sort == "last read":
        ordered = sorted(rows, key=lambda row: row.state.last_read or "", reverse=True)
        return [row for row in ordered if row.state.last_read] + [
            row for row in ordered if not row.state.last_read
        ]
    ordered = sorted(rows, key=lambda row: row.article.date or "", reverse=True)
    return [row for row in ordered if row.article.date] + [
        row for row in ordered if not row.article.date
    ]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class LibraryScreen(Screen[str | None]):
    """Dismisses with the chosen article's id, or None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="library.close"),
        Binding("l", "back", "Reader", show=False, id="library.reader"),
        Binding("slash", "focus_search", "Search", key_display="/", id="library.search"),
        Binding("down", "focus_list", "To the list", show=False, id="library.to_list"),
        Binding("s", "toggle_star", "Star", id="library.star"),
        Binding("m", "toggle_read", "Read", id="library.toggle_read"),
        Binding("t", "edit_tags", "Tags", id="library.tags"),
        Binding("S", "cycle_sort", "Sort", id="library.sort"),
        Binding("number_sign", "tag_list", "All tags", key_display="#", id="library.tag_list"),
        Binding("f", "views", "Views", id="library.views"),
        Binding(
            "left_square_bracket",
            "step_view(-1)",
            "Previous view",
            key_display="[",
            show=False,
            id="library.previous_view",
        ),
        Binding(
            "right_square_bracket",
            "step_view(1)",
            "Next view",
            key_display="]",
            show=False,
            id="library.next_view",
        ),
        Binding("ctrl+s", "save_view", "Save view", id="library.save_view"),
        Binding("o", "open_url", "Open URL", show=False, id="library.open_url"),
    ]

    def __init__(
        self,
        library: Library,
        current: str | None = None,
        *,
        query: str = "",
        view: str | None = None,
        search: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.current = current
        self.initial_query = query
        self.view_name = view
        self.start_in_search = search
        self.sort = "date"
        self.rows: dict[str, LibraryRow] = {}
        self.views: list[SavedSearch] = []
        self.hits: list[SearchHit] = []
        self.searched = ""  # the query the shown results are for

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield Static(id="library-views")
        yield Input(placeholder=QUERY_HINT, id="library-query")
        yield Static(id="library-query-error")
        yield ArticleList(id="library")
        yield SearchResults(id="library-results")
        yield Footer()

    # -- widgets ------------------------------------------------------------

    @property
    def query_box(self) -> Input:
        return self.query_one("#library-query", Input)

    @property
    def table(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    @property
    def searching(self) -> bool:
        return bool(self.query_box.value.strip())

    @property
    def list_widget(self) -> Widget:
        return self.results if self.searching else self.table

    def on_mount(self) -> None:
        saved_sort = read_ui_state(ui_state_file()).get("library_sort")
        if isinstance(saved_sort, str) and saved_sort in SORTS:
            self.sort = saved_sort
        self.load_rows()
        self.views = self.library.saved_searches()
        self.table.show(sorted_rows(list(self.rows.values()), self.sort), self.current)
        self.set_query(self.initial_query, self.view_name)
        if self.start_in_search:
            self.query_box.focus()
        else:
            self.list_widget.focus()

    def load_rows(self) -> None:
        """Read every article's metadata, reading state and note count from the library,
        and which articles the last refresh of their feed brought."""
        states = self.library.reading_states()
        notes = self.library.note_counts()
        new = self.library.new_from_feeds()
        self.rows = {
            article.id: LibraryRow(
                article,
                states.get(article.id, ReadingState(article.id)),
                notes.get(article.id, 0),
                new=article.id in new,
            )
            for article in self.library.list_articles()
        }

    def reload(self) -> None:
        """Read the library again (a refresh or a saved page changed it), keeping the cursor."""
        current = self.table.current_id
        self.load_rows()
        self.table.show(sorted_rows(list(self.rows.values()), self.sort), current)
        if self.searching:
            self.run_search(self.query_box.value)
        self.update_title()

    def update_title(self) -> None:
        unread = sum(1 for row in self.rows.values() if not row.state.read)
        title = Text(f"Library · {plural(len(self.rows), 'article')} · {unread} unread")
        query = self.query_box.value.strip()
        if not query:
            title.append(f" · sorted by {self.sort}", style="dim")
        else:
            found = plural(len(self.hits), "result") if self.searched == query else "searching…"
            title.append(" · ")
            if self.view_name:
                title.append(f"view “{defused(self.view_name, one_line=True)}”", style="bold")
            else:
                title.append(f"“{defused(query, one_line=True)}”")
            title.append(f" · {found}")
        self.query_one("#library-title", Static).update(title)
        self.query_one("#library-views", Static).update(self.views_line())

    def views_line(self) -> Text:
        """The saved views, the one shown highlighted; f lists them, [ and ] step."""
        line = Text("Views ", style="dim")
        if not self.views:
            line.append("· none yet: search, then ctrl+s keeps the search as a view", style="dim")
            return line
        current = self.view_name if self.query_box.value.strip() else ""
        for name in ["", *(view.name for view in self.views)]:
            label = defused(f" {name or 'All'} ", one_line=True)
            line.append(label, style="reverse bold" if name == current else "")
            line.append(" ")
        line.append("· f list · [ ] step", style="dim")
        return line

    # -- search -------------------------------------------------------------

    def set_query(self, query: str, view: str | None = None) -> None:
        """Put a query in the box (it searches at once) and say which view it is."""
        self.view_name = view
        query = defused(query, one_line=True)  # a saved view's query may come from elsewhere
        if self.query_box.value == query:
            self.query_changed(query)
        else:
            self.query_box.value = query  # Input.Changed searches

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.query_box:
            event.stop()
            self.query_changed(event.value)

    def query_changed(self, value: str) -> None:
        query = value.strip()
        if self.view_name is not None and not self._is_view_query(query):
            self.view_name = None
        self.show_error(None)
        if not query:
            self.workers.cancel_group(self, SEARCH_GROUP)
            self.hits, self.searched = [], ""
            moved = self.results.has_focus
            self.table.display = True
            self.results.display = False
            if moved:
                self.table.focus()
        else:
            self.run_search(query)
        self.update_title()

    def _is_view_query(self, query: str) -> bool:
        views = {saved.name: saved.query for saved in self.views}
        return views.get(self.view_name or "") == query

    def action_step_view(self, step: int) -> None:
        """The next or previous saved view; "All" (every article, or a search that is not a
        view) comes before the first."""
        names = ["", *(view.name for view in self.views)]
        index = names.index(self.view_name) if self.view_name in names else 0
        name = names[(index + step) % len(names)]
        queries = {view.name: view.query for view in self.views}
        self.set_query(queries.get(name, ""), name or None)
        self.list_widget.focus()

    @work(exclusive=True, thread=True, group=SEARCH_GROUP, exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        try:
            hits, error = self.library.search(query), None
        except ValueError as problem:  # QueryError: a bad filter, said in one line
            hits, error = [], str(problem).splitlines()[0] if str(problem) else "bad query"
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_results, query, hits, error)

    def show_results(self, query: str, hits: list[SearchHit], error: str | None) -> None:
        if not self.is_attached or query != self.query_box.value.strip():
            return  # closed, or typed on since: a newer search is coming
        self.show_error(error)
        if error is None:
            self.hits, self.searched = hits, query
            states = {row.id: row.state for row in self.rows.values()}
            self.results.show(hits, states, f"Nothing matches “{query}”.")
        self.table.display = False
        self.results.display = True
        if self.table.has_focus:
            self.results.focus()
        self.update_title()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A search that fails (not a bad query: a bug, a broken index) says so under the box."""
        error = event.worker.error
        if event.worker.group == SEARCH_GROUP and event.state == WorkerState.ERROR and error:
            self.show_error(f"The search failed: {type(error).__name__}: {error}".splitlines()[0])

    def show_error(self, error: str | None) -> None:
        line = self.query_one("#library-query-error", Static)
        line.update(Text(defused(error or "", one_line=True)))
        line.display = error is not None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.query_box:
            event.stop()
            self.action_focus_list()

    # -- actions ------------------------------------------------------------

    def current_id(self) -> str | None:
        """The article under the cursor (one the library listed when this screen opened)."""
        current = self.results.current_id if self.searching else self.table.current_id
        return current if current in self.rows else None

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        self.dismiss(event.article_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.results and event.option.id is not None:
            self.dismiss(event.option.id)

    def action_close(self) -> None:
        """escape: from the box to the list; then clears the search; then back to the reader."""
        if self.query_box.has_focus:
            self.action_focus_list()
        elif self.query_box.value:
            self.set_query("")
            self.table.focus()
        else:
            self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_focus_search(self) -> None:
        self.set_focus(self.query_box)  # at once: keys typed right after `/` go in the box

    def action_focus_list(self) -> None:
        self.list_widget.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_star", "toggle_read", "edit_tags", "open_url"):
            return self.current_id() is not None
        if action == "cycle_sort":
            return not self.searching or None
        if action == "focus_list":
            return self.query_box.has_focus
        return True

    def refresh_article(self, article_id: str) -> None:
        """Show what the library now holds for this article, in the table and the results."""
        row = self.rows[article_id]
        state = self.library.reading_state(article_id)
        self.rows[article_id] = LibraryRow(row.article, state, row.notes, row.new)
        self.table.update_row(self.rows[article_id])
        self.results.update_hit(article_id, state)
        self.update_title()

    def action_toggle_star(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            try:
                self.library.set_starred(article_id, not self.rows[article_id].state.starred)
            except LibraryError as error:
                report_unsaved(self, error)
                return
            self.refresh_article(article_id)

    def action_toggle_read(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            try:
                self.library.set_read(article_id, not self.rows[article_id].state.read)
            except LibraryError as error:
                report_unsaved(self, error)
                return
            self.refresh_article(article_id)

    def action_edit_tags(self) -> None:
        article_id = self.current_id()
        if article_id is None:
            return
        row = self.rows[article_id]

        def edited(answer: str | None) -> None:
            if answer is not None:
                try:
                    self.library.set_article_tags(article_id, parse_tags(answer))
                except LibraryError as error:
                    report_unsaved(self, error)
                    return
                self.refresh_article(article_id)

        editor = TagEditorScreen(row.article.title, row.article.tags, row.state.tags)
        self.app.push_screen(editor, edited)

    def action_open_url(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            open_in_browser(self, self.rows[article_id].article.url)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.table.show(sorted_rows(list(self.rows.values()), self.sort))
        self.update_title()
        with suppress(OSError):  # not remembering the sort is no reason to stop
            write_ui_state(ui_state_file(), library_sort=self.sort)

    def action_tag_list(self) -> None:
        counts = self.library.tag_counts()
        items = [
            (tag, Text.assemble((f"#{tag}", "cyan"), (f"  {count}", "dim")))
            for tag, count in sorted(
                counts.items(), key=lambda item: (-item[1], item[0].casefold())
            )
        ]

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.set_query(f"tag:{tag}")
                self.results.focus()

        self.app.push_screen(
            ChoiceScreen("Tags", items, "No article has a tag yet: t adds some."), chosen
        )

    def action_views(self) -> None:
        items = [("", Text("All articles", style="italic"))] + [
            (view.name, Text.assemble((view.name, "bold"), (f"  {view.query}", "dim")))
            for view in self.views
        ]
        queries = {view.name: view.query for view in self.views}

        def remove(name: str) -> bool:
            if not name:
                return False
            try:
                self.library.delete_saved_search(name)
            except LibraryError as error:
                report_unsaved(self, error)
                return False
            self.views = self.library.saved_searches()
            if name == self.view_name:
                self.view_name = None
            self.update_title()
            return True

        def chosen(name: str | None) -> None:
            if name is not None:
                self.set_query(queries.get(name, ""), name or None)
                self.list_widget.focus()

        self.app.push_screen(ChoiceScreen("Views", items, remove=remove), chosen)

    def action_save_view(self) -> None:
        query = self.query_box.value.strip()
        if not query:
            self.notify("Type a search first: a view is a saved search.")
            return

        def named(name: str | None) -> None:
            if name is None or not name.strip():
                return
            try:
                saved = self.library.save_search(name, query)
            except ValueError as problem:  # a bad query (QueryError) or no name
                self.notify(f"Not saved: {problem}", severity="warning", markup=False)
                return
            except LibraryError as error:
                report_unsaved(self, error)
                return
            self.view_name = saved.name
            self.views = self.library.saved_searches()
            self.update_title()
            self.notify(f"Saved the view “{saved.name}”: f lists the views.", markup=False)

        self.app.push_screen(
            PromptScreen("Save this search as a view named", self.view_name or "", query), named
        )
