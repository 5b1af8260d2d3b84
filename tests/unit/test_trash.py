"""The library's trash: deleting forgets an article everywhere, restoring brings it back whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.annotations.anchoring import make_selector
from tui.models import Entity, Mention, Note
from tui.store import ArticleNotFoundError, Library

from .test_store_library import make_article

KEEP = make_article("aa0000000001", "Harbour news from the quiet town.")
GONE = make_article("aa0000000002", "Carrie Lam spoke about the harbour in Hong Kong.")
ENTITY = Entity("Carrie Lam", "person", mentions=(Mention(11, 21, "Carrie Lam"),))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib") as lib:
        lib.add_articles([KEEP, GONE])
        lib.set_entities_many([(GONE.id, [ENTITY]), (KEEP.id, [])], "v1")
        yield lib


def _note(library: Library) -> Note:
    selector = make_selector(GONE.text, 11, 21)
    return library.add_note(Note("", GONE.id, "who **she** is", selector, tags=("hk",)))


def test_a_trashed_article_is_gone_from_lists_search_counts_and_notes(library: Library) -> None:
    _note(library)
    assert library.entity_article_counts()["carrie lam"] == 1  # counted before: not kept stale
    library.set_starred(GONE.id, True)
    moved = library.trash_articles([GONE.id])
    assert [summary.id for summary in moved] == [GONE.id]
    assert library.article_ids() == [KEEP.id]
    assert [hit.article_id for hit in library.search("harbour")] == [KEEP.id]
    assert library.search("carrie") == []
    assert "carrie lam" not in library.entity_article_counts()
    assert library.notes() == []
    assert library.note_counts() == {}
    assert "hk" not in library.tag_counts()
    with pytest.raises(ArticleNotFoundError):
        library.get_article(GONE.id)
    (trashed,) = library.trashed_articles()
    assert (trashed.summary.id, trashed.summary.title, trashed.notes) == (GONE.id, GONE.title, 1)


def test_restore_brings_the_article_back_whole(library: Library) -> None:
    note = _note(library)
    library.save_position(GONE.id, 17)
    library.set_starred(GONE.id, True)
    state = library.reading_state(GONE.id)
    library.trash_articles([GONE.id])
    restored = library.restore_articles([library.resolve_trashed_id(GONE.id[:6])])
    assert [summary.id for summary in restored] == [GONE.id]
    assert library.get_article(GONE.id) == GONE
    assert library.entities(GONE.id) == [ENTITY]
    assert library.notes(GONE.id) == [note]
    assert library.reading_state(GONE.id) == state
    assert {hit.article_id for hit in library.search("harbour")} == {KEEP.id, GONE.id}
    assert library.entity_article_counts()["carrie lam"] == 1
    assert library.trashed_articles() == []


def test_both_survive_reopening_and_another_process_sees_them(
    library: Library, tmp_path: Path
) -> None:
    _note(library)
    library.trash_articles([GONE.id])
    with Library(tmp_path / "lib") as other:
        assert other.article_ids() == [KEEP.id]
        assert [item.summary.id for item in other.trashed_articles()] == [GONE.id]
        other.restore_articles([GONE.id])
    assert GONE.id in library.article_ids()
    assert len(library.notes(GONE.id)) == 1


def test_emptying_the_trash_forgets_for_good_and_keeps_the_library(library: Library) -> None:
    note = library.add_note(Note("", KEEP.id, "stays"))
    library.trash_articles([GONE.id])
    assert library.empty_trash() == 1
    assert library.trashed_articles() == []
    with pytest.raises(ArticleNotFoundError, match="trash"):
        library.restore_articles([GONE.id])
    assert library.article_ids() == [KEEP.id]
    assert library.notes() == [note]


def test_an_unknown_or_live_id_is_refused_and_changes_nothing(library: Library) -> None:
    with pytest.raises(ArticleNotFoundError):
        library.trash_articles(["ffffffffffff"])
    with pytest.raises(ArticleNotFoundError, match="trash"):
        library.resolve_trashed_id(KEEP.id)
    assert sorted(library.article_ids()) == sorted([KEEP.id, GONE.id])


def test_a_copy_left_in_the_trash_by_a_crash_never_shadows_the_live_article(
    library: Library, tmp_path: Path
) -> None:
    """A crash after the copy and before the removal: the live article wins."""
    library.trash_articles([GONE.id])
    trash = (tmp_path / "lib" / "trash.json").read_bytes()
    library.restore_articles([GONE.id])
    (tmp_path / "lib" / "trash.json").write_bytes(trash)
    with Library(tmp_path / "lib") as reopened:
        assert reopened.trashed_articles() == []
        assert GONE.id in reopened.article_ids()
        reopened.empty_trash()
        assert GONE.id in reopened.article_ids()
