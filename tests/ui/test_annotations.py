"""Annotating from the keyboard: select, highlight, write, edit, delete, undo, reopen."""

from __future__ import annotations

from dataclasses import replace

from textual.pilot import Pilot

from tui.app import GlossApp
from tui.screens.color_picker_screen import ColorPickerScreen
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView
from tui.widgets.notes_pane import NotesPane

SEED_START = "Beijing 24 February 2022 (TDI): The China Mobile"
FIRST_SENTENCE = (
    "Beijing 24 February 2022 (TDI): The China Mobile Communication Association Metaverse "
    "Committee (CMCAMC) has signed a strategic partnership with the Asia Digital Bank (ADB)."
)


def seed_notes(library: Library) -> list:
    return library.notes(library.article_ids()[0])


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def test_select_by_word_and_highlight(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "v", "w", "w")
        view = app.screen.query_one(ArticleView)
        assert view.selection is not None
        assert view.article is not None
        assert view.article.text[slice(*view.selection)] == "Beijing 24 February"
        await keys(pilot, "b")
        assert view.article.text[slice(*view.selection)] == "Beijing 24", "b shrinks by a word"
        await keys(pilot, "h")
        assert isinstance(app.screen, ColorPickerScreen)
        await keys(pilot, "3")
        assert view.selection is None
    [note] = seed_notes(library)
    assert (note.selector.exact, note.color, note.body) == ("Beijing 24", "blue", "")
    assert note.selector.start == 0
    assert len(note.selector.suffix) == 32


async def test_sentence_and_paragraph_selection(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        await keys(pilot, "v", "right_parenthesis")
        assert view.article is not None and view.selection is not None
        assert view.article.text[slice(*view.selection)] == FIRST_SENTENCE
        await keys(pilot, "right_curly_bracket")
        first_block = view.article.blocks[0]
        assert view.selection == (0, first_block.end), "} extends to the paragraph's end"
        await keys(pilot, "left_parenthesis")
        assert view.article.text[slice(*view.selection)] == FIRST_SENTENCE
        await keys(pilot, "escape")
        assert view.selection is None
        await keys(pilot, "right_parenthesis", "v", "right_parenthesis", "h", "enter")
    [note] = seed_notes(library)
    assert (
        note.selector.exact
        == "CMCAMC announced itself as China’s first metaverse industry group on Tuesday."
    )
    assert note.color == "yellow"


async def test_write_a_note_with_tags_then_edit_delete_undo(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "v", "w", "a")
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*"Datelines matter. #method", "enter", *"Second line")
        await keys(pilot, "ctrl+s")
        [note] = seed_notes(library)
        assert note.body == "Datelines matter. #method\nSecond line"
        assert note.tags == ("method",)
        assert note.selector.exact == "Beijing 24"
        pane = app.screen.query_one(NotesPane)
        assert "Datelines matter." in str(pane.get_option_at_index(0).prompt)

        await keys(pilot, "tab")
        assert pane.has_focus
        await keys(pilot, "e")
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*" #edited")
        await keys(pilot, "ctrl+s")
        [note] = seed_notes(library)
        assert note.body.endswith("Second line #edited")
        assert note.tags == ("method", "edited")

        await keys(pilot, "d")
        assert seed_notes(library) == []
        assert "No notes" in str(pane.get_option_at_index(0).prompt)
        await keys(pilot, "u")
        [restored] = seed_notes(library)
        assert restored == note


async def test_escape_asks_before_throwing_away_typed_text(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "v", "a")
        await pilot.press(*"half a thought")
        await keys(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "n")
        assert isinstance(app.screen, NoteEditorScreen), "n keeps the text"
        await keys(pilot, "escape", "y")
        assert not isinstance(app.screen, NoteEditorScreen | ConfirmScreen)
    assert seed_notes(library) == []


async def test_notes_survive_quit_and_reopen(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "A")
        await pilot.press(*"About the whole piece")
        await keys(pilot, "tab")  # leaving the editor saves
        await keys(pilot, "q")
    reopened = GlossApp(Library(library.folder))
    async with reopened.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = reopened.screen.query_one(NotesPane)
        [note] = pane.notes
        assert (note.body, note.selector) == ("About the whole piece", None)
        assert "Whole article" in str(pane.get_option_at_index(0).prompt)


async def test_highlight_stays_on_its_words_after_resize(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "right_curly_bracket", "v", "right_parenthesis", "h", "4")
        view = app.screen.query_one(ArticleView)
        [note] = seed_notes(library)
        for size in [(60, 15), (200, 50), (90, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            index, block = next(
                (i, b)
                for i, b in enumerate(view.article.blocks)
                if b.start <= note.selector.start < b.end
            )
            painted = [
                view.article.text[start:end]
                for start, end, _ in view.paints_between(block.start, block.end)
            ]
            assert note.selector.exact in painted
            assert view.is_annotated(index), "the gutter mark stays on the block"


async def test_orphaned_note_is_listed_and_can_be_reattached(
    app: GlossApp, library: Library
) -> None:
    article_id = library.article_ids()[0]
    text = library.get_article(article_id).text
    from tui.annotations.anchoring import make_selector
    from tui.models import Note

    lost = library.add_note(
        Note(id="", article_id=article_id, body="kept anyway", selector=make_selector(text, 0, 7))
    )
    library.update_note(replace(lost, orphaned=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert "passage gone" in str(pane.get_option_at_index(0).prompt)
        await keys(pilot, "right_parenthesis", "v", "w", "tab", "r")
    [note] = seed_notes(library)
    assert not note.orphaned
    assert note.selector.exact == "CMCAMC announced"
    assert note.body == "kept anyway"


async def test_enter_on_a_note_jumps_to_its_passage(app: GlossApp, library: Library) -> None:
    article_id = library.article_ids()[0]
    text = library.get_article(article_id).text
    from tui.annotations.anchoring import make_selector
    from tui.models import Note

    start = text.index("Yu added that")
    library.add_note(
        Note(
            id="",
            article_id=article_id,
            body="late",
            selector=make_selector(text, start, start + 8),
        )
    )
    async with app.run_test(size=(100, 20)) as pilot:
        await keys(pilot, "tab", "enter")
        view = app.screen.query_one(ArticleView)
        assert view.has_focus
        y = view.line_of_offset(start)
        assert y is not None
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height


async def test_mouse_selection_can_be_highlighted(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        block = view.article.blocks[1]
        start = view.point_of_offset(block.start)
        assert start is not None
        end = (start.x + 16, start.y)
        await pilot.mouse_down(view, offset=(start.x, start.y))
        await pilot.hover(view, offset=end)
        await pilot.mouse_up(view, offset=end)
        await pilot.pause()
        assert view.selection is not None, "the mouse selected text in the article"
        await keys(pilot, "h", "2")
    [note] = seed_notes(library)
    assert note.color == "green"
    assert note.selector.start == block.start
    assert note.selector.exact in ("This partnership", "This partnership ")


async def test_v_starts_at_the_current_match_and_at_the_end_after_G(
    app: GlossApp, library: Library
) -> None:
    """After `/`, `n` or `G` the reading cursor is on what the user sees as current."""
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        text = view.article.text
        await keys(pilot, "slash", *"malaysia", "enter")
        assert view.scroll_y > 0, "the first match is below the first screen"
        first, second = view.marks[0][0], view.marks[1][0]
        await keys(pilot, "v", "h", "1")
        await keys(pilot, "n", "v", "h", "2")
        last_block = view.article.blocks[-1]
        await keys(pilot, "G", "v", "h", "3")
        await keys(pilot, "g", "v", "h", "4")
    by_colour = {note.color: note.selector for note in seed_notes(library)}
    assert (by_colour["yellow"].start, by_colour["yellow"].exact) == (first, "Malaysia")
    assert (by_colour["green"].start, by_colour["green"].exact) == (second, "Malaysia")
    assert by_colour["blue"].start == last_block.start, "G: the last paragraph"
    assert by_colour["pink"].start == 0, "g: the first word"
    assert text[by_colour["pink"].start : by_colour["pink"].end] == "Beijing"


async def test_h_and_a_without_a_selection_take_the_sentence_at_the_cursor(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        await keys(pilot, "h")
        assert isinstance(app.screen, ColorPickerScreen), "h with no selection: the sentence"
        await keys(pilot, "2")
        await keys(pilot, "right_parenthesis", "a")
        assert isinstance(app.screen, NoteEditorScreen), "a with no selection: the sentence"
        await pilot.press(*"second")
        await keys(pilot, "ctrl+s")
        assert view.selection is None
    notes = sorted(seed_notes(library), key=lambda note: note.selector.start)
    assert [(n.selector.exact, n.color, n.body) for n in notes[:1]] == [
        (FIRST_SENTENCE, "green", "")
    ]
    assert notes[1].selector.exact.startswith("CMCAMC announced itself")
    assert notes[1].selector.exact.endswith(".") and notes[1].body == "second"
