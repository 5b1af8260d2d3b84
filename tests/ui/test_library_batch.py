"""Batch actions in the library: mark rows with `x` / `space` or every shown row with `X`,
then star, read, tag, delete or export them in one action; `M` marks all read; `u` undoes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import open_library
from tui.app import GlossApp
from tui.models import Note
from tui.store import Library
from tui.widgets.article_list import PICK_MARK

SIZE = (120, 40)


def fresh(folder: Path) -> Library:
    return Library(folder)


async def test_x_marks_two_rows_and_s_stars_both_then_u_unstars(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        first, second, third = (row.id for row in screen.table.rows)
        await pilot.press("x", "space")  # marks the first two, moving down each time
        await pilot.pause()
        assert list(screen.marked) == [first, second]
        assert "2 marked" in str(screen.query_one("#library-title").render())
        assert str(screen.table.get_row_at(0)[0]) == PICK_MARK
        assert str(screen.table.get_row_at(2)[0]) == ""
        await pilot.press("s")
        await pilot.pause()
        with fresh(library.folder) as lib:
            states = lib.reading_states()
            assert states[first].starred and states[second].starred
            assert third not in states or not states[third].starred
        await pilot.press("u")
        await pilot.pause()
        with fresh(library.folder) as lib:
            assert not any(state.starred for state in lib.reading_states().values())


async def test_capital_x_marks_every_search_hit_and_m_reads_only_those(
    app: GlossApp, library: Library
) -> None:
    wuhan = next(a.id for a in library.list_articles() if "Wuhan" in a.title)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("slash", *"wuhan", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.shown_ids() == [wuhan]
        await pilot.press("X", "m")
        await pilot.pause()
    with fresh(library.folder) as lib:
        read = {i for i, state in lib.reading_states().items() if state.read}
    assert read == {wuhan}


async def test_capital_m_marks_all_read_in_one_key_and_u_undoes(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("M")
        await pilot.pause()
        assert "0 unread" in str(screen.query_one("#library-title").render())
        with fresh(library.folder) as lib:
            assert all(lib.reading_state(i).read for i in lib.article_ids())
        await pilot.press("u")
        await pilot.pause()
        assert "3 unread" in str(screen.query_one("#library-title").render())
    with fresh(library.folder) as lib:
        assert not any(lib.reading_state(i).read for i in lib.article_ids())


async def test_t_on_marked_rows_adds_and_takes_off_tags(app: GlossApp, library: Library) -> None:
    first = library.article_ids()[0]
    library.set_article_tags(first, ["old"])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("X", "t")
        await pilot.pause()
        await pilot.press(*"news -old", "enter")
        await pilot.pause()
        assert "#news" in str(screen.table.get_row_at(0)[6])
    with fresh(library.folder) as lib:
        assert all(lib.reading_state(i).tags == ("news",) for i in lib.article_ids())


async def test_d_on_marked_rows_with_notes_asks_then_trashes_all_and_u_restores(
    app: GlossApp, library: Library
) -> None:
    ids = [summary.id for summary in library.list_articles()]
    note = library.add_note(Note("", ids[1], "kept through the trash"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await pilot.press("x", "x", "d")
        await pilot.pause()
        assert "2 articles and 1 note" in str(pilot.app.screen.query("Static").first().render())
        await pilot.press("y")
        await pilot.pause()
        assert [row.id for row in screen.table.rows] == [ids[2]]
        await pilot.press("u")
        await pilot.pause()
        assert sorted(row.id for row in screen.table.rows) == sorted(ids)
    with fresh(library.folder) as lib:
        assert lib.notes(ids[1]) == [note]
        assert lib.trashed_articles() == []


@pytest.mark.parametrize("exists", [False, True])
async def test_e_exports_the_marked_articles_notes_to_one_file(
    app: GlossApp, library: Library, tmp_path: Path, exists: bool
) -> None:
    ids = [summary.id for summary in library.list_articles()]
    library.add_note(Note("", ids[0], "first note"))
    library.add_note(Note("", ids[1], "second note"))
    library.add_note(Note("", ids[2], "not marked"))
    out = tmp_path / "picked.md"
    if exists:
        out.write_text("mine")
    async with app.run_test(size=SIZE) as pilot:
        await open_library(pilot)
        await pilot.press("x", "x", "E")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(out), "enter")
        await pilot.pause()
        if exists:
            assert out.read_text() == "mine"
            await pilot.press("y")
            await pilot.pause()
    text = out.read_text()
    assert "first note" in text and "second note" in text and "not marked" not in text
