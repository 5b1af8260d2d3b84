"""The notes pane: Markdown rendered, notes on an entity in every article naming it, and
notes written by another Gloss process shown without a restart."""

from __future__ import annotations

import subprocess
import sys

from rich.text import Text
from textual.pilot import Pilot

from tests.unit.hong_kong_library import by_date
from tui.app import GlossApp
from tui.models import Note
from tui.store import Library
from tui.widgets.notes_pane import NotesPane

SIZE = (140, 40)


def rows(pane: NotesPane) -> list[Text]:
    prompts = [pane.get_option_at_index(i).prompt for i in range(pane.option_count)]
    return [prompt for prompt in prompts if isinstance(prompt, Text)]


def gloss(*args: str) -> None:
    """Another Gloss process: the command line, as a user would run it."""
    done = subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; raise SystemExit(main())", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


async def wait_for(pilot: Pilot[None], pane: NotesPane, words: str) -> list[str]:
    """The pane's rows once one shows `words` (the app looks every second; a hang guard)."""
    for _ in range(100):
        shown = [row.plain for row in rows(pane)]
        if any(words in row for row in shown):
            return shown
        await pilot.pause(0.1)
    return shown


async def test_markdown_is_rendered_and_a_note_from_the_command_line_appears(
    hong_kong: Library,
) -> None:
    library = hong_kong
    june = by_date(library)[0]
    app = GlossApp(library, june)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(NotesPane)
        assert pane.notes == []
        gloss("note", "add", june, "--body", "A **bold** claim", "--library", str(library.folder))
        shown = await wait_for(pilot, pane, "A bold claim")
        assert any("A bold claim" in row for row in shown), shown
        assert not any("**" in row for row in shown), "Markdown is rendered, not shown raw"
        [row] = [row for row in rows(pane) if "bold claim" in row.plain]
        start = row.plain.index("bold claim")
        bold = [span for span in row.spans if span.start == start and "bold" in str(span.style)]
        assert bold, row.spans
        [note] = library.notes(june)
        gloss("note", "delete", note.id, "--library", str(library.folder))
        shown = await wait_for(pilot, pane, "No notes on this article.")
        assert shown == ["No notes on this article."]


async def test_a_note_on_an_entity_shows_in_every_article_naming_it(hong_kong: Library) -> None:
    library = hong_kong
    june, september, october = by_date(library)
    library.add_note(
        Note(id="", article_id=october, body="Asked to *resign* in June", entity="Carrie Lam")
    )
    app = GlossApp(library, june)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the notes pane is filled after the article's first frame
        pane = app.screen.query_one(NotesPane)
        assert [row.plain.splitlines()[:2] for row in rows(pane)] == [
            ["About Carrie Lam", "Asked to resign in June"]
        ]
        await pilot.press("left_square_bracket")  # the September article names her too
        await pilot.pause()
        assert app.reader.article_id == september
        assert [note.body for note in pane.notes] == ["Asked to *resign* in June"]
