"""GlossApp: the reader's screens, app-wide keys and the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.article_commands import ArticleCommands
from tui.screens.help_screen import HelpScreen, binding_rows
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_sidebar import EntitySidebar


class GlossApp(App[None]):
    """One factory for the CLI and the tests: give it a Library and maybe an article."""

    TITLE = "Gloss"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
    ]
    COMMANDS = App.COMMANDS | {ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(self, library: Library, start_article: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.start_article = start_article

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.library, self.start_article)

    @property
    def reader(self) -> ReaderScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                return screen
        raise LookupError("no reader screen")

    def open_article(self, article_id: str) -> None:
        """Show an article in the reader, closing whatever is on top of it."""
        while not isinstance(self.screen, ReaderScreen):
            self.pop_screen()
        self.reader.show_article(article_id)

    def help_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        palette = [(self.COMMAND_PALETTE_BINDING, "Command palette", "app.command_palette")]
        return [
            ("Everywhere", binding_rows(self.BINDINGS) + palette),
            ("Reader", binding_rows(ReaderScreen.BINDINGS)),
            ("Article pane", binding_rows(ArticleView.BINDINGS)),
            (
                "Entity and notes panes",
                [*binding_rows(EntitySidebar.BINDINGS), ("enter", "Choose", "list.select")],
            ),
            (
                "Library",
                [
                    *binding_rows([*LibraryScreen.BINDINGS, *ArticleList.BINDINGS]),
                    ("enter", "Open the article", "library.open"),
                ],
            ),
            ("Help", binding_rows(HelpScreen.BINDINGS)),
        ]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Library", "List every article", self.reader.action_open_library)
        yield SystemCommand("Keys", "Show every key binding", self.action_help)
