"""Saves that cannot happen (read-only library, full disk) and a damaged file, in the app:
one line to the user, nothing stored lost, and the app keeps running."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.notifications import Notification
from textual.pilot import Pilot

from tests.faults import files_under, fill_disk
from tests.ui.conftest import library_notices
from tui.app import GlossApp
from tui.screens.library_screen import LibraryScreen
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.store.shards import shard_name
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.notes_pane import NotesPane

SIZE = (120, 40)


def copy_of(template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(template, folder)
    return folder


def notices(app: GlossApp, title: str) -> list[Notification]:
    return [n for n in app._notifications if n.title == title]


def recorded(app: GlossApp) -> list[Notification]:
    """Every notification the app posts, kept after it expires: on a loaded machine a test
    runs longer than a notice's 10 seconds on screen."""
    posted: list[Notification] = []
    add = app._notifications.add

    def keep(notification: Notification) -> Any:
        posted.append(notification)
        return add(notification)

    app._notifications.add = keep  # type: ignore[method-assign]
    return posted


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def write_article_note(pilot: Pilot[None], text: str) -> None:
    await keys(pilot, "A")
    assert isinstance(pilot.app.screen, NoteEditorScreen)
    await pilot.press(*text)
    await keys(pilot, "ctrl+s")


async def test_read_only_library_warns_once_and_every_change_says_why(
    template_library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = copy_of(template_library, tmp_path)
    before = files_under(folder)
    monkeypatch.setattr(ReaderScreen, "POSITION_SAVE_DELAY", 0.01)
    library = Library(folder, read_only=True)
    refused = f"library {folder} is read-only (opened read-only): changes cannot be saved"
    app = GlossApp(library)
    posted = recorded(app)

    def not_saved() -> list[Notification]:
        return [n for n in posted if n.title == "Not saved"]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [notice] = notices(app, "Read-only library")
        assert notice.severity == "warning"
        assert str(folder) in notice.message and "will not be saved" in notice.message
        view = app.screen.query_one(ArticleView)
        notes_before = list(app.screen.query_one(NotesPane).notes)

        await keys(pilot, "v", "w", "h", "1")  # a highlight
        assert view.selection is not None, "kept, to try again"
        await keys(pilot, "escape")
        await write_article_note(pilot, "lost #idea")
        await keys(pilot, "s", "m")  # star, mark read
        await keys(pilot, "t")
        await pilot.press(*"mine", "enter")
        await pilot.pause()
        said = not_saved()
        assert [n.message for n in said] == [refused] * 5
        assert all(n.severity == "warning" for n in said)
        assert list(app.screen.query_one(NotesPane).notes) == notes_before

        app.reader.focus_pane("article")
        await pilot.press(*"j" * 12)
        await pilot.pause()
        assert view.top_offset() > 0
        await pilot.pause(0.1)  # the position timer fires: not said again, already said at start
        assert len(not_saved()) == 5

        await keys(pilot, "l")  # the library: star and mark read from the list
        assert isinstance(app.screen, LibraryScreen)
        await app.workers.wait_for_complete()  # its rows arrive from a worker
        await pilot.pause()
        await keys(pilot, "down", "s", "m")
        assert [n.message for n in not_saved()] == [refused] * 7
        await keys(pilot, "escape")
        assert app.is_running
        await keys(pilot, "q")
    assert app.return_code == 0
    assert capsys.readouterr().err.strip() == f"gloss: {refused}"  # the position, on leaving
    library.close()
    assert files_under(folder) == before


async def test_full_disk_note_save_says_why_and_the_app_goes_on(
    library: Library, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = files_under(library.folder)  # opening the article stamped it as read last
        article_id = app.reader.article_id
        assert article_id is not None
        notes_before = library.notes(article_id)
        fill_disk(monkeypatch, library.folder)

        await write_article_note(pilot, "first try")
        [said] = notices(app, "Not saved")
        assert said.severity == "error"
        assert "\n" not in said.message
        assert said.message.startswith(f"could not save library file {library.folder}")
        assert said.message.endswith(": No space left on device (the file is unchanged)")
        assert library.notes(article_id) == notes_before
        assert files_under(library.folder) == before

        app.reader.focus_pane("article")
        await pilot.press(*"j" * 12)
        await pilot.pause()
        assert app.screen.query_one(ArticleView).top_offset() > 0
        assert app.is_running
        await keys(pilot, "q")  # the position cannot be saved either: said after the screen closes
    assert app.return_code == 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("gloss: could not save library file ") and "\n" not in err
    assert err.endswith("No space left on device (the file is unchanged)")

    monkeypatch.undo()  # space again: the same note saves
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_article_note(pilot, "second try")
        assert not notices(app, "Not saved")
    assert [n.body for n in library.notes(article_id)] == [
        *(n.body for n in notes_before),
        "second try",
    ]


async def test_an_article_with_a_damaged_text_file_is_one_line_and_the_app_goes_on(
    library: Library,
) -> None:
    first, *others = library.article_ids()
    shard = library.folder / "bodies" / f"{shard_name(first)}.json"
    shard.write_bytes(shard.read_bytes()[:100])
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # a loaded machine: the first frame may take a while
            await pilot.pause(0.1)
            if notices(app, "Cannot show the article"):
                break
        [said] = notices(app, "Cannot show the article")
        assert said.severity == "error"
        assert "\n" not in said.message
        assert said.message.startswith(f"library file {shard} is unreadable (invalid JSON")
        assert "moved it to" in said.message
        assert app.screen.query_one(ArticleView).article is None
        readable = next(a for a in others if shard_name(a) != shard_name(first))
        app.open_article(readable)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == readable
        assert app.is_running
    assert list(shard.parent.glob(f"{shard.name}.corrupt-*"))


async def test_a_large_damaged_catalog_is_rebuilt_and_said_in_the_app(
    template_library: Path, tmp_path: Path
) -> None:
    """A big catalog is not parsed before the reader starts: when it is, it is rebuilt from the
    body shards, in one line, and the library is all there."""
    folder = copy_of(template_library, tmp_path)
    with Library(folder) as library:
        titles = sorted(summary.title for summary in library.list_articles())
    catalog = folder / "catalog.json"
    catalog.write_bytes(b'{"articles": {' + b" " * 100_000)
    with Library(folder) as library:
        app = GlossApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            [message] = await library_notices(pilot)
            assert message.startswith(f"library file {catalog} was unreadable (invalid JSON")
            assert f"rebuilt it with {len(titles)} article" in message
            assert "\n" not in message
            assert not notices(app, "Cannot open")
            assert isinstance(app.screen, ReaderScreen)
            assert app.screen.query_one(ArticleView).article is not None
            await keys(pilot, "l")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            rows = app.screen.query_one(ArticleList).rows
            assert sorted(row.article.title for row in rows) == titles
    assert list(folder.glob("catalog.json.corrupt-*"))
