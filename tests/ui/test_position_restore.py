"""The passage at the top of the article pane comes back: after another article, after a
restart (a new app on the same library folder), and after the terminal is resized."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.app import GlossApp
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def top_line_holds(view: ArticleView, offset: int) -> bool:
    """The line drawn at the top of the pane is the one holding this character."""
    return view.line_of_offset(offset) == round(view.scroll_y)


async def scroll_down(pilot: Pilot[None], lines: int) -> ArticleView:
    view = pilot.app.screen.query_one(ArticleView)
    await pilot.pause()
    await pilot.press(*["j"] * lines)
    await pilot.pause()
    return view


async def test_top_offset_inverts_scroll_offset_to_top(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await scroll_down(pilot, 0)
        assert view.article is not None
        assert view.top_offset() == 0, "the title is on screen"
        for lines in (9, 17, 30):
            await pilot.press("g", *["j"] * lines)
            await pilot.pause()
            offset = view.top_offset()
            assert offset > 0 and top_line_holds(view, offset)
            await pilot.press("g")
            await pilot.pause()
            view.scroll_offset_to_top(offset)
            assert view.top_offset() == offset
            assert round(view.scroll_y) == lines or view.article.text[offset - 1] == "\n"


async def test_the_position_survives_a_restart(library: Library) -> None:
    seed = library.article_ids()[0]
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        view = await scroll_down(pilot, 23)
        offset = view.top_offset()
        assert offset > 0
        await pilot.press("q")
        await pilot.pause()
    with Library(library.folder) as fresh:
        assert fresh.reading_state(seed).position == offset
        assert fresh.reading_state(seed).last_read is not None
        again = GlossApp(fresh)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = again.screen.query_one(ArticleView)
            assert view.top_offset() == offset
            assert top_line_holds(view, offset)


async def test_each_article_keeps_its_own_position(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await scroll_down(pilot, 20)
        first = view.top_offset()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.scroll_y == 0, "a new article starts at its top"
        await pilot.press("j", "j", "j", "j")
        await pilot.pause()
        second = view.top_offset()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.top_offset() == first
        await pilot.press("l", "j", "enter")  # through the library
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert view.top_offset() == second


async def test_scrolling_saves_after_a_pause(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ReaderScreen, "POSITION_SAVE_DELAY", 0.01)
    seed = library.article_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        view = await scroll_down(pilot, 12)
        position = 0
        for _ in range(50):  # poll until the timer has fired; nothing here is timed
            await pilot.pause(0.02)
            with Library(library.folder) as fresh:
                position = fresh.reading_state(seed).position
            if position:
                break
        assert position == view.top_offset() > 0


async def test_a_resize_keeps_the_same_passage_at_the_top(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await scroll_down(pilot, 25)
        offset = view.top_offset()
        for size in [(90, 30), (200, 50), (61, 16), SIZE]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert top_line_holds(view, offset), size
        assert view.top_offset() == offset, "back at the first width: the very same line"


async def test_a_restart_reopens_the_article_read_last(library: Library) -> None:
    ids = library.article_ids()
    assert len(ids) >= 2
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(ArticleView).article.id == ids[0]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        await scroll_down(pilot, 5)
        await pilot.press("q")
        await pilot.pause()
    with Library(library.folder) as fresh:
        again = GlossApp(fresh)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = again.screen.query_one(ArticleView).article
            assert shown is not None and shown.id == ids[1]
