"""Deleting from the library: `d` moves the article to the trash (asking first when it has
notes), `u` brings it back whole, and the reader leaves an article that went."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import open_library
from tui.app import GlossApp
from tui.models import Note
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library

SIZE = (120, 40)


def listed(screen: LibraryScreen) -> list[str]:
    return [row.id for row in screen.table.rows]


def stored_ids(folder: Path) -> tuple[list[str], list[str]]:
    """What a fresh Library on the same folder holds: live ids and trashed ids."""
    with Library(folder) as fresh:
        return fresh.article_ids(), [item.summary.id for item in fresh.trashed_articles()]


async def test_d_trashes_the_article_without_notes_and_u_restores_it(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        first = listed(screen)[0]
        await pilot.press("d")
        await pilot.pause()
        assert first not in listed(screen)
        assert stored_ids(library.folder)[1] == [first]
        assert "2 articles" in str(screen.query_one("#library-title").render())
        await pilot.press("u")
        await pilot.pause()
        assert first in listed(screen)
        assert screen.table.current_id == first
        assert stored_ids(library.folder) == (library.article_ids(), [])


async def test_an_article_with_notes_asks_first_and_no_keeps_it(
    app: GlossApp, library: Library
) -> None:
    first = library.list_articles()[0].id
    note = library.add_note(Note("", first, "keep me"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        assert screen.table.current_id == first
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert first in listed(screen)
        await pilot.press("d", "y")
        await pilot.pause()
        assert first not in listed(screen)
        assert first in stored_ids(library.folder)[1]
        await pilot.press("u")
        await pilot.pause()
    with Library(library.folder) as fresh:
        assert fresh.notes(first) == [note]


async def test_the_reader_leaves_an_article_deleted_in_the_library(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        shown = reader.article_id
        screen = await open_library(pilot)
        while screen.table.current_id != shown:
            await pilot.press("down")
        await pilot.press("d", "escape")
        await pilot.pause()
        assert pilot.app.screen is reader
        assert reader.article_id is not None and reader.article_id != shown
        assert pilot.app.sub_title == library.get_article(reader.article_id).title
