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
            block, widget = next(
                (b, w) for b, w in view._blocks if b.start <= note.selector.start < b.end
            )
            painted = [
                view.article.text[block.start + s.start : block.start + s.end]
                for s in view._block_text(block).spans
            ]
            assert note.selector.exact in painted
            assert widget.has_class("-annotated"), "the gutter mark stays on the block"


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
        block, widget = view._blocks[1]
        await pilot.mouse_down(widget, offset=(0, 0))
        await pilot.hover(widget, offset=(16, 0))
        await pilot.mouse_up(widget, offset=(16, 0))
        await pilot.pause()
        assert view.selection is not None, "the mouse selected text in the article"
        await keys(pilot, "h", "2")
    [note] = seed_notes(library)
    assert note.color == "green"
    assert note.selector.start == block.start
    assert note.selector.exact in ("This partnership", "This partnership ")
