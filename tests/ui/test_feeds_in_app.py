"""Refreshing feeds and saving a web page from the reader, against the loopback server."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import settled
from tests.web_server import WebServer
from tui.app import GlossApp
from tui.models import Feed
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_list import NEW_MARK, ArticleList


def said(pilot: Pilot[None]) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


def subscribe(library: Library, web_server: WebServer, *paths: str) -> None:
    for path in paths:
        assert library.add_feed(Feed(id="", url=web_server.url(path))) is not None


async def test_R_refreshes_every_feed_while_reading(
    library: Library, web_server: WebServer
) -> None:
    subscribe(library, web_server, "/hn.xml", "/changing.xml", "/status/404")
    before = len(library.list_articles())
    async with GlossApp(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        assert "Refreshing feeds…" in said(pilot)
        await pilot.press("j", "j")  # the reader still answers
        assert isinstance(pilot.app.screen, ReaderScreen)
        await settled(pilot)
        summary = said(pilot)[-1]
    assert summary.startswith("10 new in 3 feeds, 1 failed: ")
    assert summary.endswith(": HTTP 404 Not Found")
    assert len(library.list_articles()) == before + 10


async def test_library_marks_whats_new_and_filters_by_feed(
    library: Library, web_server: WebServer
) -> None:
    subscribe(library, web_server, "/changing.xml")
    async with GlossApp(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        assert isinstance(pilot.app.screen, LibraryScreen)
        await pilot.press("R")
        await settled(pilot)
        await pilot.pause()
        table = pilot.app.screen.query_one(ArticleList)
        new = [row for row in table.rows if row.new]
        assert len(new) == 3
        titles = [table.get_row_at(i)[-1].plain for i in range(table.row_count)]
        assert sum(title.startswith(NEW_MARK) for title in titles) == 3
        await pilot.press("slash", *"feed:techcrunch")
        await settled(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        assert {hit.article_id for hit in screen.hits} == {row.id for row in new}

        web_server.feed_version = 2
        await pilot.press("escape", "R")
        await settled(pilot)
        assert said(pilot)[-1] == "1 new in 1 feed, 1 updated"
        await pilot.pause()
        assert len([row for row in table.rows if row.new]) == 1


async def test_U_saves_a_pasted_url(library: Library, web_server: WebServer) -> None:
    url = web_server.url("/redirect/2")
    async with GlossApp(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("U")
        prompt = pilot.app.screen.query_one("#prompt-input", Input)
        prompt.value = url
        await pilot.press("enter")
        await settled(pilot)
        assert said(pilot)[-1] == "Saved “Obama admits US gun laws are his 'biggest frustration'”"
    stored = [s for s in library.list_articles() if s.url == web_server.url("/pages/bbc-1")]
    assert len(stored) == 1


async def test_a_url_that_fails_is_said_in_one_line(
    library: Library, web_server: WebServer
) -> None:
    url = web_server.url("/status/500")
    async with GlossApp(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("U", *url, "enter")
        await settled(pilot)
        assert said(pilot)[-1] == f"{url}: HTTP 500 Internal Server Error"


async def test_refresh_without_feeds_says_how_to_add_one(library: Library) -> None:
    async with GlossApp(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        assert said(pilot)[-1] == "No feeds yet: `gloss feed add URL` subscribes to one."
