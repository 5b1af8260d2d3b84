"""A library record holding a field of the wrong type, in the app: a notification naming the
file, the record and the field, and the rest of the library goes on working."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tui.app import GlossApp
from tui.screens.library_screen import LibraryScreen
from tui.store import Library
from tui.widgets.article_list import ArticleList


async def test_a_wrong_field_is_a_notification_and_the_library_still_lists(
    template_library: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(template_library, folder)
    catalog = folder / "catalog.json"
    data = json.loads(catalog.read_text(encoding="utf-8"))
    records = data["articles"]
    key, record = next(iter(records.items()))
    record["title"], record["date"] = None, 20240101
    catalog.write_text(json.dumps(data), encoding="utf-8")
    before = catalog.read_bytes()
    library = Library(folder)
    app = GlossApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(1.5)  # the app looks for such lines every second
        assert isinstance(app.screen, LibraryScreen)
        shown = app.screen.query_one(ArticleList)
        assert len(shown.rows) == len(records)
        said = [n for n in app._notifications if n.title == "Library"]
        messages = sorted(str(n.message) for n in said)
        where = f"{catalog}: record {key} (article {record['id']})"
        assert messages == [
            f'{where}: "date" is the number 20240101, not text or null; read as null',
            f'{where}: "title" is null, not text; read as ""',
        ]
        assert all(n.severity == "warning" for n in said)
        await pilot.press("q")
    library.close()
    assert catalog.read_bytes() == before, "the record stays as it was, for the user to fix"
