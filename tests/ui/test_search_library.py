"""The library's search box: results as one types, filters, bad filters, saved views, tags."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import open_library
from tui.app import GlossApp
from tui.models import Note
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.library_screen import LibraryScreen
from tui.store import Library
from tui.widgets.search_results import SearchResults

SIZE = (120, 40)


async def search(pilot: Pilot[None], query: str) -> None:
    """Focus the box, replace what is in it by typing, and let the search worker finish."""
    await pilot.press("slash", "ctrl+u", *query)
    await settle(pilot)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def found(screen: LibraryScreen) -> list[str]:
    """Titles of the results on screen (first 5 characters)."""
    results = screen.query_one(SearchResults)
    assert results.display
    return [hit.title[:5] for hit in results.hits]


def error_line(screen: LibraryScreen) -> str | None:
    line = screen.query_one("#library-query-error", Static)
    return str(line.render()) if line.display else None


def views_line(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-views", Static).render())


def title(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-title", Static).render())


async def test_results_update_as_one_types_with_the_words_highlighted(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await search(pilot, "facebook")
        assert found(screen) == ["Europ"]
        assert title(screen).endswith("“facebook” · 1 result")
        results = screen.query_one(SearchResults)
        prompt = results.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        lines = prompt.plain.split("\n")
        assert lines[0].startswith("● European Court of Justice")
        assert lines[1].startswith("Wikinews · 2019-10-06")
        marked = [
            prompt.plain[span.start : span.end]
            for span in prompt.spans
            if "reverse" in str(span.style)
        ]
        assert marked and all(word.casefold().startswith("facebook") for word in marked)
        await pilot.press("ctrl+u", *"wuhan")
        await settle(pilot)
        assert found(screen) == ["First"]
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert not results.display and screen.table.display, "an empty box shows every article"


async def test_a_stale_query_never_replaces_a_newer_one(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("slash", *"facebook")
        await pilot.press("ctrl+u", *"coronavirus")
        await settle(pilot)
        assert found(screen) == ["First"]
        assert screen.query_one("#library-query", Input).value == "coronavirus"


async def test_filters_alone_and_combined(app: GlossApp, library: Library) -> None:
    seed, wuhan, court = library.article_ids()
    library.set_article_tags(seed, ["china"])
    library.set_article_tags(wuhan, ["china", "health"])
    library.set_starred(court, True)
    library.set_read(wuhan, True)
    library.add_note(Note(id="", article_id=court, body="global takedowns"))
    cases = [
        ("tag:china", {"The C", "First"}),
        ("tag:health", {"First"}),
        ("is:starred", {"Europ"}),
        ("is:read", {"First"}),
        ("is:unread", {"The C", "Europ"}),
        ("has:notes", {"Europ"}),
        ('entity:"Yu Jianing"', {"The C"}),
        ("source:wikinews", {"First", "Europ"}),
        ("after:2020-01-01", {"The C", "First"}),
        ("before:2020", {"Europ"}),
        ("source:wikinews after:2020-01-01", {"First"}),
        ("tag:china is:unread", {"The C"}),
        ("takedowns", {"Europ"}),  # words in a note
    ]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        for query, expected in cases:
            await search(pilot, query)
            assert set(found(screen)) == expected, query
            assert error_line(screen) is None, query


async def test_a_bad_filter_says_why_under_the_box(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await search(pilot, "facebook")
        await pilot.press(*" when:today")
        await settle(pilot)
        problem = error_line(screen)
        assert problem is not None and problem.startswith("unknown filter when:today")
        assert "\n" not in problem
        assert screen.query_one(SearchResults).display, "the last good results stay"
        await search(pilot, "is:[bold]x[/]")
        problem = error_line(screen)
        assert problem is not None and "[bold]x[/]" in problem, "shown as typed, not as markup"
        await search(pilot, "facebook")
        assert error_line(screen) is None


async def test_saved_views_are_kept_listed_and_deleted(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await search(pilot, "source:wikinews")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"Wiki news", "enter")
        await pilot.pause()
        assert "view “Wiki news” · 2 results" in title(screen)
        with Library(library.folder) as fresh:
            assert [(s.name, s.query) for s in fresh.saved_searches()] == [
                ("Wiki news", "source:wikinews")
            ]
        await pilot.press("escape", "escape")  # box -> list, then clear the search
        await pilot.pause()
        assert screen.table.display and title(screen).endswith("sorted by date")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.query_one("#library-query", Input).value == "source:wikinews"
        assert "view “Wiki news”" in title(screen)
        assert set(found(screen)) == {"First", "Europ"}
        assert views_line(screen).startswith("Views  All   Wiki news ")
        await pilot.press("left_square_bracket")  # back to every article
        await settle(pilot)
        assert screen.table.display and screen.query_one("#library-query", Input).value == ""
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "view “Wiki news”" in title(screen)
        await pilot.press("f", "j", "delete", "escape")
        await pilot.pause()
        with Library(library.folder) as fresh:
            assert fresh.saved_searches() == []
        assert views_line(screen).startswith("Views · none yet")


async def test_saving_without_a_query_only_explains(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert library.saved_searches() == []


async def test_tag_list_shows_counts_and_runs_the_tag(app: GlossApp, library: Library) -> None:
    seed, wuhan, _ = library.article_ids()
    library.set_article_tags(seed, ["china"])
    library.set_article_tags(wuhan, ["china", "health"])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("number_sign")
        await pilot.pause()
        chooser = pilot.app.screen
        assert isinstance(chooser, ChoiceScreen)
        assert [str(label) for _, label in chooser.items] == ["#china  2", "#health  1"]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.query_one("#library-query", Input).value == "tag:health"
        assert found(screen) == ["First"]


@pytest.mark.parametrize("command", ["Search the library", "View: Wiki"])
async def test_palette_opens_the_search_and_the_views(
    app: GlossApp, library: Library, command: str
) -> None:
    library.save_search("Wiki", "source:wikinews")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        box = screen.query_one("#library-query", Input)
        if command == "Search the library":
            assert box.has_focus and box.value == ""
        else:
            assert box.value == "source:wikinews" and "view “Wiki”" in title(screen)


async def test_a_failing_search_is_one_line_not_a_crash(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(query: str, limit: int = 50) -> list[object]:
        raise OSError("index unreadable\nsecond line")

    monkeypatch.setattr(library, "search", broken)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await search(pilot, "facebook")
        assert error_line(screen) == "The search failed: OSError: index unreadable"
        assert app.is_running
