"""The library with search results, at 120x40 (`make snapshots` re-records it)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tui.app import GlossApp

SIZE = (120, 40)


async def search_digital(pilot: Pilot[None]) -> None:
    await pilot.press("l", "slash", *"digital")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_library_with_search_results(snap_compare: Any, app: GlossApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=search_digital)
