"""Two running Gloss apps annotating one library at once, driven by real keys."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
from collections import Counter
from pathlib import Path
from typing import Any

from tui.app import GlossApp
from tui.models import HIGHLIGHT_COLORS
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library

ROUNDS = 2
SIZE = (120, 40)


async def _session(folder: Path, name: str, start: Any) -> None:
    """One reader: highlights and notes on the first article, one edit in two, a star or tags."""
    app = GlossApp(Library(folder))
    async with app.run_test(size=SIZE) as pilot:

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()

        await pilot.pause()
        start.wait(timeout=60)  # both apps are up: from here on their saves interleave
        if name == "right":
            await press("right_curly_bracket")  # work a paragraph further down
        for round_ in range(ROUNDS):
            await press("right_parenthesis", "v", "w", "h", str(1 + round_ % 4))
            await press("right_parenthesis", "v", "w", "a")
            assert isinstance(app.screen, NoteEditorScreen)
            await pilot.press(*f"{name} {round_}")
            await press("ctrl+s")
            if round_ % 2:
                await press("tab", "e")  # the pane keeps the new note under the cursor
                assert isinstance(app.screen, NoteEditorScreen)
                await pilot.press(*" ed")
                await press("ctrl+s", "shift+tab")
            assert isinstance(app.screen, ReaderScreen)
        if name == "left":
            await press("s", "space")
        else:
            await press("t")
            await pilot.press(*"x, y")
            await press("enter", "m")
        await pilot.press("q")


def _run_instance(folder: str, name: str, start: Any) -> None:
    asyncio.run(_session(Path(folder), name, start))


def expected_bodies(name: str) -> list[str]:
    return [f"{name} {r}" + (" ed" if r % 2 else "") for r in range(ROUNDS)]


def test_two_apps_annotating_one_library_keep_both_sets_of_notes(library: Library) -> None:
    """Neither app's notes, edits, star, tags or read mark are lost; every file parses."""
    seed = library.article_ids()[0]
    folder = library.folder
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    apps = [
        context.Process(target=_run_instance, args=(str(folder), name, start))
        for name in ("left", "right")
    ]
    for process in apps:
        process.start()
    for process in apps:
        process.join(timeout=120)
        assert process.exitcode == 0, "an app failed: its traceback is in the captured stderr"

    for path in [*folder.rglob("*.json"), *folder.rglob("*.json.bak")]:
        assert isinstance(json.loads(path.read_bytes()), dict), path
    assert not list(folder.rglob("*.corrupt-*"))
    with Library(folder) as fresh:
        notes = fresh.notes(seed)
        state = fresh.reading_state(seed)
    bodies = sorted(note.body for note in notes if note.body)
    assert bodies == sorted(expected_bodies("left") + expected_bodies("right"))
    colors = Counter(note.color for note in notes if not note.body)
    assert colors == Counter({color: 2 for color in HIGHLIGHT_COLORS[:ROUNDS]})
    assert all(note.selector is not None and note.selector.exact for note in notes)
    assert (state.starred, state.read, state.tags) == (True, True, ("x", "y"))
    assert state.position > 0, "left scrolled a page and quit: its place is kept"


async def test_a_window_that_never_scrolled_keeps_the_place_another_one_left(
    app: GlossApp, library: Library
) -> None:
    """Quitting stamps the article as read last, but must not put back its own, older place."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article_id = app.reader.article_id
        assert article_id is not None
        with Library(library.folder) as other_window:  # read on to the middle, then quit
            other_window.save_position(article_id, 500)
        await pilot.press("q")
    with Library(library.folder) as fresh:
        state = fresh.reading_state(article_id)
    assert state.position == 500
    assert state.last_read is not None
