"""A real library (seed + two Wikinews articles, entities from the real model), built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.data_paths import SEED, WIKINEWS, data_file
from tui.app import GlossApp
from tui.importing.importer import import_paths
from tui.screens.library_screen import LibraryScreen
from tui.screens.reader_screen import BACKGROUND_DELAY
from tui.store import Library

WIKINEWS_PICKS = (
    "2020-02-10-first-foreigners-die-from-coronavirus-in-wuhan-china.md",
    "2019-10-06-european-court-of-justice-says-facebook-must-remove-illegal-posts-glob.md",
)


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "library"
    paths = [SEED, *(data_file(WIKINEWS / name) for name in WIKINEWS_PICKS)]
    with Library(folder) as library:
        report = import_paths(library, paths)
        assert report.ok, report.failed
    return folder


@pytest.fixture
def library(template_library: Path, tmp_path: Path) -> Iterator[Library]:
    folder = tmp_path / "library"
    shutil.copytree(template_library, folder)
    opened = Library(folder)
    yield opened
    opened.close()


@pytest.fixture
def app(library: Library) -> GlossApp:
    return GlossApp(library)


async def settled(pilot: Pilot[None]) -> None:
    """Wait for background work (the entity counts) so a snapshot shows the finished screen.

    The counts start BACKGROUND_DELAY after the side panes are filled, which is after
    the article's first frame: wait that long first, or a loaded machine snapshots
    the screen before the work has even begun.
    """
    await pilot.pause()
    await pilot.pause(2 * BACKGROUND_DELAY)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def library_notices(pilot: Pilot[None], least: int = 1) -> list[str]:
    """The app's "Library" notifications once at least `least` are shown.

    The app looks for the Library's notices every second (reads run on worker
    threads); this waits for them, up to a generous hang guard.
    """
    for _ in range(100):
        said = [str(n.message) for n in pilot.app._notifications if n.title == "Library"]
        if len(said) >= least:
            return said
        await pilot.pause(0.1)
    return said


async def open_library(pilot: Pilot[None]) -> LibraryScreen:
    """Press `l` in the reader and return the library screen it opens."""
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen
