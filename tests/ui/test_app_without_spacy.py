"""The app shows articles and entities from the library alone: spaCy stays unloaded.

Nor are the importers' heavy libraries loaded (trafilatura, feedparser): the
reader starts in about the time of a bare Textual app only if it leaves them out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from tui.app import GlossApp
    from tui.store import Library
    from tui.widgets.entity_sidebar import EntitySidebar

    async def main():
        with Library(Path(sys.argv[1])) as library:
            app = GlossApp(library)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("right_square_bracket", "left_square_bracket", "l", "escape")
                await pilot.pause()
                sidebar = app.screen.query_one(EntitySidebar)
                print("entities", len(sidebar.entities))
        loaded = {name.split(".")[0] for name in sys.modules}
        for package in ("spacy", "trafilatura", "feedparser"):
            print(package, "loaded", package in loaded)

    asyncio.run(main())
    """
)


def test_spacy_and_the_importers_are_never_imported_by_the_app(
    template_library: Path, tmp_path: Path
) -> None:
    folder = shutil.copytree(template_library, tmp_path / "library")  # reading stamps it
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    for package in ("spacy", "trafilatura", "feedparser"):
        assert f"{package} loaded False" in lines, result.stdout + result.stderr
    assert int(lines[0].split()[1]) > 5, "the sidebar showed the stored entities"
