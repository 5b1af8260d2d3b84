"""GlossApp: the reader's screens, app-wide keys and the command palette."""

from __future__ import annotations

import pkgutil
from collections.abc import Iterable
from contextlib import suppress
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

import tui.palette
import tui.screens
import tui.widgets
from tui.ingest.clean import defused, strip_controls
from tui.paths import keys_file, shown, ui_state_file
from tui.screens.reader_screen import ReaderScreen
from tui.settings.ui_state import read_ui_state, write_ui_state
from tui.store import Library, LibraryError

if TYPE_CHECKING:
    from textual.command import Provider

# Only the reader is imported at start: every other screen, the palette's providers and
# the web code are imported where they are first used, so that cold start is the
# reader's imports and one frame (tests/ui/test_cold_start_imports.py keeps it so).

TOGGLED_PANES = {"entities": "entity sidebar", "notes": "notes pane"}
TEXTUAL_COMMANDS_KEPT = ("Theme", "Quit")
"""Textual's palette entries Gloss keeps: its "Keys" is Gloss's help, and "Maximize",
"Minimize" and "Screenshot" are not Gloss's business."""
LIBRARY_NOTICES_EVERY = 1.0
"""Seconds between looks for what the library did by itself (reads happen on worker threads)."""


# Binding id prefixes whose bindings apply at once: a pane or dialog, its screen, the app.
BOUND_TOGETHER = (
    ("article", "reader", "app"),
    ("entities", "reader", "app"),
    ("notes", "reader", "app"),
    ("find", "reader", "app"),
    ("library", "app"),
    ("results", "library", "app"),
    ("all_notes", "app"),
    ("entity_page", "app"),
    *((dialog, "app") for dialog in ("help", "choice", "mentions", "confirm", "editor")),
    *((dialog, "app") for dialog in ("prompt", "highlight")),
)


def import_every_binding_owner() -> None:
    """Import every screen, widget and palette module: the classes that own bindings.

    Only the reader's are imported at start; keys.toml may name a key of any screen,
    so checking it (and help, which lists them all) needs them all. Textual applies
    the remap to a screen imported later by itself (it reads the app's keymap).
    """
    for package in (tui.screens, tui.widgets, tui.palette):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            import_module(module.name)


def default_keys() -> dict[str, list[str]]:
    """Every binding id of Gloss's own screens and widgets (what keys.toml may remap),
    with its keys before remapping."""
    import_every_binding_owner()
    keys: dict[str, list[str]] = {}
    classes: list[type[DOMNode]] = [DOMNode]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui."):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.id is not None:
                    keys.setdefault(binding.id, []).append(binding.key)
    return keys


def binding_ids() -> set[str]:
    return set(default_keys())


def article_commands() -> type[Provider]:
    """The palette's providers are imported when the palette first opens (Textual calls these)."""
    from tui.palette.article_commands import ArticleCommands

    return ArticleCommands


def entity_commands() -> type[Provider]:
    from tui.palette.entity_commands import EntityCommands

    return EntityCommands


def library_commands() -> type[Provider]:
    from tui.palette.library_commands import LibraryCommands

    return LibraryCommands


class GlossApp(App[None]):
    """One factory for the CLI and the tests: give it a Library and maybe an article."""

    TITLE = "Gloss"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
    ]
    COMMANDS = App.COMMANDS | {article_commands, entity_commands, library_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("R", "refresh_feeds", "Refresh feeds", show=False, id="app.refresh_feeds"),
        Binding("U", "save_url", "Save a web page", show=False, id="app.save_url"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Command palette",
            show=False,
            priority=True,
            id="app.command_palette",
        ),
    ]

    def __init__(self, library: Library, start_article: str | None = None) -> None:
        super().__init__()
        self.error_console.soft_wrap = True  # an exit message is one line, however wide
        self.library = library
        self.start_article = start_article
        self.keymap: dict[str, str] = {}

    # -- what reaches the terminal: pastes in, notifications out ---------------------

    async def on_event(self, event: events.Event) -> None:
        """A paste loses escape sequences and control characters before any widget has it.

        The terminal hands a bracketed paste over as it was copied; the editors,
        prompts and search boxes would show it, and save it, as it is.
        """
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = strip_controls(event.text)
        await super().on_event(event)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, from any screen: what it quotes (a path, a URL, a file's
        words) cannot act on the terminal."""
        super().notify(
            defused(message),
            title=defused(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.library, self.start_article)

    @property
    def reader(self) -> ReaderScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                return screen
        raise LookupError("no reader screen")

    def open_reader(self) -> None:
        """Close whatever is on top of the reader."""
        while not isinstance(self.screen, ReaderScreen):
            self.pop_screen()

    def open_article(self, article_id: str) -> None:
        """Show an article in the reader, closing whatever is on top of it."""
        self.open_reader()
        self.reader.show_article(article_id)

    def open_library(
        self, query: str = "", view: str | None = None, *, search: bool = False
    ) -> None:
        """The library, searching `query` (a saved view's, if `view` names it)."""
        from tui.screens.library_screen import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            if query or view:
                self.screen.set_query(query, view)
            if search:
                self.screen.action_focus_search()
            return
        self.open_reader()
        reader = self.reader
        reader.save_position()

        def opened(article_id: str | None) -> None:
            if article_id is not None:
                reader.show_article(article_id)

        screen = LibraryScreen(
            self.library, reader.article_id, query=query, view=view, search=search
        )
        self.push_screen(screen, opened)

    def open_notes(self) -> None:
        """Every note and highlight of the library (H in the reader and the library)."""
        from tui.screens.notes_screen import NotesScreen

        if not isinstance(self.screen, NotesScreen):
            self.push_screen(NotesScreen(self.library))

    def open_entity(self, name: str) -> None:
        """An entity's page (i in the entity pane)."""
        from tui.screens.entity_screen import EntityScreen

        self.push_screen(EntityScreen(self.library, name))

    # -- settings remembered between runs: theme, hidden panes; keys.toml ----------

    _settings_loaded = False

    def on_mount(self) -> None:
        state = read_ui_state(ui_state_file())
        theme = state.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        hidden = state.get("hidden_panes")
        if isinstance(hidden, list):
            for name in TOGGLED_PANES:
                if name in hidden:
                    self.reader.toggle_pane(name)
        self.reader.smooth_scrolling = state.get("smooth_scrolling") is True
        self._settings_loaded = True
        self.load_keys()
        self.say_library_notices()
        self.set_interval(LIBRARY_NOTICES_EVERY, self.say_library_notices)
        if self.library.read_only:
            self.notify(
                f"The library {self.library.folder} cannot be written: you can read, "
                "but notes, highlights, stars, tags and reading positions will not be saved.",
                title="Read-only library",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def say_library_notices(self) -> None:
        """A notification for each thing the Library did by itself: a damaged catalog
        rebuilt, a record read with a field at its default or skipped (Library.take_notices)."""
        for line in self.library.take_notices():
            self.notify(line, title="Library", severity="warning", timeout=15, markup=False)

    def remember(self, **changes: object) -> None:
        try:
            write_ui_state(ui_state_file(), **changes)
        except OSError as error:
            self.notify(f"{ui_state_file()}: cannot be saved ({error})", markup=False)

    def watch_theme(self, theme: str) -> None:
        if self._settings_loaded and read_ui_state(ui_state_file()).get("theme") != theme:
            self.remember(theme=theme)

    def toggle_pane(self, name: str) -> None:
        self.open_reader()
        shown = self.reader.toggle_pane(name)
        hidden = [pane for pane in TOGGLED_PANES if self.reader.has_class(f"-hide-{pane}")]
        self.remember(hidden_panes=hidden)
        self.notify(f"{TOGGLED_PANES[name].capitalize()} {'shown' if shown else 'hidden'}.")

    def toggle_smooth_scrolling(self) -> None:
        """Page and line keys glide instead of jumping (off by default, as in `less`)."""
        self.open_reader()
        smooth = not self.reader.smooth_scrolling
        self.reader.smooth_scrolling = smooth
        self.remember(smooth_scrolling=smooth)
        self.notify(f"Smooth scrolling {'on' if smooth else 'off'}.")

    def load_keys(self) -> None:
        """Apply keys.toml; anything wrong in it is said in one line, never a crash.

        Without keys.toml nothing is remapped or checked, so the screens not shown
        stay unimported (checking the file imports them all: `default_keys`).
        """
        try:
            keys_file().stat()
        except FileNotFoundError:
            return
        except OSError:
            pass  # load_keymap says why it cannot be read
        from tui.settings.keymap import clashes, load_keymap

        defaults = default_keys()
        loaded = load_keymap(keys_file(), defaults)
        self.keymap = loaded.keymap
        self.set_keymap(loaded.keymap)
        in_force = defaults | {i: keys.split(",") for i, keys in loaded.keymap.items()}
        clash = clashes(in_force, defaults, BOUND_TOGETHER, str(keys_file()))
        for problem in [*loaded.problems, *([clash] if clash else [])]:
            self.notify(problem, title="Keys", severity="error", timeout=12, markup=False)

    # -- help, palette, quitting, workers -------------------------------------------

    def help_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        from tui.screens.choice_screen import ChoiceScreen
        from tui.screens.entity_screen import EntityScreen
        from tui.screens.help_screen import HelpScreen, binding_rows
        from tui.screens.library_screen import LibraryScreen
        from tui.screens.notes_screen import NotesScreen
        from tui.screens.prompt_screen import PromptScreen
        from tui.widgets.article_list import ArticleList
        from tui.widgets.article_view import ArticleView
        from tui.widgets.entity_sidebar import EntitySidebar
        from tui.widgets.notes_pane import NotesPane
        from tui.widgets.search_bar import SearchBar
        from tui.widgets.search_results import SearchResults

        keymap = self.keymap

        def rows(*bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
            return binding_rows([binding for group in bindings for binding in group], keymap)

        return [
            ("Everywhere", rows(self.BINDINGS)),
            ("Reader", rows(ReaderScreen.BINDINGS)),
            ("Article pane", rows(ArticleView.BINDINGS)),
            (
                "Find in the article (/)",
                [
                    ("type", "Mark matches (smart case)", ""),
                    ("enter", "Keep the marks, back to the article", ""),
                    *rows(SearchBar.BINDINGS),
                ],
            ),
            (
                "Entity pane",
                [
                    *rows(EntitySidebar.BINDINGS),
                    ("type", "Filter, after / or f", ""),
                    ("enter", "Mark its mentions", ""),
                ],
            ),
            ("Notes pane", [*rows(NotesPane.BINDINGS), ("enter", "Go to the passage", "")]),
            (
                "Library",
                [
                    *rows(LibraryScreen.BINDINGS, ArticleList.BINDINGS, SearchResults.BINDINGS),
                    ("enter", "Open the article", ""),
                ],
            ),
            (
                "Notes and highlights (H)",
                [
                    *rows(NotesScreen.BINDINGS),
                    ("type", "Filter, after /: the library's query language, plus color:", ""),
                    ("enter", "Open the article at the passage", ""),
                ],
            ),
            (
                "Entity page (i)",
                [
                    *rows(EntityScreen.BINDINGS),
                    ("enter", "Open the article, the companion's page or the note", ""),
                ],
            ),
            ("Lists and prompts", rows(ChoiceScreen.BINDINGS, PromptScreen.BINDINGS)),
            ("Help", rows(HelpScreen.BINDINGS)),
        ]

    def action_help(self) -> None:
        from tui.screens.help_screen import WIDTH_FOR_IDS, HelpScreen

        if not isinstance(self.screen, HelpScreen):
            wide = self.size.width >= WIDTH_FOR_IDS
            ids = "shown in grey" if wide else "shown on wider terminals"
            note = f"Remap keys in {shown(keys_file())} with the binding ids {ids}."
            self.push_screen(HelpScreen(self.help_sections(), note))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title in TEXTUAL_COMMANDS_KEPT:
                yield command
        yield SystemCommand("Library", "List every article", self.open_library)
        yield SystemCommand(
            "Notes and highlights",
            "Every note and highlight of the library, newest first",
            self.open_notes,
        )
        yield SystemCommand("Keys", "Show every key binding", self.action_help)
        yield SystemCommand(
            "Refresh feeds", "Fetch every subscribed feed now", self.action_refresh_feeds
        )
        yield SystemCommand("Save a web page", "Save the article at a URL", self.action_save_url)
        yield SystemCommand(
            "Toggle smooth scrolling",
            "Page and line keys glide instead of jumping",
            self.toggle_smooth_scrolling,
        )
        for name, label in TOGGLED_PANES.items():
            yield SystemCommand(
                f"Toggle {label}", f"Show or hide the {label}", lambda n=name: self.toggle_pane(n)
            )

    # -- the web: refreshing feeds, saving a page -----------------------------------

    def _can_fetch(self) -> bool:
        if self.library.read_only:
            self.notify("The library cannot be written: nothing can be saved.", severity="error")
            return False
        if any(w.group == "web" and w.is_running for w in self.workers):
            self.notify("Still fetching: wait for it to finish.", severity="warning")
            return False
        return True

    def action_refresh_feeds(self) -> None:
        """Refresh every feed in a helper process; the notification says what came."""
        if not self._can_fetch():
            return
        if not self.library.feeds():
            self.notify("No feeds yet: `gloss feed add URL` subscribes to one.", markup=False)
            return
        self.notify("Refreshing feeds…", timeout=3)
        self.run_worker(self._refresh_feeds, name="refreshing feeds", group="web", thread=True)

    def _refresh_feeds(self) -> None:
        from tui.web.gloss_process import refresh_all

        outcomes, summary = refresh_all(self.library.folder)
        failed = not outcomes or any(outcome.failed for outcome in outcomes)
        self.call_from_thread(
            self._fetched, summary, "warning" if failed else "information", "Feeds"
        )

    def _fetched(self, message: str, severity: SeverityLevel, title: str = "") -> None:
        """Say what a fetch did, and show it in the library if it is open."""
        from tui.screens.library_screen import LibraryScreen

        self.notify(
            message,
            title=title,
            severity=severity,
            timeout=10,
            markup=False,
        )
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.reload()

    def action_save_url(self) -> None:
        """Ask for a URL (typed or pasted) and save its article in a helper process."""
        if not self._can_fetch():
            return
        from tui.screens.prompt_screen import PromptScreen

        def answered(url: str | None) -> None:
            url = (url or "").strip()
            if url:
                self.notify(f"Fetching {url}…", timeout=3, markup=False)
                work = partial(self._save_url, url)
                self.run_worker(work, name="saving a web page", group="web", thread=True)

        self.push_screen(
            PromptScreen("Save the web page at", hint="a page or a feed's URL"), answered
        )

    def _save_url(self, url: str) -> None:
        from tui.web.gloss_process import save_url

        saved = save_url(self.library.folder, url)
        if saved.problem is not None or saved.article_id is None:
            self.call_from_thread(self._fetched, saved.problem or url, "error")
            return
        title = saved.title or self.library.get_article(saved.article_id).title
        self.call_from_thread(self._fetched, f"Saved “{title}”", "information")

    async def action_quit(self) -> None:
        """Save where the reader is before leaving; a failure is said once the screen is gone."""
        problem: LibraryError | None = None
        with suppress(LookupError):
            problem = self.reader.save_position(quitting=True)
        self.exit(message=None if problem is None else Text(f"gloss: {problem}"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure is said here, in one line; the app goes on."""
        worker = event.worker
        if event.state == WorkerState.ERROR and worker.error is not None:
            error = worker.error
            message = f"{worker.name or 'background task'} failed: {type(error).__name__}: {error}"
            self.notify(message.splitlines()[0], severity="error", markup=False)
