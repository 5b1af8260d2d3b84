"""The Library API: round-trips, add results, id prefixes, notes, reading state."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.models import (
    Article,
    ArticleSummary,
    Block,
    Entity,
    Mention,
    Note,
    ReadingState,
    Selector,
    text_hash,
)
from tui.store import (
    AmbiguousIdError,
    ArticleNotFoundError,
    Library,
    LibraryError,
    codec,
)
from tui.store.errors import NoteNotFoundError
from tui.store.safe_json_storage import SafeJSONStorage


def make_article(article_id: str = "ab12cd34ef56", text: str = "", **fields: Any) -> Article:
    heading = "A heading"
    full = f"{heading}\n\n{text or 'A first paragraph with some words.'}"
    blocks = (Block("heading", 0, len(heading)), Block("paragraph", len(heading) + 2, len(full)))
    article = Article(article_id, f"Title {article_id}", full, blocks, date="2022-02-24")
    return replace(article, **fields)


FULL_ARTICLE = Article(
    id="0a1b2c3d4e5f",
    title="Kyiv under fire",
    text="Kyiv under fire\n\nRussian forces attacked Kyiv on Thursday. NATO met.",
    blocks=(Block("heading", 0, 15), Block("paragraph", 17, 70)),
    date="2022-02-24",
    place="Kyiv",
    source="Wikinews",
    url="https://example.org/kyiv",
    author="A. Reporter",
    language="en",
    tags=("war", "europe"),
    origin="/tmp/kyiv.md",
    imported_at="2024-01-01T00:00:00+00:00",
)
ENTITIES = [
    Entity(
        "Kyiv",
        "place",
        aliases=("Kiev",),
        mentions=(Mention(0, 4, "Kyiv"), Mention(40, 44, "Kyiv")),
    ),
    Entity(
        "North Atlantic Treaty Organization", "organization", ("NATO",), (Mention(63, 67, "NATO"),)
    ),
]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib") as lib:
        yield lib


def test_every_model_round_trips_and_survives_reopening(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    selector = Selector("Russian forces", "fire\n\n", " attacked", 17, 31, text_hash("x"))
    with Library(folder) as lib:
        assert lib.add_articles([FULL_ARTICLE]) == ["added"]
        lib.set_entities_many([(FULL_ARTICLE.id, ENTITIES)], "spacy-3.8/1")
        anchored = lib.add_note(
            Note("", FULL_ARTICLE.id, "who?", selector, "yellow", ("q", "todo"), orphaned=True)
        )
        whole = lib.add_note(Note("", FULL_ARTICLE.id, "about the article"))
        lib.save_position(FULL_ARTICLE.id, 17)
        lib.set_read(FULL_ARTICLE.id, True)
        lib.set_starred(FULL_ARTICLE.id, True)
        state = lib.set_article_tags(FULL_ARTICLE.id, ["a"])
        assert state.position == 17 and state.read and state.starred and state.last_read

    with Library(folder) as lib:
        assert lib.get_article(FULL_ARTICLE.id) == FULL_ARTICLE
        assert lib.entities(FULL_ARTICLE.id) == ENTITIES
        assert lib.extractor_version(FULL_ARTICLE.id) == "spacy-3.8/1"
        assert lib.notes(FULL_ARTICLE.id) == [whole, anchored]
        assert lib.notes() == [whole, anchored]
        assert lib.reading_state(FULL_ARTICLE.id) == state
        assert lib.list_articles() == [
            ArticleSummary(
                id=FULL_ARTICLE.id,
                title=FULL_ARTICLE.title,
                date="2022-02-24",
                place="Kyiv",
                source="Wikinews",
                url="https://example.org/kyiv",
                author="A. Reporter",
                tags=("war", "europe"),
                word_count=FULL_ARTICLE.word_count,
                imported_at="2024-01-01T00:00:00+00:00",
            )
        ]
    assert isinstance(anchored.tags, tuple)


def test_note_gets_id_and_utc_timestamps(library: Library) -> None:
    library.add_articles([FULL_ARTICLE])
    note = library.add_note(Note("", FULL_ARTICLE.id, "hello"))
    assert len(note.id) == 32
    assert note.created.endswith("+00:00")
    assert note.updated == note.created


def test_add_article_reports_added_unchanged_updated(library: Library) -> None:
    article = make_article()
    assert library.add_articles([article]) == ["added"]
    assert library.add_articles([article]) == ["unchanged"]
    reimported = replace(article, imported_at="2030-01-01T00:00:00+00:00")
    assert library.add_articles([reimported]) == ["unchanged"]
    assert library.add_articles([replace(article, title="New title")]) == ["updated"]
    assert library.get_article(article.id).title == "New title"


def test_unchanged_article_writes_nothing(library: Library, tmp_path: Path) -> None:
    article = make_article()
    library.add_articles([article])
    files = [tmp_path / "lib" / "catalog.json", *(tmp_path / "lib" / "bodies").glob("*.json")]
    before = {f: f.stat().st_ino for f in files}
    assert library.add_articles([article]) == ["unchanged"]
    assert {f: f.stat().st_ino for f in files} == before


def test_changed_text_is_updated_keeps_notes_and_drops_stale_entities(library: Library) -> None:
    article = make_article()
    library.add_articles([article])
    library.set_entities_many([(article.id, ENTITIES)], "v1")
    note = library.add_note(Note("", article.id, "keep me"))
    changed = make_article(text="A different paragraph now.")
    assert library.add_articles([changed]) == ["updated"]
    assert library.get_article(article.id) == changed
    assert library.notes(article.id) == [note]
    assert library.entities(article.id) == []
    assert library.extractor_version(article.id) is None


def test_metadata_change_keeps_the_entities_and_shows_at_once(library: Library) -> None:
    article = make_article()
    library.add_articles([article])
    library.set_entities_many([(article.id, ENTITIES)], "v1")
    retagged = replace(article, tags=("new",))
    assert library.add_articles([retagged]) == ["updated"]
    assert library.get_article(article.id) == retagged
    assert library.entities(article.id) == list(ENTITIES)
    assert library.extractor_versions([article.id]) == {article.id: "v1"}


def test_add_articles_writes_each_file_once(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []
    original = SafeJSONStorage.write

    def counting(self: SafeJSONStorage, data: dict[str, dict[str, object]]) -> None:
        writes.append(self.path.name)
        original(self, data)

    monkeypatch.setattr(SafeJSONStorage, "write", counting)
    articles = [make_article(f"{prefix}{n:010d}") for prefix in ("aa", "bb") for n in range(20)]
    assert library.add_articles(articles) == ["added"] * 40
    assert sorted(writes) == ["aa.json", "bb.json", "catalog.json"]
    assert len(library.article_ids()) == 40


def test_duplicate_ids_in_one_batch(library: Library) -> None:
    article = make_article()
    assert library.add_articles([article, article]) == ["added", "unchanged"]


def test_prefix_resolution(library: Library) -> None:
    library.add_articles([make_article("abcd1111aaaa"), make_article("abcd2222bbbb")])
    assert library.get_article("abcd1").id == "abcd1111aaaa"
    assert library.resolve_id("ABCD2") == "abcd2222bbbb"
    assert library.resolve_id(" abcd2222bbbb ") == "abcd2222bbbb"
    with pytest.raises(AmbiguousIdError) as ambiguous:
        library.get_article("abcd")
    assert "abcd1111aaaa" in str(ambiguous.value)
    assert "abcd2222bbbb" in str(ambiguous.value)
    assert isinstance(ambiguous.value, LibraryError)
    with pytest.raises(ArticleNotFoundError):
        library.resolve_id("abc")  # unique-looking but shorter than 4 characters


def test_full_id_wins_over_longer_ids_it_prefixes(library: Library) -> None:
    library.add_articles([make_article("abcd1234"), make_article("abcd12345678")])
    assert library.resolve_id("abcd1234") == "abcd1234"


def test_not_found_message(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFoundError) as error:
        library.get_article("abc")
    assert str(error.value) == f"no article 'abc' in library {tmp_path / 'lib'}"


def test_list_articles_newest_first_undated_last_then_title(library: Library) -> None:
    library.add_articles(
        [
            make_article("aa0000000001", title="b", date="2020-01-01"),
            make_article("aa0000000002", title="zz", date=None),
            make_article("aa0000000003", title="a", date="2020-01-01"),
            make_article("aa0000000004", title="c", date="2023-05-05"),
            make_article("aa0000000005", title="A undated", date=None),
        ]
    )
    titles = [s.title for s in library.list_articles()]
    assert titles == ["c", "a", "b", "A undated", "zz"]
    ids = library.article_ids()
    assert ids == [s.id for s in library.list_articles()]
    assert library.list_articles()[0].word_count == len(make_article().text.split())


def test_article_beside_steps_in_library_order_and_stops_at_both_ends(library: Library) -> None:
    library.add_articles(
        [
            make_article(f"aa000000000{n}", title=t, date=d)
            for n, t, d in [
                (1, "old", "2020-01-01"),
                (2, "new", "2023-01-01"),
                (3, "middle", "2021-01-01"),
            ]
        ]
    )
    newest, middle, oldest = library.article_ids()
    assert (newest, middle, oldest) == ("aa0000000002", "aa0000000003", "aa0000000001")
    assert library.article_beside(newest, 1) == middle
    assert library.article_beside(oldest, -1) == middle
    assert library.article_beside(newest, 2) == oldest
    assert library.article_beside(oldest, 1) is None and library.article_beside(newest, -1) is None
    assert library.article_beside("not-listed", 1) == newest, "from before the first"
    assert library.article_beside(None, 1) == newest
    library.add_articles([make_article("aa0000000004", title="newer", date="2024-01-01")])
    assert library.article_beside(newest, -1) == "aa0000000004", "the order follows the catalog"


def test_entity_notes_are_found_by_name_in_any_case_and_follow_changes(
    library: Library,
) -> None:
    library.add_articles([make_article("aa0000000001"), make_article("aa0000000002")])
    first = library.add_note(Note("", "aa0000000002", "chief", entity="Carrie Lam"))
    library.add_note(Note("", "aa0000000001", "about Beijing", entity="Beijing"))
    second = library.add_note(Note("", "aa0000000001", "resigned", entity="CARRIE LAM"))
    found = library.entity_notes(["carrie lam", "Nobody"])
    assert sorted(note.id for note in found) == sorted([first.id, second.id])
    assert library.entity_notes(["carrie lam"]) == found, "the same order each time"
    library.delete_note(first.id, "aa0000000002")
    assert [note.id for note in library.entity_notes(["Carrie Lam"])] == [second.id]


def test_opening_a_current_library_writes_nothing_and_takes_no_lock(tmp_path: Path) -> None:
    """Reading is all a start does: no file is rewritten and no lock file is made."""
    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.add_articles([make_article()])
    for lock in folder.glob("*.lock"):
        lock.unlink()
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*")}
    with Library(folder) as library:
        assert library.get_article(make_article().id) == make_article()
    assert {path: path.stat().st_mtime_ns for path in folder.rglob("*")} == before


def test_is_empty(library: Library) -> None:
    assert library.is_empty()
    library.add_articles([make_article()])
    assert not library.is_empty()


def test_notes_ordered_article_level_first_then_by_start_then_created(library: Library) -> None:
    article = make_article()
    library.add_articles([article])

    def anchored(start: int) -> Selector:
        return Selector("x", "", "", start, start + 1, article.text_hash)

    late = library.add_note(Note("", article.id, "at 20", anchored(20), created="2024-01-02"))
    early_b = library.add_note(Note("", article.id, "at 5 b", anchored(5), created="2024-01-03"))
    early_a = library.add_note(Note("", article.id, "at 5 a", anchored(5), created="2024-01-01"))
    general = library.add_note(Note("", article.id, "whole", created="2024-01-09"))
    assert library.notes(article.id) == [general, early_a, early_b, late]


def test_notes_filtered_by_article(library: Library) -> None:
    one, two = make_article("aa0000000001"), make_article("bb0000000002")
    library.add_articles([one, two])
    note_one = library.add_note(Note("", one.id, "one"))
    note_two = library.add_note(Note("", two.id, "two"))
    assert library.notes(one.id) == [note_one]
    assert library.notes(two.id) == [note_two]
    assert library.notes() == [note_one, note_two]


def test_update_note_changes_fields_and_bumps_updated(library: Library) -> None:
    article = make_article()
    library.add_articles([article])
    note = library.add_note(Note("", article.id, "draft", created="2024-01-01T00:00:00+00:00"))
    selector = Selector("A", "", " heading", 0, 1, article.text_hash)
    changed = library.update_note(
        replace(note, body="final", tags=("t",), color="green", selector=selector, orphaned=True)
    )
    assert (changed.body, changed.tags, changed.color, changed.selector, changed.orphaned) == (
        "final",
        ("t",),
        "green",
        selector,
        True,
    )
    assert changed.created == note.created
    assert changed.updated > note.updated
    assert library.notes() == [changed]
    with pytest.raises(NoteNotFoundError):
        library.update_note(replace(note, id="missing"))


def test_delete_note_returns_it_and_add_note_restores_it(library: Library) -> None:
    article = make_article()
    library.add_articles([article])
    note = library.add_note(Note("", article.id, "oops"))
    deleted = library.delete_note(note.id)
    assert deleted == note
    assert library.notes() == []
    assert library.add_note(deleted) == note
    assert library.notes() == [note]
    with pytest.raises(LibraryError, match="no note 'nope'"):
        library.delete_note("nope")


def test_note_on_unknown_article_is_refused(library: Library) -> None:
    with pytest.raises(ArticleNotFoundError):
        library.add_note(Note("", "deadbeef0000", "lost"))
    with pytest.raises(ArticleNotFoundError):
        library.set_entities_many([("deadbeef0000", ENTITIES)], "v1")


def test_reading_state_defaults_and_saves(library: Library) -> None:
    article = make_article()
    library.add_articles([article])
    assert library.reading_state(article.id) == ReadingState(article.id)
    library.save_position(article.id, 12)
    state = library.set_read(article.id, True)
    assert (state.position, state.read) == (12, True)
    assert library.reading_state(article.id) == state
    library.save_position(article.id, 3)
    assert library.reading_state(article.id).position == 3


def test_delete_article_removes_everything_about_it(library: Library, tmp_path: Path) -> None:
    keep, gone = make_article("aa0000000001"), make_article("aa0000000002")
    library.add_articles([keep, gone])
    library.set_entities_many([(gone.id, ENTITIES)], "v1")
    kept_note = library.add_note(Note("", keep.id, "stays"))
    library.add_note(Note("", gone.id, "goes"))
    library.save_position(gone.id, 4)
    library.delete_article(gone.id)
    with pytest.raises(ArticleNotFoundError):
        library.get_article(gone.id)
    assert library.article_ids() == [keep.id]
    assert library.notes() == [kept_note]
    assert library.entities(gone.id) == []
    assert library.reading_state(gone.id) == ReadingState(gone.id)
    assert gone.id not in (tmp_path / "lib" / "bodies" / "aa.json").read_text()
    assert library.get_article(keep.id) == keep
    with pytest.raises(ArticleNotFoundError):
        library.delete_article(gone.id)


def test_non_hex_ids_get_a_shard_too(library: Library) -> None:
    article = make_article("my-article")
    library.add_articles([article])
    assert library.get_article("my-article") == article


def test_closed_library_refuses_calls(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    lib.close()
    lib.close()
    with pytest.raises(LibraryError, match="closed"):
        lib.list_articles()


def test_threads_sharing_one_library(library: Library) -> None:
    article = make_article()
    library.add_articles([article])

    def add_notes(n: int) -> None:
        for i in range(15):
            library.add_note(Note("", article.id, f"{n}-{i}"))

    threads = [threading.Thread(target=add_notes, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(library.notes()) == 60


def test_unopenable_folder_is_a_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryError, match="cannot create library folder"):
        Library(blocker)


_text = st.text(max_size=30)
_opt = st.none() | _text
_tags = st.lists(_text, max_size=3).map(tuple)


@given(
    title=_text,
    paragraphs=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4),
    date=_opt,
    place=_opt,
    tags=_tags,
    imported_at=_opt,
)
def test_article_codec_round_trips(
    title: str,
    paragraphs: list[str],
    date: str | None,
    place: str | None,
    tags: tuple[str, ...],
    imported_at: str | None,
) -> None:
    text = "\n\n".join(paragraphs)
    blocks, start = [], 0
    for paragraph in paragraphs:
        blocks.append(Block("paragraph", start, start + len(paragraph)))
        start += len(paragraph) + 2
    article = Article(
        "ab", title, text, tuple(blocks), date, place, tags=tags, imported_at=imported_at
    )
    assert codec.article_from(codec.article_doc(article), text) == article


@given(
    body=_text,
    tags=_tags,
    color=_opt,
    orphaned=st.booleans(),
    selector=st.none()
    | st.builds(Selector, _text, _text, _text, st.integers(0, 99), st.integers(0, 99), _text),
)
def test_note_codec_round_trips(
    body: str, tags: tuple[str, ...], color: str | None, orphaned: bool, selector: Selector | None
) -> None:
    note = Note("id", "article", body, selector, color, tags, "c", "u", orphaned)
    assert codec.note_from(codec.note_doc(note)) == note


def test_change_reading_many_writes_once_and_refuses_an_unknown_id(
    library: Library, tmp_path: Path
) -> None:
    articles = [make_article(f"ac00000000{n:02d}") for n in range(3)]
    library.add_articles(articles)
    user = tmp_path / "lib" / "user.json"
    before = user.stat().st_mtime_ns
    with pytest.raises(ArticleNotFoundError):
        library.change_reading_many(
            [articles[0].id, "ffffffffffff"], lambda s: replace(s, read=True)
        )
    assert user.stat().st_mtime_ns == before
    changed = library.change_reading_many(
        [a.id for a in articles], lambda s: replace(s, read=True, tags=(*s.tags, " Mine ", "mine"))
    )
    assert all(state.read and state.tags == ("Mine",) for state in changed.values())
    assert {i: s.read for i, s in library.reading_states().items()} == {
        a.id: True for a in articles
    }
