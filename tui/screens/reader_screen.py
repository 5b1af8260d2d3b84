"""The reader: entity sidebar, article and notes side by side.

Why one long module: it is where the three panes' messages meet the
Library; each method is one key's action or one pane's message, kept short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from importlib import import_module
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer

from tui.annotations.tags import all_tags, parse_tags, tags_in
from tui.entities.versions import stored_entities_problem
from tui.ingest.clean import defused
from tui.models import Article, Entity, Note, ReadingState
from tui.screens.entity_correcting import EntityCorrecting
from tui.screens.unsaved import report_unsaved
from tui.search.snippets import around
from tui.search.text_find import find_spans
from tui.store import Library, LibraryError, LibraryReadOnlyError
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.notes_pane import NotesPane
from tui.widgets.paints import Paints
from tui.widgets.search_bar import SearchBar, mark_label

NOTES_POLL_EVERY = 1.0
"""Seconds between looks for notes changed by another Gloss process (a stat per notes shard)."""
BACKGROUND_DELAY = 0.25
"""Seconds before the background reads (article order, entity counts) start: parsing
holds the GIL, so started at once they kept the first frame from reaching the terminal."""


class ReaderScreen(Screen[None]):
    """Owns which article is shown and which pane is current; talks to the Library."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="reader.next_pane"
        ),
        Binding(
            "shift+tab",
            "cycle_pane(-1)",
            "Previous pane",
            show=False,
            priority=True,
            id="reader.previous_pane",
        ),
        Binding(
            "left_square_bracket",
            "step_article(-1)",
            "Prev article",
            key_display="[",
            id="reader.previous_article",
        ),
        Binding(
            "right_square_bracket",
            "step_article(1)",
            "Next article",
            key_display="]",
            id="reader.next_article",
        ),
        Binding("l", "open_library", "Library", id="reader.library"),
        Binding("H", "all_notes", "All notes", show=False, id="reader.all_notes"),
        Binding("A", "note_on_article", "Note on article", show=False, id="reader.article_note"),
        Binding("slash", "find", "Find", key_display="/", id="reader.find"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="reader.toggle_read"),
        Binding("s", "toggle_star", "Star", show=False, id="reader.star"),
        Binding("t", "edit_tags", "Tags", show=False, id="reader.tags"),
        Binding("o", "open_url", "Open URL", show=False, id="reader.open_url"),
    ]
    PANE_ORDER = ("entities", "article", "notes")
    AUTO_FOCUS = "#article"

    def __init__(self, library: Library, article_id: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.article_id = article_id
        self.current_pane = "article"
        self.last_color: str | None = None
        self.deleted: list[Note] = []  # for undo, newest last
        self.correcting = EntityCorrecting(self, library, self.refresh_entities)
        self._notes_seen: object | None = None  # Library.notes_version when the pane was filled

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield EntitySidebar(id="entities")
            yield ArticleView(id="article")
            yield NotesPane(id="notes")
        yield SearchBar(id="find")
        yield Footer()

    _smooth_scrolling = False

    @property
    def smooth_scrolling(self) -> bool:
        """Whether page and line keys glide (ui.json; off by default, as in `less`)."""
        return self._smooth_scrolling

    @smooth_scrolling.setter
    def smooth_scrolling(self, smooth: bool) -> None:
        self._smooth_scrolling = smooth
        for view in self.query(ArticleView):  # none before the screen is composed
            view.smooth_scrolling = smooth

    _bindings_check_pending = False
    _shown_bindings: tuple[tuple[str, str, str, bool, bool], ...] | None = None

    def refresh_bindings(self) -> None:
        """Tell the Footer only when the keys it shows changed: it rebuilds every key.

        The panes ask after each change of their state (several times per article
        switch); the asks are gathered into one look after the next refresh.
        """
        if not self._bindings_check_pending:
            self._bindings_check_pending = True
            self.call_after_refresh(self._publish_changed_bindings)

    def _publish_changed_bindings(self) -> None:
        self._bindings_check_pending = False
        shown = tuple(
            (key, b.binding.action, b.binding.description, b.enabled, b.binding.show)
            for key, b in self.active_bindings.items()
        )
        if shown != self._shown_bindings:
            self._shown_bindings = shown
            super().refresh_bindings()

    def on_mount(self) -> None:
        """Open on the article read last (no catalog to parse), else on the newest one."""
        try:
            if self.article_id is None:
                self.article_id = self.library.last_read_article()
            if self.article_id is None:
                self.article_id = next(iter(self.library.article_ids()), None)
        except LibraryError as error:  # a damaged file: said in one line, the app stays up
            self.notify(str(error), title="Cannot open", severity="error", markup=False)
        self.query_one(ArticleView).smooth_scrolling = self.smooth_scrolling
        if self.article_id is not None:
            self.show_article(self.article_id, at_start=True)
        self.focus_pane("article")
        self.set_timer(BACKGROUND_DELAY, self.load_article_order)
        self.set_interval(NOTES_POLL_EVERY, self.follow_notes)
        Paints.follow_theme(self, self.show_reading_state)

    @work(thread=True, exclusive=True, group="article-order", name="reading the catalog")
    def load_article_order(self) -> None:
        """Parse the catalog once the first article is on screen, so `]` need not wait for it;
        and import the notes pane's Markdown (markdown-it), left out of the start."""
        self.library.article_ids()
        import_module("tui.widgets.markdown_text")

    def show_article(self, article_id: str, at: int | None = None, at_start: bool = False) -> None:
        """Show an article where it was left, or with the passage at offset `at` on top.

        The first frame needs the text and its own notes (highlights); the entities only
        when `c` colours them. The rest comes after it (`_fill_side_panes`).
        """
        self.leave_article()
        view = self.query_one(ArticleView)
        try:
            article = self.library.get_article(article_id)
            notes = self.library.notes(article.id)
            entities = self.library.entities(article.id) if view.colour_entities else None
            self._notes_seen = None if at_start else self.library.notes_version()
        except LibraryError as error:  # a damaged file: say it in one line, stay where we were
            self.article_id = view.article.id if view.article is not None else None
            self.notify(str(error), title="Cannot show the article", severity="error", markup=False)
            return
        self.article_id = article.id
        view.show(article, entities or (), notes)
        self.deleted.clear()
        self.app.sub_title = article.title
        self.arrive_at_article(at)
        self.call_after_refresh(self._fill_side_panes, article, entities, notes, at_start)

    def _fill_side_panes(
        self, article: Article, entities: list[Entity] | None, notes: list[Note], at_start: bool
    ) -> None:
        """After the article's first frame (the article is what is read): its entities
        (the long page's 1,210 took 5 ms to read), the sidebar, and the notes pane with
        the notes on its entities written elsewhere. At start those need every notes
        shard read (the note index), so they come from a worker."""
        if article.id != self.article_id:
            return
        view = self.query_one(ArticleView)
        shown_coloured = entities is not None
        try:
            if entities is None:
                entities = self.library.entities(article.id)
            version = self.library.extractor_version(article.id)
            if not at_start:
                notes = notes + self.notes_elsewhere(article.id, entities)
        except LibraryError as error:  # a damaged file: the article stays, said in one line
            self.notify(
                str(error), title="Cannot show the entities", severity="error", markup=False
            )
            return
        if view.colour_entities and not shown_coloured:  # `c` pressed within the frame
            view.show_entities(entities)
        else:
            view.entities = entities  # no colours drawn from them: no repaint
        problem = stored_entities_problem(version, article.language)
        elsewhere = self.elsewhere(entities)  # as last counted: the worker corrects them
        self.query_one(EntitySidebar).show(entities, elsewhere, problem=problem)
        self.query_one(NotesPane).show(notes)
        if at_start:
            self.look_for_notes(article.id, entities, None)
        article_id = article.id
        if entities:
            self.set_timer(BACKGROUND_DELAY, lambda: self.count_elsewhere(article_id, entities))
        self.set_timer(BACKGROUND_DELAY, lambda: self.read_ahead(article_id))

    @work(thread=True, exclusive=True, group="read-ahead", exit_on_error=False)
    def read_ahead(self, article_id: str) -> None:
        """Read the articles `[` and `]` open, so that their body shards are parsed before
        the key: at 100k articles a shard is 5 MB of JSON, 40 ms on the UI thread. A
        damaged file is left for the key to report (exit_on_error=False)."""
        for step in (1, -1):
            neighbour = self.library.article_beside(article_id, step)
            if neighbour is not None:
                self.library.get_article(neighbour)

    @work(thread=True, exclusive=True, group="entity-counts", name="counting entities")
    def count_elsewhere(self, article_id: str, entities: list[Entity]) -> None:
        """How many other articles name each entity: every entity shard is read, so not here."""
        counts = self.library.entity_article_counts()
        self.app.call_from_thread(self._show_elsewhere, article_id, entities, counts)

    _counts: dict[str, int] | None = None  # articles naming each entity, as last counted

    def elsewhere(self, entities: Sequence[Entity]) -> dict[str, int]:
        """Other articles naming each entity, as last counted: the sidebar shows the
        counts in its first frame, and only the rows whose count changed are redrawn."""
        counts = self._counts or {}
        return {e.name: max(counts.get(e.name.casefold(), 1) - 1, 0) for e in entities}

    def _show_elsewhere(
        self, article_id: str, entities: list[Entity], counts: dict[str, int]
    ) -> None:
        self._counts = counts
        if article_id != self.article_id:
            return
        for sidebar in self.query(EntitySidebar):  # none once the app is closing
            sidebar.show_elsewhere(self.elsewhere(entities))

    def on_entity_sidebar_chosen(self, message: EntitySidebar.Chosen) -> None:
        self.mark_entity(message.entity)

    def mark_entity(self, entity: Entity, at: int | None = None) -> None:
        """Mark every mention in the article pane and go there (to `at`, if given)."""
        view = self.query_one(ArticleView)
        view.mark([(m.start, m.end) for m in entity.mentions], entity.name)
        if at is not None:
            view.step_to(next((i for i, (start, _) in enumerate(view.marks) if start == at), 0))
        self.focus_pane("article")

    def on_entity_sidebar_correction_wanted(self, message: EntitySidebar.CorrectionWanted) -> None:
        others = self.query_one(EntitySidebar).entities
        self.correcting.ask(message.action, message.entity, others)

    def on_entity_sidebar_undo_wanted(self) -> None:
        self.correcting.undo()

    def refresh_entities(self, keep: str | None = None) -> None:
        """Show the article's entities again, as corrected (on entity `keep` in the sidebar)."""
        if self.article_id is None:
            return
        article_id = self.article_id
        try:
            entities = self.library.entities(article_id)
        except LibraryError as error:
            self.notify(
                str(error), title="Cannot show the entities", severity="error", markup=False
            )
            return
        self.query_one(ArticleView).show_entities(entities)
        sidebar = self.query_one(EntitySidebar)
        sidebar.show(entities, self.elsewhere(entities), problem=sidebar.problem, keep=keep)
        sidebar.can_undo = bool(self.correcting.made)
        sidebar.refresh_bindings()
        if entities:
            self.count_elsewhere(article_id, entities)

    def on_entity_sidebar_page_wanted(self, message: EntitySidebar.PageWanted) -> None:
        self.open_entity_page(message.entity.name)

    def open_entity_page(self, name: str) -> None:
        from tui.screens.entity_screen import EntityScreen

        self.save_position()
        self.app.push_screen(EntityScreen(self.library, name))

    def action_all_notes(self) -> None:
        from tui.screens.notes_screen import NotesScreen

        self.save_position()
        self.app.push_screen(NotesScreen(self.library))

    def show_mention(self, article_id: str, name: str, at: int) -> None:
        """Show an article at a mention, with every mention of the entity `name` marked."""
        self.show_article(article_id, at=at)
        if self.article_id != article_id:
            return  # it could not be shown: said already
        entity = self.entity_named(article_id, name)
        if entity is not None:
            self.mark_entity(entity, at=at)

    def entity_named(self, article_id: str, name: str) -> Entity | None:
        """The article's entity of this name, in any case (read from the Library: the
        pane has its entities only after the article's first frame)."""
        wanted = name.casefold()
        try:
            entities = self.library.entities(article_id)
        except LibraryError:
            return None  # said when the sidebar is filled
        return next((e for e in entities if e.name.casefold() == wanted), None)

    def go_to_note(self, note: Note) -> None:
        """Show a note's article at its passage (an orphan: the note, to re-attach it)."""
        placed = note.selector is not None and not note.orphaned
        start = note.selector.start if placed and note.selector is not None else None
        if note.article_id != self.article_id or start is not None:
            self.show_article(note.article_id, at=start)
        if note.article_id != self.article_id:
            return  # it could not be shown: said already
        if note.orphaned:  # the cursor on it once the pane holds this article's notes
            self.call_after_refresh(self._notes_cursor_on, note.id)
            self.focus_pane("article")
            self.notify(
                "To re-attach the note: select its passage (v, then w ) }), "
                "go to the notes pane (tab) and press r."
            )
            return
        self.jump_to_note(note)

    def _notes_cursor_on(self, note_id: str) -> None:
        """Runs after `_fill_side_panes` (queued before it), which lists the article's notes."""
        pane = self.query_one(NotesPane)
        pane.show(pane.notes, keep=note_id)

    def on_entity_sidebar_others_wanted(self, message: EntitySidebar.OthersWanted) -> None:
        from tui.screens.mentions_screen import MentionRow, MentionsScreen

        name = message.entity.name
        rows = []
        for summary, entity in self.library.articles_naming(name):
            if summary.id == self.article_id or not entity.mentions:
                continue
            text = self.library.get_article(summary.id).text
            first = min(entity.mentions, key=lambda mention: mention.start)
            window, span = around(text, first.start, first.end)
            rows.append(
                MentionRow(
                    summary.id,
                    summary.title,
                    summary.date,
                    first.start,
                    first.end,
                    window,
                    span,
                    len(entity.mentions),
                )
            )
        rows.sort(key=lambda row: -row.count)  # the articles most about it first

        def chosen(row: MentionRow | None) -> None:
            if row is None:
                return
            self.show_article(row.article_id)
            entity = self.entity_named(row.article_id, name)
            if self.article_id == row.article_id and entity is not None:
                self.mark_entity(entity, at=row.start)

        self.app.push_screen(MentionsScreen(name, rows), chosen)

    def pane(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    def focus_pane(self, name: str) -> None:
        """Focus a pane; on narrow terminals only the current pane is on screen."""
        self.pane(self.current_pane).remove_class("-current")
        self.current_pane = name
        pane = self.pane(name)
        pane.add_class("-current")
        pane.focus()

    def on_descendant_focus(self) -> None:
        """A click can focus a pane too: keep the current pane in step."""
        for name in self.PANE_ORDER:
            pane = self.pane(name)
            if pane.has_focus_within and name != self.current_pane:
                self.pane(self.current_pane).remove_class("-current")
                self.current_pane = name
                pane.add_class("-current")

    def action_cycle_pane(self, step: int) -> None:
        order = [name for name in self.PANE_ORDER if not self.has_class(f"-hide-{name}")]
        index = order.index(self.current_pane) if self.current_pane in order else 0
        self.focus_pane(order[(index + step) % len(order)])

    def action_step_article(self, step: int) -> None:
        target = self.library.article_beside(self.article_id, step)
        if target is not None:
            self.show_article(target)
        elif self.article_id is not None:  # (an empty library has nowhere to go)
            self.app.bell()
            self.notify("This is the last article." if step > 0 else "This is the first article.")

    def action_open_library(self) -> None:
        from tui.screens.library_screen import LibraryScreen

        self.save_position()

        def opened(article_id: str | None) -> None:
            if article_id is not None:
                self.show_article(article_id)
            elif self.article_id is not None:
                self.leave_if_trashed()

        self.app.push_screen(LibraryScreen(self.library, self.article_id), opened)

    def leave_if_trashed(self) -> None:
        """The article shown was deleted in the library: show the first one left instead."""
        try:
            ids = self.library.article_ids()
        except LibraryError:
            return
        if self.article_id in ids:
            return
        self.article_id = None  # nothing to save for an article in the trash
        if ids:
            self.show_article(ids[0])
        else:
            self.notify("The library is empty: `gloss restore` or `gloss import` fills it.")

    # -- notes and highlights: every change goes to the Library at once ------------

    def notes_of(self, article_id: str, entities: Sequence[Entity]) -> list[Note]:
        """The article's notes, then the notes on its entities written in other articles.

        A note on an entity belongs to the entity: it shows in every article naming it.
        """
        return self.library.notes(article_id) + self.notes_elsewhere(article_id, entities)

    def notes_elsewhere(self, article_id: str, entities: Sequence[Entity]) -> list[Note]:
        """Notes on these entities written in other articles (they show in every one)."""
        names = [entity.name for entity in entities]
        return [
            note
            for note in self.library.entity_notes(names)
            if note.article_id != article_id and note.selector is None
        ]

    def refresh_notes(self, keep: str | None = None) -> None:
        assert self.article_id is not None
        self._notes_seen = self.library.notes_version()
        notes = self.notes_of(self.article_id, self.query_one(ArticleView).entities)
        self.query_one(NotesPane).show(notes, keep)
        self.query_one(ArticleView).show_annotations(notes)

    def follow_notes(self) -> None:
        """Show notes another Gloss process (the command line too) added, changed or deleted."""
        if self.app.screen is self and self.article_id is not None:
            entities = list(self.query_one(ArticleView).entities)
            self.look_for_notes(self.article_id, entities, self._notes_seen)

    @work(thread=True, exclusive=True, group="follow-notes", exit_on_error=False)
    def look_for_notes(self, article_id: str, entities: list[Entity], seen: object | None) -> None:
        """On a worker: the Library may be busy with another worker's long read."""
        version = self.library.notes_version()
        if version is not None and version == seen:
            return
        try:
            notes = self.notes_of(article_id, entities)
        except LibraryError:
            return  # a file being replaced: the next look tries again
        self.app.call_from_thread(self._notes_looked_at, article_id, notes, version)

    def _notes_looked_at(self, article_id: str, notes: list[Note], version: object | None) -> None:
        if article_id != self.article_id or not self.is_attached:
            return
        self._notes_seen = version
        pane = self.query_one(NotesPane)
        if notes != pane.notes:
            current = pane.current
            pane.show(notes, keep=current.id if current is not None else None)
            self.query_one(ArticleView).show_annotations(notes)

    def add_note(self, note: Note) -> bool:
        """False when the Library could not save it (the user has been told why)."""
        try:
            stored = self.library.add_note(note)
        except LibraryError as error:
            report_unsaved(self, error)
            return False
        self.refresh_notes(keep=stored.id)
        return True

    def on_article_view_annotate_requested(self, message: ArticleView.AnnotateRequested) -> None:
        from tui.screens.color_picker_screen import ColorPickerScreen
        from tui.screens.note_editor_screen import NoteEditorScreen

        view = self.query_one(ArticleView)
        assert view.article is not None and self.article_id is not None
        from tui.annotations.anchoring import make_selector  # 1.5 ms: not at start

        selector = make_selector(view.article.text, message.start, message.end)
        article_id = self.article_id

        def colored(color: str | None) -> None:
            if color is not None:
                self.last_color = color
                note = Note(id="", article_id=article_id, selector=selector, color=color)
                if self.add_note(note):
                    view.end_selection()

        def written(body: str | None) -> None:
            if body is not None and body.strip():
                note = Note(
                    id="",
                    article_id=article_id,
                    body=body.strip(),
                    selector=selector,
                    tags=tags_in(body),
                )
                if self.add_note(note):
                    view.end_selection()
            elif body is not None:
                self.notify("Nothing written: no note saved.")

        if message.kind == "highlight":
            self.app.push_screen(ColorPickerScreen(self.last_color), colored)
        else:
            self.app.push_screen(NoteEditorScreen(f"“{selector.exact}”"), written)

    def write_note(self, about: str, entity: str | None = None) -> None:
        """A note about the whole article, or about one of its entities."""
        from tui.screens.note_editor_screen import NoteEditorScreen

        assert self.article_id is not None
        article_id = self.article_id

        def written(body: str | None) -> None:
            if body is not None and body.strip():
                self.add_note(
                    Note(
                        id="",
                        article_id=article_id,
                        body=body.strip(),
                        tags=tags_in(body),
                        entity=entity,
                    )
                )

        self.app.push_screen(NoteEditorScreen(about), written)

    def action_note_on_article(self) -> None:
        if self.article_id is not None:
            self.write_note("The whole article")

    def on_entity_sidebar_note_wanted(self, message: EntitySidebar.NoteWanted) -> None:
        self.write_note(f"About {message.entity.name}", entity=message.entity.name)

    def on_notes_pane_wanted(self, message: NotesPane.Wanted) -> None:
        from tui.screens.note_editor_screen import NoteEditorScreen

        note = message.note
        view = self.query_one(ArticleView)
        if message.action == "jump":
            self.jump_to_note(note)
        elif message.action == "edit":

            def edited(body: str | None) -> None:
                if body is not None and body.strip() != note.body:
                    changed = replace(note, body=body.strip(), tags=tags_in(body))
                    try:
                        self.refresh_notes(keep=self.library.update_note(changed).id)
                    except LibraryError as error:
                        report_unsaved(self, error)

            self.app.push_screen(NoteEditorScreen(note_about(note), note.body), edited)
        elif message.action == "delete":
            try:
                self.deleted.append(self.library.delete_note(note.id, note.article_id))
            except LibraryError as error:
                report_unsaved(self, error)
                return
            self.query_one(NotesPane).can_undo = True
            self.refresh_notes()
            self.notify("Note deleted: u brings it back.")
        elif message.action == "reattach":
            if view.selection is None or view.article is None:
                self.notify("First select the passage in the article (v, then w ) }), then r here.")
                return
            from tui.annotations.anchoring import make_selector

            selector = make_selector(view.article.text, *view.selection)
            try:
                self.library.update_note(replace(note, selector=selector, orphaned=False))
            except LibraryError as error:
                report_unsaved(self, error)
                return
            view.end_selection()
            self.refresh_notes(keep=note.id)

    def on_notes_pane_undo_wanted(self) -> None:
        if self.deleted:
            try:
                restored = self.library.add_note(self.deleted[-1])
            except LibraryError as error:
                report_unsaved(self, error)  # still in the undo list: u tries again
                return
            self.deleted.pop()
            self.query_one(NotesPane).can_undo = bool(self.deleted)
            self.refresh_notes(keep=restored.id)

    def jump_to_note(self, note: Note) -> None:
        view = self.query_one(ArticleView)
        if note.selector is not None and not note.orphaned:
            view.mark([(note.selector.start, note.selector.end)], "note")
        elif note.entity and self.article_id is not None:
            entity = self.entity_named(self.article_id, note.entity)
            if entity is not None:
                self.mark_entity(entity)
                return
        else:
            view.scroll_home(animate=False)
        self.focus_pane("article")

    # -- reading state, find in the article, tags, web page, pane toggles ------------

    POSITION_SAVE_DELAY = 1.0  # seconds without scrolling before the position is saved
    reading: ReadingState | None = None
    _saved_position: int | None = None
    _position_problem: str | None = None  # why the last position save failed, once said
    _save_timer: Timer | None = None
    _restoring = False  # the stored position is being restored: not the reader's scroll
    _auto_read = False  # reaching the bottom marks the article read (until `m` says no)
    _watching_scroll = False
    _find_from = 0  # where the reader was when `/` opened the find box
    _find_cursor = 0  # and where the reading cursor was

    def leave_article(self) -> None:
        """Before another article is shown: save the position here, close the find box."""
        self.save_position()
        if self._save_timer is not None:
            self._save_timer.stop()
        self.query_one(SearchBar).close()

    def arrive_at_article(self, at: int | None = None) -> None:
        """After an article is shown: read its state, go back to the passage left at the top
        (or to the one at offset `at`). The "last read" stamp, a durable write, waits for
        the first frame."""
        assert self.article_id is not None
        view = self.query_one(ArticleView)
        if not self._watching_scroll:
            self._watching_scroll = True
            self.watch(view, "scroll_y", self._article_scrolled, init=False)
        self.reading = self.library.reading_state(self.article_id)
        self.call_after_refresh(self._stamp_opened_later, self.article_id)
        self._saved_position = self.reading.position
        self._auto_read = not self.reading.read
        self._restoring = True
        self.show_reading_state()
        position = self.reading.position if at is None else at
        view.call_after_refresh(self._restore_position, self.article_id, position)

    def _stamp_opened_later(self, article_id: str) -> None:
        """The "last read" stamp is a durable write: after the article's first frame."""
        if article_id == self.article_id:
            self.reading = self.stamp_opened(article_id)

    def stamp_opened(self, article_id: str) -> ReadingState:
        """Opening an article is reading it (the library's "last read" sort), scrolled or not."""
        try:
            return self.library.stamp_last_read(article_id)
        except LibraryError as error:
            self.say_position_problem(error)
            return self.library.reading_state(article_id)

    def say_position_problem(self, error: LibraryError) -> None:
        """A reading position that cannot be saved is said once, not at every pause
        (a read-only library was said at start)."""
        expected = isinstance(error, LibraryReadOnlyError)
        if str(error) != self._position_problem and not expected:
            report_unsaved(self, error)
        self._position_problem = str(error)

    def on_screen_resume(self) -> None:
        """Back from the library (or a dialog): it may have changed this article's state."""
        if self.reading is not None and self.article_id is not None:
            self.reading = self.library.reading_state(self.article_id)
            self._auto_read = self._auto_read and not self.reading.read
            self.show_reading_state()

    def _restore_position(self, article_id: str, position: int, tries: int = 0) -> None:
        """Runs on the article pane after its own scroll to the top, once laid out."""
        if article_id != self.article_id:
            return
        view = self.query_one(ArticleView)
        if not view.is_laid_out() and tries < 10:
            view.call_after_refresh(self._restore_position, article_id, position, tries + 1)
            return
        view.scroll_offset_to_top(position)
        self._restoring = False
        if view.size.height and view.virtual_size.height and view.max_scroll_y == 0:
            self.read_to_the_end()  # it all fits on screen

    def _article_scrolled(self, old: float, new: float) -> None:
        if self._restoring or self.reading is None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.POSITION_SAVE_DELAY, self.save_position)
        bottom = self.query_one(ArticleView).max_scroll_y
        if bottom > 0 and round(new) >= bottom > round(old):
            self.read_to_the_end()

    def save_position(self, quitting: bool = False) -> LibraryError | None:
        """Store the offset of the passage at the top of the article pane, if it moved.

        It is saved on its own, while scrolling: a failure is said once
        (say_position_problem) and returned for quitting to say.
        When quitting it is saved anyway: that stamps the article as the one read
        last, so the next start opens on it.
        """
        view = self.query_one(ArticleView)
        if self._restoring or self.article_id is None or view.article is None:
            return None
        if view.article.id != self.article_id:
            return None
        offset = view.top_offset()
        moved = offset != self._saved_position
        if not moved and not (quitting and not self.library.read_only):
            return None
        try:
            if moved:
                self.library.save_position(self.article_id, offset)
            else:  # another window may have moved on in this article: keep its place
                self.library.stamp_last_read(self.article_id)
        except LibraryError as error:
            self.say_position_problem(error)
            return error
        self._saved_position = offset
        self._position_problem = None
        return None

    def read_to_the_end(self) -> None:
        """Reaching the bottom marks the article read, unless `m` said otherwise this time."""
        if self._auto_read and self.reading is not None and not self.reading.read:
            self._auto_read = False
            self.set_reading(read=True, automatic=True)

    def set_reading(
        self, *, read: bool | None = None, starred: bool | None = None, automatic: bool = False
    ) -> bool:
        """False when it could not be saved: said, unless automatic in a read-only library."""
        assert self.article_id is not None
        try:
            if read is not None:
                self.library.set_read(self.article_id, read)
            if starred is not None:
                self.library.set_starred(self.article_id, starred)
        except LibraryError as error:
            if not (automatic and isinstance(error, LibraryReadOnlyError)):
                report_unsaved(self, error)
            return False
        self.reading = self.library.reading_state(self.article_id)
        self.show_reading_state()
        return True

    def current_tags(self) -> tuple[str, ...]:
        """The article's import tags, then the reader's own."""
        view = self.query_one(ArticleView)
        imported = view.article.tags if view.article is not None else ()
        return all_tags(imported, self.reading.tags if self.reading is not None else ())

    def show_reading_state(self) -> None:
        """The article pane's title says read or unread, starred, and the tags."""
        state = self.reading
        title = Text("Article")
        if state is not None:
            title.append(" · read" if state.read else " · unread")
            paints = Paints.of(self.query_one(ArticleView))
            if state.starred:
                title.append(" · ★", style=paints.star)
            tags = self.current_tags()
            if tags:
                title.append(" · ")
                title.append(
                    defused(" ".join(f"#{tag}" for tag in tags), one_line=True), style=paints.tag
                )
        self.query_one(ArticleView).border_title = title

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("find", "toggle_read", "toggle_star", "edit_tags", "open_url"):
            return self.reading is not None
        return True

    def action_toggle_read(self) -> None:
        if self.reading is not None:
            self._auto_read = False
            if self.set_reading(read=not self.reading.read):
                self.notify("Marked read." if self.reading.read else "Marked unread.")

    def action_toggle_star(self) -> None:
        if self.reading is not None and self.set_reading(starred=not self.reading.starred):
            self.notify("Starred." if self.reading.starred else "Star removed.")

    def action_edit_tags(self) -> None:
        from tui.screens.tag_editor_screen import TagEditorScreen

        view = self.query_one(ArticleView)
        if view.article is None:
            return
        article_id = view.article.id

        def edited(answer: str | None) -> None:
            if answer is not None and article_id == self.article_id:
                try:
                    self.library.set_article_tags(article_id, parse_tags(answer))
                except LibraryError as error:
                    report_unsaved(self, error)
                    return
                self.reading = self.library.reading_state(article_id)
                self.show_reading_state()

        own = self.reading.tags if self.reading is not None else ()
        prompt = TagEditorScreen(view.article.title, view.article.tags, own)
        self.app.push_screen(prompt, edited)

    def action_open_url(self) -> None:
        from tui.screens.browser import open_in_browser

        view = self.query_one(ArticleView)
        if view.article is not None:
            open_in_browser(self, view.article.url)

    def action_find(self) -> None:
        view = self.query_one(ArticleView)
        if view.article is not None:
            self._find_from = view.top_offset()
            self._find_cursor = view.cursor
            self.query_one(SearchBar).open()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        """Mark every match as the query is typed; go to the first one below the start."""
        view = self.query_one(ArticleView)
        if view.article is None:
            return
        if not message.query.strip():
            self.back_to_find_start()
            return
        view.mark(find_spans(view.article.text, message.query), mark_label(message.query))
        below = (i for i, (start, _) in enumerate(view.marks) if start >= self._find_from)
        first = next(below, 0)
        if first:
            view.step_to(first)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self.query_one(SearchBar).close()
        self.focus_pane("article")

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.query_one(SearchBar).close()
        self.back_to_find_start()
        self.focus_pane("article")

    def back_to_find_start(self) -> None:
        """No marks, and the passage and reading cursor from before `/`."""
        view = self.query_one(ArticleView)
        view.action_clear_marks()
        view.cursor = self._find_cursor
        view.scroll_offset_to_top(self._find_from)

    def toggle_pane(self, name: str) -> bool:
        """Hide or show the entity sidebar or the notes pane; True when it is now shown."""
        hidden = self.toggle_class(f"-hide-{name}").has_class(f"-hide-{name}")
        if hidden and self.current_pane == name:
            self.focus_pane("article")
        return not hidden


def note_about(note: Note) -> str:
    """What the editor shows above the text: the quote, the entity or the article."""
    if note.selector is not None:
        return f"“{note.selector.exact}”"
    if note.entity:
        return f"About {note.entity}"
    return "The whole article"
