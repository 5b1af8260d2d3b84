"""The entity sidebar driven from the keyboard: filter, mark mentions, step, clear, go elsewhere."""

from __future__ import annotations

import threading

import pytest
from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot

from tests.ui.conftest import settled
from tui.app import GlossApp
from tui.models import Entity
from tui.screens.library_screen import LibraryScreen
from tui.screens.mentions_screen import MentionsScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.paints import Paints

SEED_ADB = "Asia Digital Bank"


async def focus_sidebar(pilot: Pilot[None]) -> EntitySidebar:
    await pilot.press("shift+tab")
    await pilot.pause()
    sidebar = pilot.app.screen.query_one(EntitySidebar)
    assert sidebar.has_focus
    return sidebar


def shown_names(sidebar: EntitySidebar) -> list[str]:
    return [entity.name for entity in sidebar._rows]


async def test_typing_filters_by_name_and_alias(app: GlossApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        everything = shown_names(sidebar)
        assert {"Yu Jianing", "Beijing", "Malaysia"} <= set(everything)
        await pilot.press("slash", *"adb")
        await pilot.pause()
        assert shown_names(sidebar) == [SEED_ADB], "the alias ADB finds Asia Digital Bank"
        assert str(sidebar.border_subtitle).startswith("filter: adb")
        await pilot.press("backspace", "backspace", "backspace", *"yu")
        await pilot.pause()
        assert shown_names(sidebar) == ["Yu Jianing"]
        await pilot.press("escape")
        await pilot.pause()
        assert shown_names(sidebar) == everything
        assert sidebar.border_subtitle == ""


async def test_global_keys_keep_their_meaning_in_the_entity_pane(
    app: GlossApp, library: Library
) -> None:
    """`l`, `q` and `/` are not typed into the filter; `/` and `f` start it."""
    seed = library.article_ids()[0]
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        everything = shown_names(sidebar)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen), "l opens the library"
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        sidebar = app.screen.query_one(EntitySidebar)
        assert sidebar.has_focus, "back from the library in the entity pane"
        assert sidebar.filter == "" and shown_names(sidebar) == everything
        await pilot.press("f", *"bei", "escape")
        await pilot.pause()
        assert sidebar.filter == "" and shown_names(sidebar) == everything
        assert sidebar.has_focus
        await pilot.press("slash", *"ql")
        await pilot.pause()
        assert sidebar.filter == "ql", "after / letters are typed, q and l too"
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running, "q quits from the entity pane"
    assert library.last_read_article() == seed


async def test_enter_marks_every_mention_and_n_steps_through_them(
    app: GlossApp, library: Library
) -> None:
    seed = library.get_article(library.article_ids()[0])
    adb = next(e for e in library.entities(seed.id) if e.name == SEED_ADB)
    async with app.run_test(size=(120, 40)) as pilot:
        await focus_sidebar(pilot)
        await pilot.press("f", *"asia digital", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.has_focus, "enter moves to the article"
        assert view.marks == [(m.start, m.end) for m in adb.mentions]
        total = len(adb.mentions)
        assert total >= 4
        assert view.border_subtitle == f"1/{total} {SEED_ADB}"
        await pilot.press("n", "n")
        await pilot.pause()
        assert view.border_subtitle == f"3/{total} {SEED_ADB}"
        await pilot.press("N", "N", "N")
        await pilot.pause()
        assert view.border_subtitle == f"{total}/{total} {SEED_ADB}", "N wraps to the last"
        last = view.marks[-1][0]
        y = view.line_of_offset(last)
        assert y is not None
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height
        await pilot.press("escape")
        await pilot.pause()
        assert view.marks == []
        assert view.border_subtitle == ""


async def test_colour_toggle_paints_mentions_by_type(app: GlossApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        colours = {style.color for style in Paints.of(view).entity.values()}

        def painted() -> set[str]:
            """Words drawn on screen in an entity type's colour."""
            found: set[str] = set()
            for y in range(view.scrollable_content_region.height):
                run = ""
                for segment in [*view.render_line(y), Segment("")]:
                    if segment.style is not None and segment.style.color in colours:
                        run += segment.text
                    elif run:
                        found.add(run)
                        run = ""
            return found

        assert painted() == set()
        await pilot.press("c")
        await pilot.pause()
        assert {"Beijing", "CMCAMC", "Asia Digital Bank"} <= painted()
        await pilot.press("c")
        await pilot.pause()
        assert painted() == set()


async def test_other_articles_list_opens_the_article_at_the_mention(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        await pilot.press("slash", *"beijing")
        await pilot.pause()
        assert shown_names(sidebar) == ["Beijing"]
        await app.workers.wait_for_complete()  # the counts come from a worker
        await pilot.pause()
        assert "+1 art." in sidebar.row_prompt(1).plain
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        rows = app.screen.rows
        assert len(rows) == 1
        assert rows[0].title == "First foreigners die from coronavirus in Wuhan, China"
        start, end = rows[0].snippet_span
        assert rows[0].snippet[start:end] == "Beijing"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == rows[0].article_id
        assert view.marks[view.current_mark][0] == rows[0].start
        assert view.article.text[rows[0].start : rows[0].end] == "Beijing"
        assert view.mark_label == "Beijing"


async def test_sidebar_says_plainly_when_the_model_was_missing(
    app: GlossApp, library: Library
) -> None:
    from tui.entities import EXTRACTOR_VERSION, NO_MODEL_SUFFIX

    article_id = library.article_ids()[0]
    acronyms_only = [e for e in library.entities(article_id) if e.aliases]
    library.set_entities_many([(article_id, acronyms_only)], EXTRACTOR_VERSION + NO_MODEL_SUFFIX)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(EntitySidebar)
        first = sidebar.row_prompt(0).plain
        assert "spaCy model was missing" in first
        assert "gloss reindex" in first
        assert SEED_ADB in shown_names(sidebar)


async def test_markup_in_entity_names_and_filters_is_shown_as_text(
    app: GlossApp, library: Library
) -> None:
    from tui.models import Entity, Mention

    article_id = library.article_ids()[0]
    text = library.get_article(article_id).text
    tricky = Entity("[/] [bold]Bank", "organization", (), (Mention(0, 7, text[:7]),))
    library.set_entities_many([(article_id, [tricky])], library.extractor_version(article_id) or "")
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        shown = Content.from_markup(str(view.border_subtitle)).plain
        assert shown == "1/1 [/] [bold]Bank"
        assert app.is_running
        assert "[/] [bold]Bank" in sidebar.row_prompt(1).plain


async def test_other_articles_are_one_row_each_with_their_mention_count(
    app: GlossApp, library: Library
) -> None:
    wuhan = library.article_ids()[1]
    [china] = [e for e in library.entities(wuhan) if e.name == "China"]
    assert len(china.mentions) > 1, "the test needs an article naming it several times"
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        await pilot.press("slash", *"china")
        await pilot.pause()
        for _ in range(len(sidebar._rows)):
            entity = sidebar.highlighted_entity
            if entity is not None and entity.name == "China":
                break
            await pilot.press("down")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        rows = app.screen.rows
        assert len({row.article_id for row in rows}) == len(rows), "one row per article"
        [row] = [row for row in rows if row.article_id == wuhan]
        assert row.count == len(china.mentions)
        shown = [str(option.prompt) for option in app.screen.query_one("#mentions").options]
        assert any(f"{len(china.mentions)} mentions" in text for text in shown)
        assert not [text for text in shown if "  " in text], "no double spaces"
        for _ in range(rows.index(row)):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == wuhan
        first = min(mention.start for mention in china.mentions)
        assert view.marks[view.current_mark][0] == first, "at its first mention"


async def test_a_page_in_another_language_says_entities_are_english_and_french_only(
    app: GlossApp, library: Library
) -> None:
    from tests.data_paths import READABILITY, data_file
    from tui.entities import EXTRACTOR_VERSION
    from tui.ingest import read_path

    [czech] = read_path(data_file(READABILITY / "aktualne" / "source.html"))
    library.add_articles([czech])
    library.set_entities_many([(czech.id, [])], EXTRACTOR_VERSION)
    library.stamp_last_read(czech.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == czech.id
        assert view.layout_rows is not None
        meta = " ".join(
            view.row_text(y) for y, row in enumerate(view.layout_rows.rows) if row.kind == "meta"
        )
        assert "Czech" in meta
        sidebar = app.screen.query_one(EntitySidebar)
        first = sidebar.row_prompt(0).plain
        assert first.startswith("Entities: English and French only")


def on_screen(sidebar: EntitySidebar) -> list[str]:
    """The sidebar's lines as drawn now."""
    return [
        "".join(segment.text for segment in sidebar.render_line(y))
        for y in range(sidebar.scrollable_content_region.height)
    ]


def hold_back_counts(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The entity counts' worker waits until the event is set."""
    arrive = threading.Event()
    real_counts = Library.entity_article_counts

    def held_back(self: Library) -> dict[str, int]:
        arrive.wait(timeout=30)
        return real_counts(self)

    monkeypatch.setattr(Library, "entity_article_counts", held_back)
    return arrive


def rows_built(sidebar: EntitySidebar, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the sidebar builds from now on, in order."""
    built: list[int] = []
    real_prompt = sidebar.row_prompt

    def counted(index: int) -> Text:
        built.append(index)
        return real_prompt(index)

    monkeypatch.setattr(sidebar, "row_prompt", counted)
    return built


async def test_counts_arrive_on_the_rows_in_view_without_moving_the_cursor(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts come from a worker; held back here until the cursor has moved."""
    arrive = hold_back_counts(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await focus_sidebar(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        cursor, top = sidebar.highlighted_entity, sidebar.scroll_offset.y
        assert cursor is not None
        assert not [line for line in on_screen(sidebar) if "art." in line]
        built = rows_built(sidebar, monkeypatch)
        arrive.set()
        await settled(pilot)
        beijing = next(line for line in on_screen(sidebar) if "Beijing" in line)
        assert "+1 art." in beijing, "the count shows on the row in view"
        assert sidebar.highlighted_entity == cursor and sidebar.scroll_offset.y == top
        counted_rows = {
            i
            for i, line in enumerate(sidebar.lines)
            if isinstance(line, Entity) and sidebar.elsewhere.get(line.name, 0)
        }
        assert built and set(built) <= counted_rows, "only the rows whose count came are built"


async def test_counts_taken_once_show_with_the_rows_of_the_next_article_opened(
    app: GlossApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts already taken are on the rows in the sidebar's first frame; the worker that
    checks them again (held back here) has nothing to redraw when they still hold."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)  # the first article's counts came from the worker
        arrive = hold_back_counts(monkeypatch)
        sidebar = app.screen.query_one(EntitySidebar)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        beijing = next(line for line in on_screen(sidebar) if "Beijing" in line)
        assert "+1 art." in beijing, "the count is there before the worker answers"
        built = rows_built(sidebar, monkeypatch)
        arrive.set()
        await settled(pilot)
        assert built == [], "the same counts again: no row is drawn again"


async def test_the_longest_article_builds_only_its_rows_in_view_and_end_reaches_the_last(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.data_paths import READABILITY, data_file
    from tui.importing.importer import import_paths

    report = import_paths(library, [data_file(READABILITY / "wikipedia-2" / "source.html")])
    assert report.ok, report.failed
    long_id = max(library.article_ids(), key=lambda i: library.get_article(i).word_count)
    entities = library.entities(long_id)
    assert len(entities) > 300, "the test needs an article naming hundreds of entities"
    library.stamp_last_read(long_id)
    built: list[int] = []
    real_prompt = EntitySidebar.row_prompt

    def counted(self: EntitySidebar, index: int) -> Text:
        built.append(index)
        return real_prompt(self, index)

    monkeypatch.setattr(EntitySidebar, "row_prompt", counted)
    app = GlossApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        sidebar = app.screen.query_one(EntitySidebar)
        assert len(sidebar._rows) == len(entities)
        height = sidebar.scrollable_content_region.height
        assert 0 < len(set(built)) <= 2 * height, "rows off screen are neither built nor drawn"
        sidebar = await focus_sidebar(pilot)
        built.clear()
        await pilot.press("end")
        await pilot.pause()
        last = sidebar._rows[-1]
        assert sidebar.highlighted_entity == last
        assert any(last.name in line for line in on_screen(sidebar)), "the last row in view"
        assert 0 < len(set(built)) <= 2 * height
        await pilot.press("home")
        await pilot.pause()
        assert sidebar.highlighted_entity == sidebar._rows[0]
        assert sidebar.scroll_offset.y == 0


async def test_a_click_on_an_entity_marks_its_mentions(app: GlossApp, library: Library) -> None:
    seed = library.get_article(library.article_ids()[0])
    adb = next(e for e in library.entities(seed.id) if e.name == SEED_ADB)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(EntitySidebar)
        y = next(y for y, line in enumerate(on_screen(sidebar)) if SEED_ADB in line)
        await pilot.click(sidebar, offset=(3, y + 1))  # the border's line first
        await pilot.pause()
        assert sidebar.highlighted_entity == adb
        view = app.screen.query_one(ArticleView)
        assert view.has_focus, "the click moves to the article, as enter does"
        assert view.marks == [(m.start, m.end) for m in adb.mentions]


def test_rows_are_measured_by_the_text_they_draw(library: Library) -> None:
    """Rows are laid out from entity_row_plain and drawn from entity_row: were they to
    differ, rows would overlap or leave gaps."""
    from tui.models import Mention
    from tui.widgets.entity_sidebar import entity_row, entity_row_plain

    mention = Mention(0, 3, "abc")
    tricky = [
        Entity("Zhōngguó 中国\x1b[31m", "place", ("中华\tPRC", "[b]x"), (mention,)),
        Entity("\u202eevil\nname", "person", (), (mention, mention)),
    ]
    every = [e for i in library.article_ids() for e in library.entities(i)] + tricky
    assert len(every) > 50
    for entity in every:
        for elsewhere in (0, 1, 12):
            assert entity_row_plain(entity, elsewhere) == entity_row(entity, elsewhere).plain
