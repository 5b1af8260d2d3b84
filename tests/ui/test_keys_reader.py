"""Reader keys for the library features: m, s, t, o; palette entries; the theme is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import GlossApp
from tui.paths import ui_state_file
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.notes_pane import NotesPane

SIZE = (120, 40)


def stored(folder: Path, article_id: str) -> tuple[bool, bool, tuple[str, ...]]:
    with Library(folder) as fresh:
        state = fresh.reading_state(article_id)
    return state.read, state.starred, state.tags


def notifications(app: GlossApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def title_of(view: ArticleView) -> str:
    """The pane's title as the user reads it (the getter gives markup)."""
    return view.render_str(view.border_title or "").plain


async def palette(pilot: Pilot[None], command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_reaching_the_bottom_marks_read_and_m_toggles(
    app: GlossApp, library: Library
) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert title_of(view) == "Article · unread"
        await pilot.press("space")
        await pilot.pause()
        assert stored(library.folder, seed)[0] is False, "not at the end yet"
        await pilot.press("G")
        await pilot.pause()
        assert stored(library.folder, seed)[0] is True
        assert title_of(view) == "Article · read"
        await pilot.press("m")
        await pilot.pause()
        assert stored(library.folder, seed)[0] is False
        await pilot.press("g", "G")
        await pilot.pause()
        assert stored(library.folder, seed)[0] is False, "m said unread: reading on keeps it"
        await pilot.press("m")
        await pilot.pause()
        assert stored(library.folder, seed)[0] is True


async def test_s_stars_and_t_tags_in_the_reader(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("s", "t")
        await pilot.pause()
        await pilot.press(*"metaverse, china", "enter")
        await pilot.pause()
        assert stored(library.folder, seed) == (False, True, ("metaverse", "china"))
        assert title_of(view) == "Article · unread · ★ · #metaverse #china"
        await pilot.press("t", "ctrl+u", "enter")
        await pilot.pause()
        assert stored(library.folder, seed)[2] == ()


async def test_o_opens_the_url_or_says_there_is_none(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url) or True)
    wuhan = library.list_articles()[1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")  # the seed article has no URL
        await pilot.pause()
        assert opened == []
        assert "This article has no URL." in notifications(app)
        await pilot.press("right_square_bracket", "o")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == [wuhan.url]
        assert f"Opened {wuhan.url}" in notifications(app)


async def test_palette_jumps_to_an_entity(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await palette(pilot, "Jump to: Yu Jianing")
        assert view.mark_label == "Yu Jianing"
        assert len(view.marks) == 2 and view.border_subtitle == "1/2 Yu Jianing"
        assert view.has_focus


async def test_palette_toggles_panes_and_it_is_remembered(library: Library) -> None:
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Toggle entity sidebar")
        screen = app.screen
        assert not screen.query_one(EntitySidebar).display
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert screen.query_one(ArticleView).has_focus, "tab skips the hidden pane"
        await palette(pilot, "Toggle notes pane")
        assert not screen.query_one(NotesPane).display
    again = GlossApp(library)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not again.screen.query_one(EntitySidebar).display
        await palette(pilot, "Toggle entity sidebar")
        assert again.screen.query_one(EntitySidebar).display
        assert isinstance(again.screen, ReaderScreen)


async def test_the_chosen_theme_is_remembered(library: Library) -> None:
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Theme")
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert '"theme": "nord"' in ui_state_file().read_text()
    again = GlossApp(library)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_damaged_state_file_is_ignored(library: Library) -> None:
    ui_state_file().parent.mkdir(parents=True, exist_ok=True)
    ui_state_file().write_text('{"theme": "no-such-theme", "hidden_panes": 3')
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert app.screen.query_one(EntitySidebar).display


async def test_a_browser_that_fails_is_reported_not_fatal(
    app: GlossApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(url: str, *args: object, **kwargs: object) -> bool:
        raise OSError("no display")

    monkeypatch.setattr("webbrowser.open", broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "o")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "browser failed: OSError: no display" in notifications(app)
        assert app.is_running


async def test_changes_made_in_the_library_show_in_the_reader(
    app: GlossApp, library: Library
) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("l", "m", "s", "escape")
        await pilot.pause()
        assert title_of(view) == "Article · read · ★"
        await pilot.press("m")
        await pilot.pause()
        assert stored(library.folder, seed)[:2] == (False, True)


async def test_page_keys_jump_unless_smooth_scrolling_is_chosen(library: Library) -> None:
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        page = view.scrollable_content_region.height
        await pilot.press("space")
        assert view.scroll_y == page, "the page moved at once, as in less"
        await pilot.press("b")
        assert view.scroll_y == 0
        await palette(pilot, "Toggle smooth scrolling")
        assert view.smooth_scrolling
    assert '"smooth_scrolling": true' in ui_state_file().read_text()
    again = GlossApp(library)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.query_one(ArticleView).smooth_scrolling, "remembered"
