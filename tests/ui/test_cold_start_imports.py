"""Cold start imports the reader and nothing it does not show: the other screens, the
palette's providers, the web and export code, the other commands come when first used
(markdown-it is imported by a worker after the first frame: not checked here).

Each case starts the reader as `gloss --library DIR` does (tui.cli's parser, then the
app) in a fresh interpreter, so that sys.modules holds only what the start imported.
keys.toml may still name a key of a screen not imported yet: it is checked and applies.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.data_paths import REPO
from tui.paths import keys_file
from tui.store import Library

NOT_AT_START = (
    "tui.screens.library_screen",
    "tui.screens.help_screen",
    "tui.screens.notes_screen",
    "tui.screens.entity_screen",
    "tui.screens.mentions_screen",
    "tui.screens.note_editor_screen",
    "tui.screens.tag_editor_screen",
    "tui.screens.color_picker_screen",
    "tui.screens.browser",
    "tui.palette.article_commands",
    "tui.palette.entity_commands",
    "tui.palette.library_commands",
    "tui.widgets.article_list",
    "tui.widgets.search_results",
    "tui.web",
    "tui.annotations.export",
    "tui.annotations.w3c",
    "tui.importing",
    "tui.ingest.reader",
    "tui.commands.import_files",
    "tui.commands.feed_command",
    "tui.commands.export_command",
    "tui.commands.note_command",
    "tui.search.search_index",  # the library search's: at the first search
    "tui.search.query_parser",
    "tui.search.searcher",
    "tui.annotations.anchoring",  # at the first note or highlight
    "tui.settings.keymap",  # only with a keys.toml
    "tui.store.rebuilt_catalog",  # only for a damaged catalog
    "tomllib",
    "textual.widgets._text_area",
    "httpx",
    "spacy",
)

PROBE = """
import asyncio, json, sys
from pathlib import Path

from tui.cli import build_parser, open_library

argv = ["--library", sys.argv[1]]
args = build_parser(argv).parse_args(argv)
from tui.app import GlossApp  # what `gloss` (the open_reader command) imports to run it
from tui.widgets.article_view import ArticleView

async def main() -> dict[str, object]:
    with open_library(Path(args.library)) as library:
        app = GlossApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.screen.query_one(ArticleView)
            while view.article is None:
                await pilot.pause(0.05)
            at_start = sorted(sys.modules)
            errors = [str(n.message) for n in app._notifications if n.severity == "error"]
            await pilot.press(*sys.argv[2:])
            await pilot.pause()
            await app.workers.wait_for_complete()
            return {
                "at_start": at_start,
                "later": sorted(sys.modules),
                "errors": errors,
                "article": app.reader.article_id,
            }

print(json.dumps(asyncio.run(main())))
"""


def start_reader(library: Library, *keys: str) -> dict[str, Any]:
    """Start the reader on `library` in a fresh interpreter, press `keys`, and say what
    was imported before the first key and after the last."""
    library.close()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(library.folder), *keys],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def imported(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names)]


def test_the_reader_starts_without_what_it_does_not_show(library: Library) -> None:
    seen = start_reader(library, "l")
    assert imported(seen["at_start"], NOT_AT_START) == []
    assert "tui.screens.library_screen" in seen["later"], "l imports the library when it opens"


def test_keys_toml_remaps_and_checks_a_key_of_a_screen_not_imported_yet(
    library: Library,
) -> None:
    """`*` stars in the library instead of `s`; the file is checked before the library
    screen is imported (an unknown id would be named), and the remap applies when it is."""
    keys_file().parent.mkdir(parents=True, exist_ok=True)
    keys_file().write_text('"library.star" = "asterisk"\n', encoding="utf-8")
    folder = library.folder
    seen = start_reader(library, "l", "s", "asterisk")
    assert seen["errors"] == []
    with Library(folder) as reopened:
        state = reopened.reading_states().get(seen["article"])
    assert state is not None and state.starred, "* starred the article under the cursor"


def test_a_clash_with_a_key_of_a_screen_not_imported_yet_is_said_at_start(
    library: Library,
) -> None:
    keys_file().parent.mkdir(parents=True, exist_ok=True)
    keys_file().write_text('"library.star" = "m"\n"library.stra" = "z"\n', encoding="utf-8")
    seen = start_reader(library)
    unknown, clash = seen["errors"]
    assert unknown == f"{keys_file()}: unknown binding id “library.stra” (ignored)"
    assert "“m” is both library.star and library.toggle_read" in clash
