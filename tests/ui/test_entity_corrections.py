"""Correcting entities from the sidebar: R T M S H, then u; the sidebar and the store agree."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.ui.conftest import settled
from tui.app import GlossApp
from tui.models import Entity
from tui.paths import keys_file
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.prompt_screen import PromptScreen
from tui.store import Library
from tui.widgets.entity_sidebar import EntitySidebar


async def on_entity(pilot: Pilot[None], name: str) -> EntitySidebar:
    """Focus the sidebar and move down (real keys) to the entity of this name."""
    await pilot.press("shift+tab")
    await pilot.pause()
    sidebar = pilot.app.screen.query_one(EntitySidebar)
    assert sidebar.has_focus
    for _ in range(len(sidebar.entities) + 1):
        entity = sidebar.highlighted_entity
        if entity is not None and entity.name == name:
            return sidebar
        await pilot.press("down")
    raise AssertionError(f"{name} is not in the sidebar")


async def choose(pilot: Pilot[None], key: str, absent: str) -> None:
    """In the dialog a correction key opened, pick `key` (j, enter); `absent` is not offered."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceScreen)
    keys = [item for item, _ in pilot.app.screen.items]
    assert absent not in keys
    await pilot.press(*["j"] * keys.index(key), "enter")
    await settled(pilot)


def shown(sidebar: EntitySidebar, name: str) -> Entity | None:
    return next((entity for entity in sidebar._rows if entity.name == name), None)


def stored(library: Library, article_id: str, name: str) -> Entity | None:
    return next((e for e in library.entities(article_id) if e.name == name), None)


def wuhan(library: Library) -> str:
    return next(s.id for s in library.list_articles() if "Wuhan" in s.title)


async def test_h_hides_in_every_article_and_u_brings_it_back(
    app: GlossApp, library: Library
) -> None:
    seed, other = library.article_ids()[0], wuhan(library)
    assert stored(library, other, "China") is not None
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "China")
        await pilot.press("H")
        await settled(pilot)
        assert shown(sidebar, "China") is None
        assert stored(library, seed, "China") is None
        assert stored(library, other, "China") is None, "in every article"
        [made] = library.entity_corrections()
        assert (made.action, made.name) == ("hide", "China")
        await pilot.press("u")
        await settled(pilot)
        assert shown(sidebar, "China") is not None
        assert library.entity_corrections() == []
        assert stored(library, other, "China") is not None
        await pilot.press("u")  # nothing left to undo: the key does nothing
        await pilot.pause()
        assert library.entity_corrections() == []


async def test_r_renames_and_the_old_name_stays_an_alias(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "Yu Jianing")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("ctrl+u", *"Jianing Yu", "enter")
        await settled(pilot)
        renamed = shown(sidebar, "Jianing Yu")
        assert renamed is not None and "Yu Jianing" in renamed.aliases
        assert sidebar.highlighted_entity == renamed, "the cursor stays on it"
        assert shown(sidebar, "Yu Jianing") is None
        entity = stored(library, seed, "Jianing Yu")
        assert entity is not None and entity.type == "person"
        assert {hit.article_id for hit in library.search('entity:"Jianing Yu"')} == {seed}


async def test_t_retypes_and_the_entity_moves_group(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "ASEAN")
        await pilot.press("T")
        await choose(pilot, "place", absent="organization")  # its own type is not offered
        asean = shown(sidebar, "ASEAN")
        assert asean is not None and asean.type == "place"
        entity = stored(library, seed, "ASEAN")
        assert entity is not None and entity.type == "place"


async def test_m_merges_into_another_entity_of_the_article(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    group = stored(library, seed, "China Mobile Communication Group")
    committee = stored(library, seed, "China Mobile Communication Association Metaverse Committee")
    assert group is not None and committee is not None
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, group.name)
        await pilot.press("M")
        await choose(pilot, committee.name, absent=group.name)
        assert shown(sidebar, group.name) is None
        merged = shown(sidebar, committee.name)
        assert merged is not None and merged.count == committee.count + group.count
        assert group.name in merged.aliases
        assert stored(library, seed, group.name) is None
        assert group.name.casefold() not in library.entity_article_counts()


async def test_s_splits_an_alias_off(app: GlossApp, library: Library) -> None:
    seed = library.article_ids()[0]
    bank = stored(library, seed, "Asia Digital Bank")
    assert bank is not None and bank.aliases == ("ADB",)
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "Asia Digital Bank")
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.items[0][0] == "ADB"
        await pilot.press("enter")
        await settled(pilot)
        adb, left = shown(sidebar, "ADB"), shown(sidebar, "Asia Digital Bank")
        assert adb is not None and left is not None and left.aliases == ()
        assert adb.count + left.count == bank.count
        entity = stored(library, seed, "ADB")
        assert entity is not None and entity.type == "organization"


async def test_escape_in_the_dialog_corrects_nothing(app: GlossApp, library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "Beijing")
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("escape")
        await settled(pilot)
        assert shown(sidebar, "Beijing") is not None
        await pilot.press("slash", "B", "H")  # while filtering, letters are typed
        await settled(pilot)
        assert sidebar.filter == "BH"
        assert library.entity_corrections() == []


async def test_keys_toml_remaps_a_correction_key(library: Library) -> None:
    """The keys are bindings with ids: `entities.hide` on x, and H no longer hides."""
    keys_file().parent.mkdir(parents=True, exist_ok=True)
    keys_file().write_text('"entities.hide" = "x"\n', encoding="utf-8")
    app = GlossApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await on_entity(pilot, "Malaysia")
        await pilot.press("H")  # no longer the pane's: the reader's (every note) opens
        await settled(pilot)
        assert shown(sidebar, "Malaysia") is not None
        assert type(pilot.app.screen).__name__ == "NotesScreen"
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("x")
        await settled(pilot)
        assert shown(sidebar, "Malaysia") is None
        assert [c.name for c in library.entity_corrections()] == ["Malaysia"]
