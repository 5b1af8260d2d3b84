"""The reader as a user drives it: real keys on a real library."""

from __future__ import annotations

import threading

import pytest
from textual.widgets._footer import FooterKey

from tests.ui.conftest import settled
from tui.app import GlossApp
from tui.models import Article
from tui.screens.help_screen import HelpScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.notes_pane import NotesPane

SEED_TITLE_START = "The China Mobile Communication Association Metaverse Committee (CMCAMC)"


def shown_text(view: ArticleView) -> str:
    """The pane's rows on screen, as drawn, wrapped lines joined again."""
    rows = (view.render_line(y).text.strip() for y in range(view.scrollable_content_region.height))
    return " ".join(row for row in rows if row)


def block_texts(view: ArticleView, kind: str) -> list[str]:
    """Each block of this kind as its rows draw it."""
    layout = view.layout_rows
    assert layout is not None
    return [
        " ".join(view.row_text(y).strip() for y in layout.block_rows(index))
        for index, block in enumerate(layout.blocks)
        if block.kind == kind
    ]


def option_texts(pane: NotesPane) -> list[str]:
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


def sidebar_texts(sidebar: EntitySidebar) -> list[str]:
    return [sidebar.row_prompt(i).plain for i in range(sidebar.row_count())]


async def test_opens_on_the_seed_article_in_three_panes(app: GlossApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert isinstance(app.screen, ReaderScreen)
        assert shown_text(view).startswith(SEED_TITLE_START)
        assert "Beijing · 2022-02-24 · TDI" in shown_text(view)
        assert "China’s Vission to consolidate Digital Leadership" in shown_text(view)
        assert block_texts(view, "heading") == [
            "China’s Vission to consolidate Digital Leadership",
            "China Mobile Communication Association Metaverse Committee",
            "Cooperation with Asia Digital Bank",
        ]
        for pane in (EntitySidebar, ArticleView, NotesPane):
            assert app.screen.query_one(pane).region.width > 0
        assert view.has_focus
        sidebar = app.screen.query_one(EntitySidebar)
        assert any("Yu Jianing" in row for row in sidebar_texts(sidebar))
        assert option_texts(app.screen.query_one(NotesPane)) == ["No notes on this article."]


async def test_scroll_keys_move_through_the_article(app: GlossApp) -> None:
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.press("space")
        await pilot.pause()
        paged = view.scroll_y
        assert paged > 10
        await pilot.press("b")
        await pilot.pause()
        assert view.scroll_y < paged
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_the_footer_shows_the_keys_to_find_first_help_included_in_120_columns(
    app: GlossApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = {key.key_display: key.region for key in app.screen.query(FooterKey)}
        palette = keys.pop("^p")
        for key in ("v", "h", "a", "[", "]", "l", "/", "q", "?"):
            assert key in keys, key
            assert keys[key].right <= palette.x, f"{key} is hidden behind the palette's key"


async def test_tab_and_shift_tab_cycle_the_panes(app: GlossApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.pause()
        assert screen.query_one(ArticleView).has_focus
        for key, pane in [
            ("tab", NotesPane),
            ("tab", EntitySidebar),
            ("tab", ArticleView),
            ("shift+tab", EntitySidebar),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert screen.query_one(pane).has_focus, (key, pane)


async def test_brackets_step_through_the_library(app: GlossApp, library: Library) -> None:
    titles = [summary.title for summary in library.list_articles()]
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert shown_text(view).startswith(titles[1])
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert shown_text(view).startswith(titles[2]), "stays on the last article"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert shown_text(view).startswith(titles[0])


async def test_the_articles_a_bracket_away_are_read_before_the_key(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Their body shards are parsed by a worker once the reader is idle, not on the key."""
    ids = library.article_ids()
    off_the_ui_thread: list[str] = []
    real_get = Library.get_article

    def recorded(self: Library, article_id: str) -> Article:
        if threading.current_thread() is not threading.main_thread():
            off_the_ui_thread.append(article_id)
        return real_get(self, article_id)

    monkeypatch.setattr(Library, "get_article", recorded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert ids[1] in off_the_ui_thread, "the next article, read ahead"
        await pilot.press("right_square_bracket")
        await settled(pilot)
        assert {ids[0], ids[2]} <= set(off_the_ui_thread), "both neighbours of the second"
        assert shown_text(app.screen.query_one(ArticleView)).startswith(
            library.get_article(ids[1]).title
        )


async def test_library_screen_opens_the_chosen_article(app: GlossApp, library: Library) -> None:
    titles = [summary.title for summary in library.list_articles()]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(ArticleList)
        assert table.row_count == len(titles) == 3
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert shown_text(app.screen.query_one(ArticleView)).startswith(titles[2])


async def test_help_lists_every_binding(app: GlossApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {ident for _, rows in app.screen.sections for _, _, ident in rows}
        for binding in [
            *GlossApp.BINDINGS,
            *ReaderScreen.BINDINGS,
            *ArticleView.BINDINGS,
            *LibraryScreen.BINDINGS,
            *ArticleList.BINDINGS,
        ]:
            assert binding.id in listed
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
        for keys in ("j / down", "space", "[", "]", "tab", "ctrl+p", "?"):
            assert keys in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_help_scrolls_with_the_keys_of_every_scrolling_view(app: GlossApp) -> None:
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help")
        assert box.max_scroll_y > 20, "help is longer than the screen"
        await pilot.press("space")
        await pilot.pause()
        page = box.scroll_y
        assert page > 5, "space pages down"
        await pilot.press("b")
        await pilot.pause()
        assert box.scroll_y == 0, "b pages up"
        await pilot.press("G")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y, "G goes to the end"
        await pilot.press("g")
        await pilot.pause()
        assert box.scroll_y == 0, "g goes to the top"
        await pilot.press("pagedown", "j")
        await pilot.pause()
        assert box.scroll_y == page + 1
        await pilot.press("k", "pageup")
        await pilot.pause()
        assert box.scroll_y == 0
        sections = [str(s.render()) for s in app.screen.query(".help-section")]
        [article_pane] = [text for text in sections if text.startswith("Article pane")]
        b_rows = [line for line in article_pane.splitlines() if line.strip().startswith("b ")]
        assert len(b_rows) == 2
        assert sum("while selecting" in row for row in b_rows) == 1, b_rows


async def test_q_quits(app: GlossApp) -> None:
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_palette_opens_an_article_by_title(app: GlossApp, library: Library) -> None:
    target = library.list_articles()[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open: Euro")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_text(app.screen.query_one(ArticleView)).startswith(target.title)


async def test_narrow_terminal_shows_one_pane_and_tab_switches_it(app: GlossApp) -> None:
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(ArticleView).display
        assert not screen.query_one(EntitySidebar).display
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one(NotesPane).display
        assert not screen.query_one(ArticleView).display


async def test_resizing_between_extremes_never_crashes(app: GlossApp) -> None:
    async with app.run_test(size=(60, 15)) as pilot:
        for size in [(300, 100), (60, 15), (120, 40), (61, 16), (299, 99), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.press("j", "G", "tab")
            await pilot.pause()
        assert app.is_running
        assert app.screen.query_one(ArticleView).region.width > 0


async def test_help_on_a_narrow_terminal_keeps_one_line_per_key(app: GlossApp) -> None:
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
        assert "app.quit" not in text, "binding ids only where they fit"
        assert "  q" in text and "Quit" in text
