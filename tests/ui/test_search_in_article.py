"""`/` in the reader: matches marked as one types, smart case, n/N, enter keeps, esc clears."""

from __future__ import annotations

import re

from textual.widgets import Input

from tui.app import GlossApp
from tui.search.text_find import find_spans
from tui.widgets.article_view import ArticleView
from tui.widgets.search_bar import SearchBar

SIZE = (120, 40)


def test_find_spans_smart_case_and_white_space() -> None:
    text = "Digital bank.\n\nA digital  bank; DIGITAL\nbank"
    assert find_spans(text, "digital") == [(0, 7), (17, 24), (32, 39)]
    assert find_spans(text, "Digital") == [(0, 7)], "an upper-case letter: case-sensitive"
    assert find_spans(text, "digital bank") == [(0, 12), (17, 30), (32, 44)]
    assert find_spans(text, "[a-z]+") == [], "typed text, not a pattern"
    assert find_spans(text, "   ") == []


async def test_typing_marks_matches_and_enter_keeps_them(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        expected = len(re.findall("digital", view.article.text, re.IGNORECASE))
        await pilot.press("slash")
        await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        assert bar.display and bar.query_one(Input).has_focus
        await pilot.press(*"dig")
        await pilot.pause()
        assert len(view.marks) >= expected > 3
        await pilot.press(*"ital")
        await pilot.pause()
        assert len(view.marks) == expected
        assert all(view.article.text[a:b].casefold() == "digital" for a, b in view.marks)
        assert view.border_subtitle == f"1/{expected} /digital"
        await pilot.press("enter")
        await pilot.pause()
        assert not bar.display and view.has_focus
        assert len(view.marks) == expected, "enter keeps the marks"
        await pilot.press("n", "n")
        await pilot.pause()
        assert view.border_subtitle == f"3/{expected} /digital"
        await pilot.press("N")
        await pilot.pause()
        assert view.border_subtitle == f"2/{expected} /digital"


async def test_upper_case_makes_it_case_sensitive(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        await pilot.press("slash", *"Digital")
        await pilot.pause()
        assert view.marks == [m.span() for m in re.finditer("Digital", view.article.text)]
        assert 0 < len(view.marks) < len(re.findall("digital", view.article.text, re.I))


async def test_escape_clears_the_marks_and_goes_back(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("slash", *"malaysia")
        await pilot.pause()
        assert view.marks and view.scroll_y > 0, "went to the first match"
        await pilot.press("escape")
        await pilot.pause()
        assert view.marks == [] and view.border_subtitle == ""
        assert view.scroll_y == 0, "back where the search started"
        assert view.has_focus and not app.screen.query_one(SearchBar).display


async def test_markup_and_no_match_are_shown_as_typed(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.press("slash", *"[/]zz")
        await pilot.pause()
        assert view.marks == []
        assert view.border_subtitle is not None
        assert "not in this article" in view.border_subtitle
        assert app.is_running
