"""The library: every article with its reading state, a search box over titles, texts,
notes and entities, saved searches as views, and the tag list.

The search runs in a thread worker (exclusive: a newer query cancels the older),
so typing never waits for it; a query with a bad filter shows the reason under
the box. Enter opens the chosen article in the reader.

Why one long module: the list, the search box, views and tags are one
screen's state; each method is one key's action or one widget's message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
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
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.prompt_screen import PromptScreen
from tui.screens.tag_editor_screen import TagEditorScreen
from tui.screens.unsaved import report_unsaved
from tui.search import QueryError, parse_query
from tui.settings.ui_state import read_ui_state, write_ui_state
from tui.store import Library, LibraryError
from tui.widgets.article_list import ArticleList, LibraryRow
from tui.widgets.paints import Paints
from tui.widgets.search_results import SearchResults

SORTS = ("date", "title", "last read")
SEARCH_GROUP = "library-search"
QUERY_HINT = (
    "/ search texts, titles, notes, entities · tag: entity: source: feed: color: "
    "is: has:notes after: before:"
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
        Binding("d,delete", "delete_articles", "Delete", id="library.delete"),
        Binding("x,space", "toggle_mark", "Mark", id="library.mark"),
        Binding("X", "mark_all", "Mark all", id="library.mark_all"),
        Binding("M", "all_read", "All read", id="library.all_read"),
        Binding("E", "export_notes", "Export notes", show=False, id="library.export_notes"),
        Binding("u", "undo", "Undo", show=False, id="library.undo"),
        Binding("H", "all_notes", "All notes", show=False, id="library.all_notes"),
        Binding("i", "entity_page", "Entity page", show=False, id="library.entity_page"),
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
        self.marked: dict[str, None] = {}  # marked rows in marking order: batch actions' targets
        self.undos: list[tuple[str, Callable[[], object]]] = []  # what `u` can undo, newest last

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
                marked=article.id in self.marked,
                new=article.id in new,
            )
            for article in self.library.list_articles()
        }

    def update_title(self) -> None:
        unread = sum(1 for row in self.rows.values() if not row.state.read)
        title = Text(f"Library · {plural(len(self.rows), 'article')} · {unread} unread")
        marked = sum(1 for article_id in self.marked if article_id in self.rows)
        if marked:
            title.append(f" · {marked} marked", style="bold")
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
            self.results.show(hits, states, f"Nothing matches “{query}”.", self.marked)
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

    # -- batch actions: on the marked rows, else the row under the cursor --------

    def targets(self) -> list[str]:
        """The marked articles still listed, else the one under the cursor."""
        marked = [article_id for article_id in self.marked if article_id in self.rows]
        if marked:
            return marked
        current = self.current_id()
        return [] if current is None else [current]

    def shown_ids(self) -> list[str]:
        """Every article the list shows now: the search's hits, or every row."""
        if self.searching:
            return [hit.article_id for hit in self.hits if hit.article_id in self.rows]
        return [row.id for row in self.table.rows]

    def action_toggle_mark(self) -> None:
        """Mark or unmark the row under the cursor, then go to the next one."""
        article_id = self.current_id()
        if article_id is None:
            return
        if article_id in self.marked:
            del self.marked[article_id]
        else:
            self.marked[article_id] = None
        self.redraw_rows([article_id])
        if self.searching:
            self.results.action_cursor_down()
        else:
            self.table.action_cursor_down()

    def action_mark_all(self) -> None:
        """Mark every row shown (all the search's hits); when all are marked, unmark them."""
        shown = self.shown_ids()
        if shown and all(article_id in self.marked for article_id in shown):
            for article_id in shown:
                self.marked.pop(article_id, None)
        else:
            self.marked.update(dict.fromkeys(shown))
        self.redraw_rows(shown)

    def redraw_rows(self, article_ids: Sequence[str]) -> None:
        """Show what the library now holds for these articles, and their marks."""
        states = self.library.reading_states()
        for article_id in article_ids:
            row = self.rows.get(article_id)
            if row is None:
                continue
            state = states.get(article_id, ReadingState(article_id))
            marked = article_id in self.marked
            self.rows[article_id] = LibraryRow(
                row.article, state, row.notes, marked=marked, new=row.new
            )
            self.table.update_row(self.rows[article_id])
            self.results.update_hit(article_id, state, marked)
        self.update_title()

    def change_states(
        self, what: str, article_ids: list[str], change: Callable[[ReadingState], ReadingState]
    ) -> None:
        """Change these articles' reading states in one write; `u` puts the old ones back."""
        if not article_ids:
            return
        before = {article_id: self.rows[article_id].state for article_id in article_ids}

        def undo() -> None:
            self.library.change_reading_many(
                list(before),
                lambda state: replace(
                    state,
                    read=before[state.article_id].read,
                    starred=before[state.article_id].starred,
                    tags=before[state.article_id].tags,
                ),
            )
            self.redraw_rows(list(before))

        try:
            self.library.change_reading_many(article_ids, change)
        except LibraryError as error:
            report_unsaved(self, error)
            return
        self.remember(what, undo)
        self.redraw_rows(article_ids)
        if len(article_ids) > 1:
            self.notify(f"{what} · u undoes", markup=False)

    def remember(self, what: str, undo: Callable[[], object]) -> None:
        self.undos.append((what, undo))

    def action_undo(self) -> None:
        """Undo the last batch action, star, read or tag change, or delete made here."""
        if not self.undos:
            self.notify("Nothing to undo here.", markup=False)
            return
        what, undo = self.undos.pop()
        try:
            undo()
        except LibraryError as error:
            report_unsaved(self, error)
            return
        self.notify(f"Undone: {what}", markup=False)

    def action_toggle_star(self) -> None:
        ids = self.targets()
        star = not all(self.rows[article_id].state.starred for article_id in ids)
        what = f"{'Starred' if star else 'Unstarred'} {plural(len(ids), 'article')}"
        self.change_states(what, ids, lambda state: replace(state, starred=star))

    def action_toggle_read(self) -> None:
        ids = self.targets()
        read = not all(self.rows[article_id].state.read for article_id in ids)
        what = f"Marked {plural(len(ids), 'article')} {'read' if read else 'unread'}"
        self.change_states(what, ids, lambda state: replace(state, read=read))

    def action_all_read(self) -> None:
        """Mark every article shown read (all of the library, or the search's hits)."""
        ids = [i for i in self.shown_ids() if not self.rows[i].state.read]
        if not ids:
            self.notify("Every article shown is read already.", markup=False)
            return
        what = f"Marked {plural(len(ids), 'article')} read"
        self.change_states(what, ids, lambda state: replace(state, read=True))

    def action_edit_tags(self) -> None:
        ids = self.targets()
        if len(ids) > 1:
            self.edit_tags_of_many(ids)
            return
        article_id = ids[0]
        row = self.rows[article_id]

        def edited(answer: str | None) -> None:
            if answer is not None:
                tags = parse_tags(answer)
                self.change_states(
                    "Changed the tags", [article_id], lambda state: replace(state, tags=tags)
                )

        editor = TagEditorScreen(row.article.title, row.article.tags, row.state.tags)
        self.app.push_screen(editor, edited)

    def edit_tags_of_many(self, ids: list[str]) -> None:
        """Add tags to every marked article, or take them off with a leading minus."""

        def edited(answer: str | None) -> None:
            if not answer:
                return
            words = answer.replace(",", " ").split()
            remove = {
                tag.casefold()
                for tag in parse_tags(" ".join(w[1:] for w in words if w.startswith("-")))
            }
            add = parse_tags(" ".join(w for w in words if not w.startswith("-")))

            def change(state: ReadingState) -> ReadingState:
                kept = [tag for tag in state.tags if tag.casefold() not in remove]
                return replace(state, tags=(*kept, *add))

            self.change_states(f"Changed the tags of {plural(len(ids), 'article')}", ids, change)

        question = f"Tags for {plural(len(ids), 'marked article')}"
        hint = "words add tags, -word takes one off (import tags stay)"
        self.app.push_screen(PromptScreen(question, hint=hint), edited)

    def action_delete_articles(self) -> None:
        """Move the marked articles (or the one under the cursor) to the trash; ask first
        when any has notes."""
        ids = self.targets()
        if not ids:
            return
        notes = sum(self.rows[article_id].notes for article_id in ids)
        if not notes:
            self.trash(ids)
            return
        if len(ids) == 1:
            title = defused(self.rows[ids[0]].article.title, one_line=True)
            question = f"Move “{title}” and its {plural(notes, 'note')} to the trash?"
        else:
            question = (
                f"Move {plural(len(ids), 'article')} and {plural(notes, 'note')} to the trash?"
            )
        self.app.push_screen(ConfirmScreen(question), lambda yes: self.trash(ids) if yes else None)

    def trash(self, article_ids: list[str]) -> None:
        try:
            moved = self.library.trash_articles(article_ids)
        except LibraryError as error:
            report_unsaved(self, error)
            return
        for article_id in article_ids:
            self.marked.pop(article_id, None)
        one = f"“{defused(moved[0].title, one_line=True)}”" if len(moved) == 1 else None
        what = f"Moved {one or plural(len(moved), 'article')} to the trash"

        def undo() -> None:
            self.library.restore_articles(article_ids)
            self.reload(article_ids[0])

        self.remember(what, undo)
        self.notify(f"{what} · u undoes", title="Deleted", markup=False)
        self.reload()

    def action_export_notes(self) -> None:
        """Write the notes of the marked articles (or the current one) to one Markdown file."""
        ids = self.targets()
        if not ids:
            return

        def chosen(answer: str | None) -> None:
            if answer:
                self.export_notes(ids, Path(answer).expanduser(), replace_file=False)

        question = f"Export the notes of {plural(len(ids), 'article')} to"
        self.app.push_screen(PromptScreen(question, "gloss-notes.md"), chosen)

    def export_notes(self, ids: list[str], path: Path, replace_file: bool) -> None:
        from tui.annotations.export import markdown_files
        from tui.commands.export_destination import write_files
        from tui.commands.user_error import UserError

        files = [text for article_id in ids for _, text in markdown_files(self.library, article_id)]
        try:
            write_files([(path, "\n".join(files))], force=replace_file)
        except UserError as error:
            if replace_file or "already exists" not in str(error):
                self.notify(str(error), title="Not exported", severity="error", markup=False)
                return
            self.app.push_screen(
                ConfirmScreen(f"{path} exists. Replace it?"),
                lambda yes: self.export_notes(ids, path, replace_file=True) if yes else None,
            )
            return
        self.notify(f"Exported the notes of {plural(len(ids), 'article')} to {path}", markup=False)

    def reload(self, current: str | None = None) -> None:
        """Read the library again (articles came or went: a delete, a refresh, a saved page).

        The cursor goes to `current`, else stays on its article, else near where it was.
        """
        index, before = self.table.cursor, self.table.current_id
        self.load_rows()
        rows = sorted_rows(list(self.rows.values()), self.sort)
        if current is None and before in self.rows:
            current = before
        if current is None and rows:
            current = rows[min(index, len(rows) - 1)].id
        self.table.show(rows, current)
        if self.searching:
            self.run_search(self.query_box.value.strip())
        self.update_title()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.undos) or None
        if action in ("toggle_star", "toggle_read", "edit_tags", "delete_articles", "export_notes"):
            return bool(self.targets())
        if action in ("open_url", "toggle_mark"):
            return self.current_id() is not None
        if action == "cycle_sort":
            return not self.searching or None
        if action == "focus_list":
            return self.query_box.has_focus
        if action == "entity_page":
            return self.searched_entity() is not None
        return True

    def searched_entity(self) -> str | None:
        """The first entity: filter of the search, for `i` (its page)."""
        try:
            entities = parse_query(self.query_box.value).entities
        except QueryError:
            return None
        return entities[0] if entities else None

    def action_entity_page(self) -> None:
        from tui.screens.entity_screen import EntityScreen

        name = self.searched_entity()
        if name is not None:
            self.app.push_screen(EntityScreen(self.library, name))

    def action_all_notes(self) -> None:
        """Every note and highlight, filtered by this search (color: added there)."""
        from tui.screens.notes_screen import NotesScreen

        self.app.push_screen(NotesScreen(self.library, self.query_box.value.strip()))

    def refresh_article(self, article_id: str) -> None:
        """Show what the library now holds for this article, in the table and the results."""
        self.redraw_rows([article_id])

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
        tag_style = Paints.of(self.table).tag
        items = [
            (tag, Text.assemble((f"#{tag}", tag_style), (f"  {count}", "dim")))
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
