"""Entity corrections in the store: real Wikinews articles, entities from the real model.

The extractor makes real mistakes on these two articles (Bloomberg a place,
"Pool" a place, Amazon.com apart from Amazon, "UK" part of United Kingdom):
each correction is checked where a user sees it, in the article's entities,
the library's counts, `articles_naming` and `entity:` search, and after the
entities are extracted again.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.two_articles import FACEBOOK, TESCO
from tui.importing.importer import import_paths, reindex
from tui.models import Entity
from tui.store import Library, LibraryError, LibraryReadOnlyError
from tui.store.entity_corrections import CORRECTIONS_FILE


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corrections") / "library"
    with Library(folder) as library:
        report = import_paths(library, [FACEBOOK, TESCO])
        assert report.ok, report.failed
    return folder


@pytest.fixture
def library(template: Path, tmp_path: Path) -> Iterator[Library]:
    folder = tmp_path / "library"
    shutil.copytree(template, folder)
    with Library(folder) as opened:
        yield opened


def article(library: Library, word: str) -> str:
    return next(s.id for s in library.list_articles() if word in s.title)


def named(library: Library, article_id: str, name: str) -> Entity | None:
    return next((e for e in library.entities(article_id) if e.name == name), None)


def found(library: Library, query: str) -> set[str]:
    return {hit.article_id for hit in library.search(query)}


def test_the_extractors_mistakes_are_there_to_fix(library: Library) -> None:
    """The premise: if the model stops making these mistakes, these tests must change."""
    facebook = article(library, "Facebook")
    bloomberg = named(library, facebook, "Bloomberg")
    assert bloomberg is not None and bloomberg.type == "place"
    assert named(library, facebook, "Amazon.com") is not None
    assert named(library, facebook, "Amazon") is not None
    kingdom = named(library, article(library, "Tesco"), "United Kingdom")
    assert kingdom is not None and kingdom.aliases == ("UK",)


def test_retype_and_hide_show_everywhere_a_user_looks(library: Library) -> None:
    facebook = article(library, "Facebook")
    assert found(library, "entity:pool") == {facebook}
    library.correct_entity("retype", "bloomberg", "organization")
    library.correct_entity("hide", "Pool")
    bloomberg = named(library, facebook, "Bloomberg")
    assert bloomberg is not None and bloomberg.type == "organization"
    assert named(library, facebook, "Pool") is None
    assert "pool" not in library.entity_article_counts()
    assert library.articles_naming("Pool") == []
    assert found(library, "entity:pool") == set()


def test_merge_joins_mentions_and_counts_and_search_see_one_entity(library: Library) -> None:
    facebook = article(library, "Facebook")
    before = named(library, facebook, "Amazon")
    extra = named(library, facebook, "Amazon.com")
    assert before is not None and extra is not None
    library.correct_entity("merge", "Amazon.com", "Amazon")
    amazon = named(library, facebook, "Amazon")
    assert amazon is not None and "Amazon.com" in amazon.aliases
    assert amazon.count == before.count + extra.count
    assert named(library, facebook, "Amazon.com") is None
    assert "amazon.com" not in library.entity_article_counts()
    assert found(library, 'entity:"Amazon.com"') == {facebook}, "its old name is an alias"


def test_rename_changes_the_name_search_and_counts_know(library: Library) -> None:
    tesco = article(library, "Tesco")
    library.correct_entity("rename", "Gazeta Prawna", "Dziennik Gazeta Prawna")
    renamed = named(library, tesco, "Dziennik Gazeta Prawna")
    assert renamed is not None and renamed.aliases == ("Gazeta Prawna",)
    assert library.entity_article_counts()["dziennik gazeta prawna"] == 1
    assert found(library, 'entity:"Dziennik Gazeta Prawna"') == {tesco}
    [(summary, entity)] = library.articles_naming("dziennik gazeta prawna")
    assert summary.id == tesco and entity.name == "Dziennik Gazeta Prawna"


def test_split_makes_an_alias_an_entity_of_its_own(library: Library) -> None:
    tesco = article(library, "Tesco")
    kingdom = named(library, tesco, "United Kingdom")
    assert kingdom is not None
    library.correct_entity("split", "United Kingdom", "UK")
    left, uk = named(library, tesco, "United Kingdom"), named(library, tesco, "UK")
    assert left is not None and uk is not None
    assert left.aliases == () and uk.type == "place"
    assert {m.text for m in uk.mentions} == {"UK"}
    assert left.count + uk.count == kingdom.count
    assert library.entity_article_counts()["uk"] == 1


def test_one_article_only(library: Library) -> None:
    """Scoped to an article, a correction leaves the same name elsewhere alone."""
    facebook, tesco = article(library, "Facebook"), article(library, "Tesco")
    library.correct_entity("retype", "Poland", "organization", article_id=tesco)
    poland = named(library, tesco, "Poland")
    assert poland is not None and poland.type == "organization"
    with pytest.raises(LibraryError, match="no entity named 'Poland' in article"):
        library.correct_entity("hide", "Poland", article_id=facebook)


def test_corrections_survive_extracting_again_and_undo_brings_the_extractors_back(
    library: Library,
) -> None:
    facebook = article(library, "Facebook")
    hidden = library.correct_entity("hide", "Pool")
    library.correct_entity("retype", "Bloomberg", "organization")
    done, _ = reindex(library, everything=True)
    assert done == 2
    assert named(library, facebook, "Pool") is None
    bloomberg = named(library, facebook, "Bloomberg")
    assert bloomberg is not None and bloomberg.type == "organization"
    assert found(library, "entity:pool") == set()
    gone = library.undo_entity_correction(hidden.id[:6])
    assert gone == hidden
    assert named(library, facebook, "Pool") is not None
    assert found(library, "entity:pool") == {facebook}
    assert [c.action for c in library.entity_corrections()] == ["retype"]


def test_another_process_sees_a_correction_in_its_search(library: Library) -> None:
    """A running app's search index follows a correction made from the command line."""
    facebook = article(library, "Facebook")
    assert found(library, "entity:pool") == {facebook}
    with Library(library.folder) as other:
        other.correct_entity("hide", "pool")
    assert found(library, "entity:pool") == set()


def test_they_travel_with_a_copied_folder_and_are_the_users_own_file(
    library: Library, tmp_path: Path
) -> None:
    facebook = article(library, "Facebook")
    made = library.correct_entity("hide", "Pool")
    stored = json.loads((library.folder / CORRECTIONS_FILE).read_text())
    assert [doc["name"] for doc in stored["corrections"].values()] == ["Pool"]
    copy = tmp_path / "copied"
    shutil.copytree(library.folder, copy)
    with Library(copy) as copied:
        assert copied.entity_corrections() == [made]
        assert named(copied, facebook, "Pool") is None
        assert found(copied, "entity:pool") == set()


def test_trash_keeps_what_the_extractor_found(library: Library) -> None:
    """Deleting and restoring an article does not bake a correction into its entities."""
    facebook = article(library, "Facebook")
    made = library.correct_entity("hide", "Pool")
    library.trash_articles([facebook])
    library.restore_articles([facebook])
    assert named(library, facebook, "Pool") is None
    library.undo_entity_correction(made.id)
    assert named(library, facebook, "Pool") is not None


@pytest.mark.parametrize(
    ("action", "name", "value", "said"),
    [
        ("hide", "Nobody Atall", "", "no entity named 'Nobody Atall' in library"),
        ("retype", "Tesco", "company", "'company' is not a type"),
        ("merge", "Tesco", "Nobody Atall", "no entity named 'Nobody Atall' to merge into"),
        ("merge", "Tesco", "tesco", "into itself"),
        ("split", "Tesco", "Lidl", "'Lidl' is not another name of 'Tesco'"),
        ("rename", "Tesco", "Tesco", "already named 'Tesco'"),
        ("rename", "Tesco", "  ", "needs a value"),
    ],
)
def test_a_wrong_correction_is_refused_in_one_line_and_nothing_is_stored(
    library: Library, action: str, name: str, value: str, said: str
) -> None:
    with pytest.raises(LibraryError, match=said) as refused:
        library.correct_entity(action, name, value)  # type: ignore[arg-type]
    assert "\n" not in str(refused.value)
    assert library.entity_corrections() == []
    assert not (library.folder / CORRECTIONS_FILE).exists()


def test_a_damaged_record_is_said_and_skipped(library: Library) -> None:
    facebook = article(library, "Facebook")
    library.correct_entity("hide", "Pool")
    path = library.folder / CORRECTIONS_FILE
    stored = json.loads(path.read_text())
    stored["corrections"]["2"] = {"id": "bad", "action": "hide", "name": 7}
    path.write_text(json.dumps(stored))
    with Library(library.folder) as reopened:
        assert [c.name for c in reopened.entity_corrections()] == ["Pool"]
        assert named(reopened, facebook, "Pool") is None
        notices = reopened.take_notices()
    assert any("correction" in line and '"name"' in line for line in notices)


def test_a_read_only_library_refuses_corrections(library: Library) -> None:
    library.correct_entity("hide", "Pool")
    with Library(library.folder, read_only=True) as read_only:
        assert len(read_only.entity_corrections()) == 1
        with pytest.raises(LibraryReadOnlyError):
            read_only.correct_entity("hide", "Bloomberg")
        with pytest.raises(LibraryReadOnlyError):
            read_only.undo_entity_correction(read_only.entity_corrections()[0].id)
