"""The command palette: one entry per command, none of Textual's that Gloss has no use
for, and commands ranked before articles."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from tui.app import GlossApp

SIZE = (120, 40)


async def entries(pilot: Pilot[None], typed: str = "") -> list[str]:
    """The palette's entries as shown, once the search has settled."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    if typed:
        await pilot.press(*typed)
    shown: list[str] = []
    for _ in range(50):  # the palette searches in the background, in batches
        await pilot.pause(0.1)
        options = palette.query_one(CommandList).options
        now = [str(option.prompt).split("\n")[0] for option in options]
        if now and now == shown:
            break
        shown = now
    await pilot.press("escape")
    await pilot.pause()
    return shown


async def test_the_palette_lists_each_command_once_and_no_textual_extras(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        shown = await entries(pilot)
        assert shown.count("Keys") == 1
        assert not {"Maximize", "Minimize", "Screenshot"} & set(shown)
        assert {"Theme", "Quit", "Library"} <= set(shown)


async def test_typing_theme_ranks_commands_before_articles(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        shown = await entries(pilot, "theme")
        articles = [i for i, entry in enumerate(shown) if entry.startswith("Open: ")]
        assert shown[0] == "Theme"
        assert articles, "an article title matches too: the test needs one"
        assert all(not entry.startswith("Open: ") for entry in shown[: articles[0]])
        assert articles == list(range(articles[0], len(shown))), "every article after them"
