"""Every screen at 40x10, 80x24 and 250x80, and while the terminal is resized under it.

Each screen is opened with the keys a user would press; Pilot re-raises any
exception the app hit. What is on screen is read back from the rendered lines,
so a dialog cut off by a small terminal, or an empty one, fails here.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import GlossApp
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.color_picker_screen import ColorPickerScreen
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.entity_screen import EntityScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.mentions_screen import MentionsScreen
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.screens.notes_screen import NotesScreen
from tui.screens.prompt_screen import PromptScreen
from tui.screens.reader_screen import ReaderScreen
from tui.screens.tag_editor_screen import TagEditorScreen
from tui.widgets.article_view import ArticleView

RESIZES = [(40, 10), (250, 80), (80, 24), (40, 10)]

# (what, keys that open it from the article pane, the screen, words it shows, keys back)
VISITS: list[tuple[str, tuple[str, ...], type[Screen[object]], str, tuple[str, ...]]] = [
    ("reader", (), ReaderScreen, "China Mobile", ()),
    ("entity pane", ("shift+tab",), ReaderScreen, "Entities", ("tab",)),
    ("notes pane", ("tab",), ReaderScreen, "No notes on this article", ("shift+tab",)),
    ("find in the article", ("slash", *"adb"), ReaderScreen, "/adb", ("escape",)),
    ("colour picker", ("v", "w", "h"), ColorPickerScreen, "yellow", ("escape", "escape")),
    ("note editor", ("v", "w", "a", *"ok?"), NoteEditorScreen, "ok?", ("escape", "y")),
    ("confirm", ("A", "x", "escape"), ConfirmScreen, "Throw away what you typed?", ("y",)),
    ("tag editor", ("t",), TagEditorScreen, "Tags for", ("escape",)),
    ("help", ("question_mark",), HelpScreen, "Everywhere", ("escape",)),
    (
        "mentions (>)",
        ("shift+tab", "slash", *"bei", "greater_than_sign"),
        MentionsScreen,
        "Beijing in other articles",
        ("escape", "escape", "tab"),
    ),
    ("command palette", ("ctrl+p",), CommandPalette, "Search for commands", ("escape",)),
    ("library", ("l",), LibraryScreen, "3 articles", ("escape",)),
    (
        "library search results",
        ("l", "slash", *"adb"),
        LibraryScreen,
        "1 result",
        ("escape", "escape", "escape"),
    ),
    ("choice (tags)", ("l", "number_sign"), ChoiceScreen, "No article has a tag", ("escape",) * 2),
    (
        "prompt (save view)",
        ("l", "slash", *"adb", "ctrl+s"),
        PromptScreen,
        "Save this search as a view",
        ("escape", "escape", "escape", "escape"),
    ),
    ("notes screen (H)", ("H",), NotesScreen, "Notes and highlights", ("escape",)),
    ("entity page (i)", ("shift+tab", "i"), EntityScreen, "Yu Jianing", ("escape", "tab")),
    ("notes screen from the library", ("l", "H"), NotesScreen, "0 shown", ("escape", "escape")),
]
DIALOGS = "#colors, #note-editor, #confirm, #prompt, #help, #mentions, #choices, #entity-page"


def on_screen(app: GlossApp) -> str:
    """The terminal's text as the user sees it, dialogs over what is under them."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def check_shown(app: GlossApp, screen: type[Screen[object]], shows: str) -> None:
    assert isinstance(app.screen, screen), f"{type(app.screen).__name__} instead"
    text = on_screen(app)
    assert shows in " ".join(text.split()), text
    width, height = app.size
    for dialog in app.screen.query(DIALOGS):
        region = dialog.region
        assert region.x >= 0 and region.right <= width, f"{dialog} sticks out of {width} columns"
        assert region.y >= 0 and region.bottom <= height, f"{dialog} sticks out of {height} rows"
    errors = [n.message for n in app._notifications if n.severity == "error"]
    assert not errors


async def back_to_the_article(pilot: Pilot[None], keys: tuple[str, ...]) -> None:
    await pilot.press(*keys)
    await settle(pilot)
    app = pilot.app
    assert isinstance(app.screen, ReaderScreen), type(app.screen).__name__
    assert isinstance(app.focused, ArticleView)


async def visit_every_screen(pilot: Pilot[None], resizes: list[tuple[int, int]]) -> None:
    """Open each screen, check it, resize through `resizes` checking it each time, close it."""
    app = pilot.app
    assert isinstance(app, GlossApp)
    await settle(pilot)
    for _what, opening, screen, shows, closing in VISITS:
        await pilot.press(*opening)
        await settle(pilot)
        check_shown(app, screen, shows)
        for size in resizes:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            check_shown(app, screen, shows)
        await back_to_the_article(pilot, closing)


@pytest.mark.parametrize("size", [(80, 24), (250, 80)], ids=["80x24", "250x80"])
async def test_every_screen_opens_at(app: GlossApp, size: tuple[int, int]) -> None:
    """Opened with real keys at this size: no exception, and its words are on screen."""
    async with app.run_test(size=size) as pilot:
        await visit_every_screen(pilot, [])


async def test_every_screen_opens_at_40x10_and_survives_resizing(app: GlossApp) -> None:
    """Each screen opened at 40x10, then resized to 250x80, 80x24 and 40x10 while it is open."""
    async with app.run_test(size=(40, 10)) as pilot:
        await visit_every_screen(pilot, RESIZES[1:])
