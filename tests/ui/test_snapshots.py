"""What the screen looks like at 120x40; `make snapshots` re-records after a deliberate change."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.ui.conftest import settled
from tui.app import GlossApp

SIZE = (120, 40)


def test_reader_on_the_seed_article(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_reader_scrolled_to_the_end(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=settled, press=["G"])


def test_help_screen(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=settled, press=["question_mark"])


def test_library_screen(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=settled, press=["l"])


def test_narrow_terminal_shows_only_the_article(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=(60, 15), run_before=settled)


def test_reader_in_a_light_theme_with_entities_coloured(snap_compare: Any, app: GlossApp) -> None:
    """Headings and entity colours from the theme, dark enough to read on it."""

    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light, press=["c", "j"])
