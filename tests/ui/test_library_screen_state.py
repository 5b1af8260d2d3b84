"""The library table: reading state, notes and tags per article; s, m, t, S, enter."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import open_library
from tui.app import GlossApp
from tui.models import Note
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_list import COLUMNS
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def title(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-title", Static).render())


def rows(screen: LibraryScreen) -> list[dict[str, str]]:
    table = screen.table
    keys = [key for key, _, _ in COLUMNS]
    return [
        dict(zip(keys, (str(cell) for cell in table.get_row_at(index)), strict=True))
        for index in range(table.row_count)
    ]


def stored(folder: Path, article_id: str) -> tuple[bool, bool, tuple[str, ...]]:
    """What a fresh Library on the same folder holds: (read, starred, tags)."""
    with Library(folder) as fresh:
        state = fresh.reading_state(article_id)
    return state.read, state.starred, state.tags


async def test_rows_show_read_star_notes_and_tags(app: GlossApp, library: Library) -> None:
    seed, wuhan, court = (article.id for article in library.list_articles())
    library.set_starred(wuhan, True)
    library.set_read(court, True)
    library.set_article_tags(seed, ["china", "metaverse"])
    library.add_note(Note(id="", article_id=seed, body="Who is Yu Jianing?"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        assert title(screen) == "Library · 3 articles · 2 unread · sorted by date"
        by_id = dict(zip([seed, wuhan, court], rows(screen), strict=True))
        assert by_id[seed]["read"] == "●" and by_id[seed]["star"] == ""
        assert by_id[seed]["notes"] == "1"
        assert by_id[seed]["tags"] == "#china #metaverse"
        assert by_id[wuhan]["star"] == "★" and by_id[wuhan]["read"] == "●"
        assert by_id[court]["read"] == "" and by_id[court]["notes"] == ""
        assert [row["date"] for row in rows(screen)] == ["2022-02-24", "2020-02-10", "2019-10-06"]


async def test_s_stars_and_m_marks_read(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert rows(screen)[0]["star"] == "★"
        assert stored(library.folder, seed) == (False, True, ())
        await pilot.press("m")
        await pilot.pause()
        assert rows(screen)[0]["read"] == ""
        assert "· 2 unread" in title(screen)
        assert stored(library.folder, seed) == (True, True, ())
        await pilot.press("s", "m")
        await pilot.pause()
        assert rows(screen)[0]["star"] == "" and rows(screen)[0]["read"] == "●"
        assert stored(library.folder, seed) == (False, False, ())


async def test_t_edits_the_tags_and_escape_keeps_them(app: GlossApp, library: Library) -> None:
    wuhan = library.list_articles()[1].id
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("j", "t")
        await pilot.pause()
        await pilot.press(*"china, health  #wuhan", "enter")
        await pilot.pause()
        assert rows(screen)[1]["tags"] == "#china #health #wuhan"
        assert stored(library.folder, wuhan)[2] == ("china", "health", "wuhan")
        await pilot.press("t", "ctrl+u", *"other", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert stored(library.folder, wuhan)[2] == ("china", "health", "wuhan")


async def test_S_cycles_the_sort_and_remembers_it(app: GlossApp, library: Library) -> None:
    seed, _, court = library.article_ids()
    library.save_position(court, 0)
    library.save_position(seed, 0)  # read last, so first by last read
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("S")
        await pilot.pause()
        assert title(screen).endswith("sorted by title")
        assert [row["title"][:5] for row in rows(screen)] == ["Europ", "First", "The C"]
        await pilot.press("S")
        await pilot.pause()
        assert title(screen).endswith("sorted by last read")
        assert [row["date"] for row in rows(screen)] == ["2022-02-24", "2019-10-06", "2020-02-10"]
        await pilot.press("escape")
        screen = await open_library(pilot)
        assert title(screen).endswith("sorted by last read"), "the sort is remembered"
        await pilot.press("S")
        await pilot.pause()
        assert title(screen).endswith("sorted by date")


async def test_enter_opens_the_row_under_the_cursor(app: GlossApp, library: Library) -> None:
    court = library.list_articles()[2]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("S")  # by title: the cursor stays on the article it was on
        await pilot.pause()
        assert screen.table.current_id == library.article_ids()[0]
        await pilot.press("g", "enter")  # the court article comes first by title
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        view = pilot.app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == court.id


async def test_last_read_counts_articles_opened_or_marked_read_without_scrolling(
    app: GlossApp, library: Library
) -> None:
    seed, wuhan, court = library.article_ids()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the reader opens on the newest article, the seed
        await pilot.press("right_square_bracket")  # then the next one, never scrolled
        await pilot.pause()
        screen = await open_library(pilot)
        await pilot.press("G", "m")  # the court article: marked read from the list
        await pilot.pause()
        await pilot.press("S", "S")
        await pilot.pause()
        assert title(screen).endswith("sorted by last read")
        assert [row["date"] for row in rows(screen)] == ["2019-10-06", "2020-02-10", "2022-02-24"]
    with Library(library.folder) as fresh:
        assert all(fresh.reading_state(i).last_read for i in (seed, wuhan, court))


async def test_at_80_columns_the_title_gets_the_room(app: GlossApp, library: Library) -> None:
    library.set_article_tags(library.article_ids()[0], ["china", "metaverse"])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(pilot)
        lines = [screen.table.render_line(y).text for y in range(4)]
        assert "Source" in lines[0] and "Tags" in lines[0]
        for line, summary in zip(lines[1:], library.list_articles(), strict=True):
            assert summary.title[:30] in line, "source and tags give up their width first"
        assert "#chin" in lines[1] and "TDI" in lines[1]
