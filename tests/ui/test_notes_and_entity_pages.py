"""The notes screen (H) and the entity page (i), driven by real keys on real articles."""

from __future__ import annotations

from dataclasses import replace

from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.ui.test_notes_pane_follows import gloss
from tests.unit.hong_kong_library import annotate, by_date
from tui.app import GlossApp
from tui.models import Note
from tui.screens.entity_screen import EntityScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.notes_screen import NotesScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView
from tui.widgets.notes_pane import NotesPane

SIZE = (140, 40)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(screen: NotesScreen) -> list[str]:
    return [item.note.id for item in screen.found]


async def all_notes(pilot: Pilot[None]) -> NotesScreen:
    """Press H and return the notes screen it opens."""
    await pilot.press("H")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NotesScreen)
    return screen


async def test_h_lists_every_note_newest_first_and_color_filters(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    app = GlossApp(library, by_date(library)[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = await all_notes(pilot)
        assert listed(screen) == [notes[name].id for name in ("plain", "pink", "yellow")]
        options = screen.query_one("#all-notes", OptionList)
        first = options.get_option_at_index(0).prompt
        assert "Hong Kong's Carrie Lam delivers speech" in str(first)
        pink_row = str(options.get_option(notes["pink"].id).prompt)
        assert "The bill at last" in pink_row and "**" not in pink_row, "Markdown rendered"
        assert "● pink" in pink_row and "2019-09-06" in pink_row
        await pilot.press("slash", *"color:pink")
        await settle(pilot)
        assert listed(screen) == [notes["pink"].id]
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"none")
        await settle(pilot)
        assert listed(screen) == [notes["plain"].id]
        await pilot.press("backspace", "backspace", "backspace", *"zzz")
        await settle(pilot)
        assert listed(screen) == [notes["plain"].id], "a bad filter keeps the list"
        error = screen.query_one("#all-notes-error")
        assert error.display and "bad filter color:nzzz" in str(error.render())


async def test_enter_opens_the_article_at_the_passage(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    pink = notes["pink"]
    assert pink.selector is not None
    app = GlossApp(library, by_date(library)[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H")
        await settle(pilot)
        await pilot.press("j")  # the pink note, second newest
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article_id == pink.article_id
        view = app.screen.query_one(ArticleView)
        assert view.marks == [(pink.selector.start, pink.selector.end)]
        assert view.cursor == pink.selector.start
        assert library.notes(pink.article_id) == [pink], "opening changed nothing stored"


async def test_the_list_follows_a_note_added_on_the_command_line(hong_kong: Library) -> None:
    library = hong_kong
    annotate(library)
    october = by_date(library)[2]
    app = GlossApp(library, october)
    async with app.run_test(size=SIZE) as pilot:
        screen = await all_notes(pilot)
        gloss(
            "note", "add", october, "--body", "Added from a shell", "--library", str(library.folder)
        )
        for _ in range(100):
            if any(item.note.body == "Added from a shell" for item in screen.found):
                break
            await pilot.pause(0.1)
        assert screen.found[0].note.body == "Added from a shell"


async def test_an_orphan_is_shown_and_reattached_from_the_notes_screen(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    orphan = library.update_note(replace(notes["yellow"], orphaned=True))
    app = GlossApp(library, by_date(library)[2])
    async with app.run_test(size=SIZE) as pilot:
        screen = await all_notes(pilot)
        assert "1 to re-attach" in str(screen.query_one("#all-notes-title").render())
        await pilot.press("j", "j", "r")  # the oldest: the orphan
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article_id == orphan.article_id
        pane = app.screen.query_one(NotesPane)
        assert pane.current is not None and pane.current.id == orphan.id
        await pilot.press("v", "w", "w", "tab", "r")
        await pilot.pause()
        [stored] = library.notes(orphan.article_id)
        assert not stored.orphaned and stored.selector is not None
        text = library.get_article(orphan.article_id).text
        assert stored.selector.exact == text[stored.selector.start : stored.selector.end]
        assert stored.selector.exact.startswith("On Friday")


async def test_an_orphan_opened_in_another_article_gets_the_notes_cursor_among_others(
    hong_kong: Library,
) -> None:
    """`r` in the notes pane re-attaches the note under its cursor: it must be the orphan,
    not the article's first note."""
    library = hong_kong
    notes = annotate(library)
    orphan = library.update_note(replace(notes["yellow"], orphaned=True))
    library.add_note(Note(id="", article_id=orphan.article_id, body="On the whole article"))
    app = GlossApp(library, by_date(library)[2])
    async with app.run_test(size=SIZE) as pilot:
        screen = await all_notes(pilot)
        place = next(i for i, item in enumerate(screen.found) if item.note.id == orphan.id)
        await pilot.press(*["j"] * place, "r")
        await settle(pilot)
        assert app.reader.article_id == orphan.article_id
        pane = app.screen.query_one(NotesPane)
        assert pane.notes[0].id != orphan.id, "the whole-article note is listed first"
        assert pane.current is not None and pane.current.id == orphan.id


async def test_h_from_the_library_keeps_its_search(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    app = GlossApp(library, by_date(library)[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("slash", *"tag:hk", "enter")
        await settle(pilot)
        screen = await all_notes(pilot)
        assert screen.query_box.value == "tag:hk"
        assert listed(screen) == [notes["plain"].id]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_i_in_the_entity_pane_opens_the_page_and_enter_an_article(hong_kong: Library) -> None:
    library = hong_kong
    june, september, october = by_date(library)
    note = library.add_note(
        Note(id="", article_id=october, body="Asked to *resign*", entity="Carrie Lam")
    )
    app = GlossApp(library, june)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab", "i")  # Carrie Lam is the first entity of this article
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityScreen)
        page = screen.page
        assert page is not None and page.name == "Carrie Lam"
        shown = [
            str(screen.options.get_option_at_index(i).prompt)
            for i in range(screen.options.option_count)
        ]
        assert shown[0].startswith("People · also Lam")
        articles = [row for row in shown if row.startswith("2019-")]
        assert [row[:10] for row in articles] == ["2019-06-23", "2019-09-06", "2019-10-16"]
        assert "They had asked Hong Kong Chief Executive Carrie Lam" in articles[0]
        assert any(row.startswith("Hong Kong  places · 3 articles") for row in shown)
        assert any("Asked to resign" in row for row in shown), "the note, Markdown rendered"
        await pilot.press("j", "enter")  # the September article
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article_id == september
        view = app.screen.query_one(ArticleView)
        [lam] = [e for e in library.entities(september) if e.name == "Carrie Lam"]
        assert view.marks == [(m.start, m.end) for m in lam.mentions]
        assert [n.id for n in app.screen.query_one(NotesPane).notes] == [note.id]


async def test_i_in_the_library_opens_the_page_of_the_searched_entity(hong_kong: Library) -> None:
    library = hong_kong
    app = GlossApp(library, by_date(library)[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("slash", *'entity:"carrie lam"', "enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityScreen)
        assert screen.page is not None and screen.page.name == "Carrie Lam"
        assert len(screen.page.appearances) == 3
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_the_palette_opens_the_notes_screen_and_an_entity_page(hong_kong: Library) -> None:
    library = hong_kong
    annotate(library)
    app = GlossApp(library, by_date(library)[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Notes and highl")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert len(app.screen.found) == 3
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Entity page: Carrie")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntityScreen)
        assert screen.page is not None and screen.page.name == "Carrie Lam"
