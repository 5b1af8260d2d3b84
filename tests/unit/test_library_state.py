"""Reading state, tags, counts and saved searches through the Library API: durable, merged."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.models import Article, Block, Note, ReadingState, SavedSearch
from tui.search import QueryError
from tui.store import ArticleNotFoundError, Library

ONE = "aa11bb22cc33"
TWO = "dd44ee55ff66"


def article(article_id: str, tags: tuple[str, ...] = ()) -> Article:
    text = "Heading\n\nSome words."
    blocks = (Block("heading", 0, 7), Block("paragraph", 9, len(text)))
    return Article(article_id, f"Title {article_id}", text, blocks, tags=tags)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with Library(tmp_path / "lib") as library:
        library.add_articles([article(ONE, ("FinTech", "asia")), article(TWO, ("fintech",))])
    return tmp_path / "lib"


@pytest.fixture
def library(folder: Path) -> Iterator[Library]:
    with Library(folder) as lib:
        yield lib


def test_setters_are_durable_and_keep_the_other_fields(library: Library, folder: Path) -> None:
    assert library.reading_states() == {}
    library.save_position(ONE, 42)
    library.set_read(ONE, True)
    library.set_starred(ONE, True)
    state = library.set_article_tags(ONE, ["  to read ", "#Later", "later", ""])
    assert state.tags == ("to-read", "Later")  # one tag rule: a tag has no spaces
    with Library(folder) as reopened:
        stored = reopened.reading_state(ONE)
        assert (stored.position, stored.read, stored.starred) == (42, True, True)
        assert stored.tags == ("to-read", "Later")
        assert stored.last_read is not None and stored.last_read.endswith("+00:00")
        assert reopened.reading_states() == {ONE: stored}
    library.set_read(ONE, False)
    assert library.reading_state(ONE).starred  # unchanged by set_read


def test_save_position_stamps_last_read(library: Library) -> None:
    first = library.save_position(TWO, 10)
    second = library.save_position(TWO, -5)
    assert second.position == 0
    assert first.last_read is not None and second.last_read is not None
    assert second.last_read >= first.last_read


def test_two_libraries_setting_different_fields_keep_both(folder: Path) -> None:
    with Library(folder) as first, Library(folder) as second:
        first.set_read(ONE, True)
        second.set_starred(ONE, True)
        first.set_article_tags(ONE, ["a"])
        second.save_position(ONE, 7)
        for lib in (first, second):
            state = lib.reading_state(ONE)
            assert (state.read, state.starred, state.tags, state.position) == (
                True,
                True,
                ("a",),
                7,
            )


def test_setters_never_touch_the_catalog_or_bodies(library: Library, folder: Path) -> None:
    watched = [folder / "catalog.json", *(folder / "bodies").glob("*.json")]
    before = [p.stat().st_mtime_ns for p in watched]
    library.set_read(ONE, True)
    library.set_starred(ONE, True)
    library.set_article_tags(ONE, ["x"])
    library.save_position(ONE, 3)
    library.save_search("mine", "tag:x")
    assert [p.stat().st_mtime_ns for p in watched] == before


def test_unknown_article_is_refused(library: Library) -> None:
    for call in (
        lambda: library.set_read("nope00000000", True),
        lambda: library.set_starred("nope00000000", True),
        lambda: library.set_article_tags("nope00000000", ["x"]),
        lambda: library.save_position("nope00000000", 1),
    ):
        with pytest.raises(ArticleNotFoundError):
            call()


def test_unchanged_state_writes_nothing(library: Library, folder: Path) -> None:
    library.set_read(ONE, True)
    user = folder / "user.json"
    before = user.stat().st_ino
    library.set_read(ONE, True)
    assert user.stat().st_ino == before


def test_note_counts(library: Library) -> None:
    assert library.note_counts() == {}
    library.add_note(Note("", ONE, "a"))
    note = library.add_note(Note("", ONE, "b"))
    library.add_note(Note("", TWO, "c"))
    assert library.note_counts() == {ONE: 2, TWO: 1}
    library.delete_note(note.id)
    assert library.note_counts() == {ONE: 1, TWO: 1}


def test_tag_counts_count_each_article_and_note_once_per_tag(library: Library) -> None:
    assert library.tag_counts() == {"FinTech": 2, "asia": 1}
    library.set_article_tags(ONE, ["fintech", "Later"])  # same tag as an import tag: still one
    library.add_note(Note("", ONE, "x", tags=("later", "todo", "TODO")))
    library.add_note(Note("", TWO, "y", tags=("todo",)))
    counts = library.tag_counts()
    assert counts == {"FinTech": 2, "Later": 2, "todo": 2, "asia": 1}
    assert list(counts) == ["FinTech", "Later", "todo", "asia"]  # most used first


def test_saved_searches(library: Library, folder: Path) -> None:
    assert library.saved_searches() == []
    library.save_search("Fintech unread", "tag:fintech is:unread")
    library.save_search("Starred", "is:starred ")
    library.save_search(" Fintech  unread ", "tag:fintech")  # same name: replaced in place
    expected = [SavedSearch("Fintech unread", "tag:fintech"), SavedSearch("Starred", "is:starred")]
    with Library(folder) as reopened:
        assert reopened.saved_searches() == expected
    assert library.delete_saved_search("Starred")
    assert not library.delete_saved_search("Starred")
    assert library.saved_searches() == expected[:1]


def test_a_bad_saved_search_is_refused(library: Library) -> None:
    with pytest.raises(QueryError, match="is:foo"):
        library.save_search("bad", "is:foo")
    with pytest.raises(ValueError, match="name"):
        library.save_search("  ", "tag:x")
    assert library.saved_searches() == []


def test_reading_states_is_a_copy(library: Library) -> None:
    library.set_read(ONE, True)
    states = library.reading_states()
    states[TWO] = ReadingState(TWO)
    assert TWO not in library.reading_states()


def test_the_article_read_last_is_known_without_the_catalog(library: Library) -> None:
    assert library.last_read_article() is None  # never read: the reader starts on the newest
    library.save_position(ONE, 40)
    time.sleep(0.002)  # stamps are in milliseconds
    library.stamp_last_read(TWO)
    assert library.last_read_article() == TWO
    assert library.reading_state(TWO).position == 0  # stamping leaves the place alone
    time.sleep(0.002)
    library.save_position(ONE, 80)
    assert library.last_read_article() == ONE
    library.delete_article(ONE)
    assert library.last_read_article() == TWO
