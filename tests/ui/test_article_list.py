"""The library list draws only what is on screen: keys, mouse, selection, untrusted titles,
and how little a 5,000-row show() draws. Most tests host the widget alone, on rows
built in memory; the last opens an article from the real library screen."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult

import tui.widgets.article_list as article_list
from tui.app import GlossApp
from tui.models import ArticleSummary, ReadingState
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_list import ArticleList, LibraryRow
from tui.widgets.article_view import ArticleView
from tui.widgets.paints import Paints

SIZE = (100, 12)  # the list is the whole screen: a header line and 11 rows


def make_rows(count: int) -> list[LibraryRow]:
    return [
        LibraryRow(
            ArticleSummary(f"a{index}", f"Title {index}", date="2024-01-01", source="Src"),
            ReadingState(f"a{index}", read=index % 3 == 0),
            notes=index % 4,
        )
        for index in range(count)
    ]


class ListApp(App[None]):
    """The widget alone; remembers the articles it was asked to open."""

    def __init__(self, rows: list[LibraryRow]) -> None:
        super().__init__()
        self.rows = rows
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleList()

    def on_mount(self) -> None:
        self.query_one(ArticleList).show(self.rows)
        self.query_one(ArticleList).focus()

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        self.selected.append(event.article_id)


def on_screen(articles: ArticleList) -> list[str]:
    """The list's lines as drawn now."""
    return [articles.render_line(y).text for y in range(articles.size.height)]


def assert_cursor_drawn(articles: ArticleList) -> None:
    """The cursor's row is on screen, at the line its index and the scroll say."""
    top = articles.scroll_offset.y
    assert top <= articles.cursor < top + articles.page_height
    title = articles.rows[articles.cursor].article.title
    assert f" {title} " in on_screen(articles)[articles.cursor - top + 1]


async def test_keys_move_the_cursor_and_keep_it_on_screen() -> None:
    app = ListApp(make_rows(200))
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        header = ["●", "★", "Date", "Source", "Notes", "Tags", "Title"]
        assert on_screen(articles)[0].split() == header
        await pilot.press("k")
        assert articles.cursor == 0, "up at the top stays there"
        await pilot.press("j", "j", "down")
        assert (articles.cursor, articles.scroll_offset.y) == (3, 0)
        await pilot.press(*"j" * 10)  # row 13: past the 11 on screen, so it scrolls
        assert articles.cursor == 13 and articles.scroll_offset.y == 3
        assert_cursor_drawn(articles)
        await pilot.press("pagedown")
        assert (articles.cursor, articles.scroll_offset.y) == (24, 14)
        await pilot.press("space")
        assert (articles.cursor, articles.scroll_offset.y) == (35, 25)
        await pilot.press("pageup", "up")
        assert (articles.cursor, articles.scroll_offset.y) == (23, 14)
        await pilot.press("G")
        assert articles.cursor == 199 and articles.current_id == "a199"
        assert articles.scroll_offset.y == 200 - 11, "the last row on the last line"
        assert_cursor_drawn(articles)
        await pilot.press("g")
        assert (articles.cursor, articles.scroll_offset.y) == (0, 0)
        await pilot.press("end")
        assert articles.cursor == 199
        await pilot.press("home")
        assert articles.cursor == 0
        assert_cursor_drawn(articles)


async def test_enter_selects_the_article_under_the_cursor() -> None:
    app = ListApp(make_rows(30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert app.selected == ["a2"]


async def test_a_click_moves_the_cursor_and_a_click_on_it_selects() -> None:
    app = ListApp(make_rows(30))
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("j")  # the cursor on row 1, then scrolled down a line by the wheel
        articles.post_message(events.MouseScrollDown(articles, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        top = articles.scroll_offset.y
        assert top > 0 and articles.cursor == 1, "the wheel scrolls; the cursor stays"
        assert await pilot.click(ArticleList, offset=(40, 0))  # the header: nothing
        assert articles.cursor == 1
        assert await pilot.click(ArticleList, offset=(40, 3))
        assert articles.cursor == top + 2 and app.selected == []
        assert await pilot.click(ArticleList, offset=(40, 3))
        await pilot.pause()
        assert app.selected == [f"a{top + 2}"]


@pytest.mark.parametrize(
    "title", ["[bold]x[/bold] and [red]y", "[link=http://evil]click me[/link]", "a \\[b] [/]"]
)
async def test_markup_in_a_title_is_shown_literally(title: str) -> None:
    row = LibraryRow(
        ArticleSummary("a", title, source="[i]src[/i]", tags=("[b]t",)), ReadingState("a")
    )
    app = ListApp([row])
    async with app.run_test(size=SIZE):
        articles = app.query_one(ArticleList)
        line = articles.render_line(1)
        assert f" {title} " in line.text
        assert "[i]src[/i]" in line.text and "#[b]t" in line.text
        assert not any(segment.style and segment.style.link for segment in line)
        assert [str(cell) for cell in articles.get_row_at(0)][-1] == title


async def test_control_characters_in_data_cannot_break_the_line() -> None:
    row = LibraryRow(ArticleSummary("a", "one\ttwo\nthree\x1b[31m red"), ReadingState("a"))
    app = ListApp([row, *make_rows(2)])
    async with app.run_test(size=SIZE):
        line = app.query_one(ArticleList).render_line(1)
        assert " one two three [31m red " in line.text
        assert line.cell_length == SIZE[0]


async def test_update_row_redraws_that_row() -> None:
    rows = make_rows(30)
    app = ListApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        assert "★" not in on_screen(articles)[3]
        starred = LibraryRow(rows[2].article, ReadingState("a2", starred=True), rows[2].notes)
        articles.update_row(starred)
        await pilot.pause()
        assert "★" in on_screen(articles)[3] and articles.rows[2] is starred


async def test_show_makes_cells_only_for_the_rows_on_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[str] = []
    real_row_cells = article_list.row_cells

    def counted(row: LibraryRow, paints: Paints) -> dict[str, Text]:
        made.append(row.id)
        return real_row_cells(row, paints)

    monkeypatch.setattr(article_list, "row_cells", counted)
    rows = make_rows(5_000)
    app = ListApp(rows[:1])
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.pause()
        made.clear()
        articles.show(rows, current="a2500")
        await pilot.pause()
        assert articles.row_count == 5_000 and articles.current_id == "a2500"
        assert_cursor_drawn(articles)
        on_view = set(range(articles.scroll_offset.y, articles.scroll_offset.y + 11))
        assert {int(article_id[1:]) for article_id in made} <= on_view
        assert len(made) <= 2 * 11, "each row on screen drawn once or twice, no more"
        made.clear()
        await pilot.press("G")
        assert 0 < len(made) <= 2 * 11 and set(made) <= {f"a{n}" for n in range(4_989, 5_000)}


async def test_the_library_screen_opens_the_clicked_article(
    app: GlossApp, library: Library
) -> None:
    court = library.list_articles()[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and app.focused is screen.table
        header_y = screen.table.region.y
        await pilot.click(offset=(60, header_y + 3))  # the third row: the court article
        assert screen.table.current_id == court.id and app.screen is screen
        await pilot.click(offset=(60, header_y + 3))
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == court.id


async def test_a_key_remapped_to_space_wins_over_paging() -> None:
    app = ListApp(make_rows(30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.query_one(ArticleList).cursor == 11
        app.set_keymap({"library.down": "space"})
        await pilot.press("space")
        assert app.query_one(ArticleList).cursor == 12, "one row down, not a page"
