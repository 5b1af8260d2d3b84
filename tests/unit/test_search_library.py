"""Library.search on real Wikinews articles: filters, ranking, snippets, and an index kept right.

The library is built once per module (texts via the real ingest, entities set
directly so spaCy stays out of it) and copied for each test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.data_paths import SEED, wikinews_files
from tui.ingest import read_path
from tui.models import Article, Block, Entity, Mention, Note, SearchHit
from tui.search import QueryError
from tui.search.snippets import ELLIPSIS
from tui.search.tokenizer import fold, tokenize
from tui.store import Library
from tui.store.library_reader import LibraryReader
from tui.store.search_index_file import DELTA_FILE, INDEX_DIR, INDEX_FILE, SearchIndexFile

REPO = Path(__file__).resolve().parents[2]
MAHAN = "843e9a8bbfb6"  # Germany bans Mahan Air of Iran, citing 'security' (2019-01-23)
LION_AIR = "0dbc10465d94"  # stored without a date below
ALL = 10_000


def _entities(text: str, *names: tuple[str, tuple[str, ...]]) -> list[Entity]:
    found = []
    for name, aliases in names:
        mentions = tuple(
            Mention(text.index(n), text.index(n) + len(n), n) for n in (name, *aliases) if n in text
        )
        found.append(Entity(name, "organization", aliases, mentions))
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, wikinews_files: list[Path]) -> Path:
    folder = tmp_path_factory.mktemp("search") / "lib"
    articles = [a for path in wikinews_files for a in read_path(path)]
    articles = [replace(a, date=None) if a.id == LION_AIR else a for a in articles]
    articles = [replace(a, tags=("aviation",)) if a.id == MAHAN else a for a in articles]
    seed = read_path(SEED)[0]
    with Library(folder) as library:
        library.add_articles([*articles, seed])
        mahan = library.get_article(MAHAN)
        library.set_entities_many(
            [
                (
                    seed.id,
                    _entities(
                        seed.text,
                        ("Asia Digital Bank", ("ADB",)),
                        ("China Mobile Communication Association Metaverse Committee", ("CMCAMC",)),
                    ),
                ),
                (mahan.id, _entities(mahan.text, ("Mahan Air", ("Mahan",)), ("Germany", ()))),
            ],
            "test",
        )
    return folder


@pytest.fixture(scope="module", name="wikinews_files")
def wikinews_files_fixture() -> list[Path]:
    return wikinews_files()


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "lib"
    shutil.copytree(template, copy)
    return copy


@pytest.fixture
def library(folder: Path) -> Iterator[Library]:
    with Library(folder) as lib:
        yield lib


def found(library: Library, query: str) -> list[str]:
    return [hit.article_id for hit in library.search(query, limit=ALL)]


def words_of(library: Library, article_id: str) -> set[str]:
    """Everything a word may match in: title, text, entity names and aliases, notes."""
    article = library.get_article(article_id)
    names = [n for e in library.entities(article_id) for n in (e.name, *e.aliases)]
    notes = [note.body for note in library.notes(article_id)]
    return set(tokenize("\n".join([article.title, article.text, *names, *notes])))


def naive(library: Library, words: list[str]) -> set[str]:
    """The full scan the index replaces: every article whose words include all of these."""
    return {a for a in library.article_ids() if set(words) <= words_of(library, a)}


# -- matching and ranking ------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [["iran"], ["hong", "kong", "police"], ["coronavirus", "wuhan"], ["digital"], ["the"]],
)
def test_every_word_must_match_and_the_index_agrees_with_a_full_scan(
    library: Library, words: list[str]
) -> None:
    assert set(found(library, " ".join(words) + " ")) == naive(library, words)


def test_the_word_being_typed_matches_as_a_prefix(library: Library) -> None:
    typed = set(found(library, "coronav"))
    assert typed == {
        a
        for a in library.article_ids()
        if any(w.startswith("coronav") for w in words_of(library, a))
    }
    assert len(typed) >= 3
    assert found(library, "coronav ") == []  # finished word: no article says "coronav"


def test_a_one_letter_word_being_typed_is_searched_as_a_whole_word(library: Library) -> None:
    """As a prefix it would match nearly everything; left out, it would widen the search."""
    assert set(found(library, "coronavirus w")) == naive(library, ["coronavirus", "w"])
    assert found(library, "coronavirus w") == found(library, "coronavirus w ")
    assert found(library, "w") == found(library, "w ")
    assert set(found(library, "w")) == naive(library, ["w"]) != set(library.article_ids())
    assert found(library, '"hong k') == found(library, '"hong k"')
    assert set(found(library, "a")) == naive(library, ["a"]) != set()


@pytest.mark.parametrize("word", ["president", "police", "coronavirus"])
def test_title_hits_rank_above_body_hits(library: Library, word: str) -> None:
    hits = library.search(word + " ", limit=ALL)
    fields = [hit.matched_in for hit in hits]
    assert fields[0] == "title"
    in_title = [h for h in hits if word in tokenize(h.title)]
    assert all(h.matched_in == "title" for h in in_title)
    if "body" in fields:
        assert max(i for i, f in enumerate(fields) if f == "title") < fields.index("body")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_title_beats_body_with_the_word_many_times(library: Library) -> None:
    library.add_articles(
        [
            make_article("aa0000000001", "Quokka census", "Counting animals on an island."),
            make_article("aa0000000002", "Island news", "The quokka, quokka and quokka again."),
        ]
    )
    assert found(library, "quokka ") == ["aa0000000001", "aa0000000002"]


def test_entity_names_and_aliases_match_as_words(library: Library) -> None:
    hits = library.search("cmcamc ", limit=ALL)
    assert hits[0].article_id == seed_id()
    mahan = library.search("mahan ", limit=ALL)
    assert [h.article_id for h in mahan] == [MAHAN]


def test_phrases_match_word_after_word(library: Library) -> None:
    hong_kong = set(found(library, '"hong kong"'))
    assert len(hong_kong) >= 5
    assert found(library, '"kong hong"') == []
    phrase = set(found(library, '"digital bank"'))
    assert phrase == {seed_id()}
    both_words = set(found(library, "digital bank "))
    assert phrase <= both_words
    assert set(found(library, '"digital ban')) == {seed_id()}  # unfinished phrase


def test_snippets_are_one_line_from_the_text_with_highlights(library: Library) -> None:
    for query in ("hong kong police ", "coronav", '"european union"', "iran airline "):
        hits = library.search(query, limit=ALL)
        assert hits, query
        for hit in hits:
            check_snippet(library, hit, query)


def check_snippet(library: Library, hit: SearchHit, query: str) -> None:
    assert hit.snippet and "\n" not in hit.snippet
    text = library.get_article(hit.article_id).text
    inner = hit.snippet.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert " ".join(inner.split()) in " ".join(text.split())
    wanted = tokenize(query.replace('"', " "))
    for start, end in hit.highlights:
        assert 0 <= start < end <= len(hit.snippet)
        word = fold(hit.snippet[start:end])
        assert word in wanted or word.startswith(wanted[-1]), (query, word)


def test_title_only_match_shows_the_start_of_the_text(library: Library) -> None:
    library.add_articles([make_article("aa0000000003", "Wombat report", "Nothing else here.")])
    (hit,) = library.search("wombat ")
    assert hit.matched_in == "title"
    assert hit.snippet.startswith("A heading")


# -- filters -------------------------------------------------------------------


def test_filters_alone_list_every_match_newest_first(library: Library) -> None:
    everything = found(library, "")
    assert everything == [s.id for s in library.list_articles()]
    assert everything[-1] == LION_AIR  # undated last
    assert found(library, "source:TDI") == [seed_id()]
    assert found(library, "source:wikinews") == [a for a in everything if a != seed_id()]
    after = found(library, "after:2020-06-01")
    dated = {s.id: s.date for s in library.list_articles()}
    assert after == [a for a in everything if (dated[a] or "") >= "2020-06-01" and dated[a]]
    before = found(library, "before:2019-02-01")
    assert set(before) == {a for a, d in dated.items() if d and d < "2019-02-01"}
    assert LION_AIR not in after + before  # undated articles fail date filters
    assert found(library, "after:2019-01-23 before:2019-01-24") == [MAHAN]
    assert found(library, "tag:aviation") == [MAHAN]
    assert found(library, "entity:ADB") == [seed_id()]
    assert found(library, "entity:adb") == [seed_id()]
    assert found(library, 'entity:"asia digital bank"') == [seed_id()]
    assert found(library, "entity:Asia") == []
    assert found(library, "entity:mahan") == [MAHAN]
    assert found(library, "is:unread") == everything
    assert found(library, "is:read") == found(library, "is:starred") == []
    assert found(library, "has:notes") == []
    hit = library.search("entity:ADB")[0]
    assert (hit.score, hit.highlights) == (0.0, ())
    assert hit.snippet.startswith("Beijing 24 February 2022 (TDI)")


def test_filters_combine_with_words(library: Library) -> None:
    hong_kong = set(found(library, "hong kong "))
    autumn = set(found(library, "after:2019-10-01 before:2019-12-01"))
    assert set(found(library, "hong kong after:2019-10-01 before:2019-12-01")) == (
        hong_kong & autumn
    )
    assert found(library, "bank source:TDI entity:ADB after:2022-01-01 is:unread ") == [seed_id()]
    assert found(library, "iran entity:ADB ") == []


def test_reading_state_and_notes_feed_the_filters(library: Library) -> None:
    library.set_read(MAHAN, True)
    library.set_starred(LION_AIR, True)
    library.set_article_tags(seed_id(), ["FinTech", "china"])
    library.add_note(Note("", LION_AIR, "check the recorder", tags=("todo",)))
    assert found(library, "is:read") == [MAHAN]
    assert MAHAN not in found(library, "is:unread")
    assert found(library, "is:starred") == [LION_AIR]
    assert found(library, "tag:fintech") == [seed_id()]
    assert found(library, "tag:TODO") == [LION_AIR]
    assert found(library, "has:notes") == [LION_AIR]
    assert found(library, "tag:aviation is:read") == [MAHAN]
    library.set_read(MAHAN, False)
    library.set_starred(LION_AIR, False)
    library.set_article_tags(seed_id(), [])
    assert found(library, "is:read") == found(library, "is:starred") == []
    assert found(library, "tag:fintech") == []


def test_bad_query_raises_query_error(library: Library) -> None:
    for bad in ("after:notadate", "is:foo", "bank frobnicate:1"):
        with pytest.raises(QueryError) as error:
            library.search(bad)
        assert bad.split()[-1] in str(error.value)


def test_limit(library: Library) -> None:
    assert len(library.search("the ", limit=3)) == 3
    assert len(library.search("", limit=5)) == 5
    assert library.search("the ", limit=0) == []


# -- notes -------------------------------------------------------------------


def test_note_words_are_searched_and_follow_changes(library: Library) -> None:
    note = library.add_note(Note("", MAHAN, "Compare with the xylophone embargo of 1990."))
    (hit,) = library.search("xylophone ")
    assert (hit.article_id, hit.matched_in) == (MAHAN, "note")
    assert hit.snippet == "Compare with the xylophone embargo of 1990."
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["xylophone"]
    assert found(library, "xylophone mahan ") == [MAHAN]  # one word in a note, one in the text
    library.update_note(replace(note, body="Now about a marimba."))
    assert found(library, "xylophone ") == []
    assert found(library, "marimba ") == [MAHAN]
    library.delete_note(note.id)
    assert found(library, "marimba ") == []


def test_a_note_save_does_not_rewrite_the_index(library: Library, folder: Path) -> None:
    library.search("iran")
    index_file = folder / INDEX_DIR / INDEX_FILE
    before = index_file.stat().st_ino, index_file.stat().st_mtime_ns
    library.add_note(Note("", MAHAN, "a note"))
    library.set_starred(MAHAN, True)
    assert found(library, "note has:notes is:starred ") == [MAHAN]
    assert (index_file.stat().st_ino, index_file.stat().st_mtime_ns) == before


# -- the index follows the library ----------------------------------------------


def make_article(article_id: str, title: str, body: str, **fields: object) -> Article:
    text = f"A heading\n\n{body}"
    blocks = (Block("heading", 0, 9), Block("paragraph", 11, len(text)))
    article = Article(article_id, title, text, blocks, date="2023-03-03", source="Test")
    return replace(article, **fields)  # type: ignore[arg-type]


def test_import_update_and_delete_are_searchable_at_once(library: Library) -> None:
    library.add_articles([make_article("bb0000000001", "Harbour", "The zanzibar ferry sailed.")])
    assert found(library, "zanzibar ") == ["bb0000000001"]
    library.add_articles([make_article("bb0000000001", "Harbour", "The ferry sank near Pemba.")])
    assert found(library, "zanzibar ") == []
    assert found(library, "pemba ") == ["bb0000000001"]
    library.add_articles(
        [make_article("bb0000000001", "Portmeirion", "The ferry sank near Pemba.")]
    )
    assert found(library, "harbour ") == []
    assert found(library, "portmeirion ") == ["bb0000000001"]
    library.delete_article("bb0000000001")
    assert found(library, "pemba ") == []
    assert "bb0000000001" not in found(library, "")


def test_entities_changes_are_searchable(library: Library) -> None:
    assert found(library, "entity:lufthansa") == []
    library.set_entities_many([(LION_AIR, [Entity("Lufthansa", "organization", ("LH",))])], "v2")
    assert found(library, "entity:LH") == [LION_AIR]
    assert LION_AIR in found(library, "lufthansa ")
    library.set_entities_many([(LION_AIR, [])], "v3")
    assert found(library, "entity:LH") == []


def test_indexing_an_import_rereads_no_text(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.search("warm up")
    calls: list[str] = []
    original = LibraryReader.body

    def counting(self: LibraryReader, article_id: str, expected: object) -> str | None:
        calls.append(article_id)
        return original(self, article_id, expected)

    monkeypatch.setattr(LibraryReader, "body", counting)
    library.add_articles(
        [make_article(f"cc00000000{n:02d}", f"New {n}", "okapi") for n in range(5)]
    )
    assert calls == []
    monkeypatch.undo()
    assert len(found(library, "okapi ")) == 5


def test_another_library_object_writing_is_seen(library: Library, folder: Path) -> None:
    assert found(library, "narwhal ") == []
    with Library(folder) as other:
        other.add_articles([make_article("dd0000000001", "Arctic", "A narwhal surfaced.")])
        other.set_entities_many([("dd0000000001", [Entity("Narwhal Trust", "organization")])], "v")
        other.add_note(Note("", "dd0000000001", "ivory question"))
        other.set_starred("dd0000000001", True)
    assert found(library, "narwhal ") == ["dd0000000001"]
    assert found(library, "entity:narwhal trust") == []  # a two-word value needs quotes
    assert found(library, 'entity:"narwhal trust" is:starred ivory ') == ["dd0000000001"]
    with Library(folder) as other:
        other.delete_article("dd0000000001")
    assert found(library, "narwhal ") == []


def test_two_libraries_writing_in_turn_keep_the_index_right(folder: Path) -> None:
    with Library(folder) as first, Library(folder) as second:
        first.search("warm up")
        second.search("warm up")
        for n in range(3):
            first.add_articles([make_article(f"ab00000001{n:02d}", f"First {n}", "gannet colony")])
            second.add_articles(
                [make_article(f"ab00000002{n:02d}", f"Second {n}", "gannet colony")]
            )
            second.delete_article(f"ab00000001{n:02d}")
        for lib in (first, second):
            assert sorted(found(lib, "gannet ")) == [f"ab00000002{n:02d}" for n in range(3)]
    with Library(folder) as fresh:
        assert sorted(found(fresh, "gannet ")) == [f"ab00000002{n:02d}" for n in range(3)]


def test_another_process_writing_is_seen(library: Library, folder: Path) -> None:
    assert found(library, "okapi ") == []
    script = (
        "import sys; from pathlib import Path\n"
        "from tui.models import Article, Block\n"
        "from tui.store import Library\n"
        "text = 'A heading\\n\\nAn okapi in the forest.'\n"
        "blocks = (Block('heading', 0, 9), Block('paragraph', 11, len(text)))\n"
        "with Library(Path(sys.argv[1])) as lib:\n"
        "    lib.add_articles([Article('ee0000000001', 'Forest', text, blocks)])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=env)
    assert found(library, "okapi ") == ["ee0000000001"]


def test_an_index_older_than_the_catalog_catches_up(library: Library, folder: Path) -> None:
    """As after a crash between a catalog write and the index write (or an older Gloss)."""
    library.search("warm up")
    index_file = folder / INDEX_DIR / INDEX_FILE
    stale = index_file.read_bytes()
    library.add_articles([make_article("ff0000000001", "Tundra", "A lemming migration.")])
    library.delete_article(MAHAN)
    index_file.write_bytes(stale)
    with Library(folder) as fresh:
        assert found(fresh, "lemming ") == ["ff0000000001"]
        assert MAHAN not in found(fresh, "iran ")
        assert found(fresh, "") == [s.id for s in fresh.list_articles()]


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "empty", "folder"])
def test_a_missing_or_corrupt_index_is_rebuilt_silently(folder: Path, damage: str) -> None:
    index_file = folder / INDEX_DIR / INDEX_FILE
    with Library(folder) as library:
        expected = library.search("hong kong police ")
    if damage == "missing":
        index_file.unlink()
    elif damage == "garbage":
        index_file.write_bytes(b"\x00garbage" * 100)
    elif damage == "truncated":
        index_file.write_bytes(index_file.read_bytes()[:1000])
    elif damage == "empty":
        index_file.write_bytes(b"")
    else:
        shutil.rmtree(folder / INDEX_DIR)
    with Library(folder) as library:
        assert library.search("hong kong police ") == expected
    assert SearchIndexFile(folder).load() is not None  # written again, whole


def test_an_import_writes_a_small_delta_not_the_whole_index(library: Library, folder: Path) -> None:
    library.search("warm up")
    main = folder / INDEX_DIR / INDEX_FILE
    before = main.stat().st_ino, main.stat().st_size
    library.add_articles([make_article("ac0000000001", "Delta", "The ibis flew.")])
    library.set_entities_many([("ac0000000001", [Entity("Ibis Trust", "organization")])], "v")
    assert (main.stat().st_ino, main.stat().st_size) == before
    delta = folder / INDEX_DIR / DELTA_FILE
    assert 0 < delta.stat().st_size < before[1] / 4
    with Library(folder) as fresh:
        assert found(fresh, 'ibis entity:"ibis trust" ') == ["ac0000000001"]
    delta.write_bytes(delta.read_bytes()[:-10])  # damaged: the main part alone is older...
    with Library(folder) as fresh:
        assert found(fresh, "ibis ") == ["ac0000000001"]  # ...and caught up with the catalog


def test_an_index_built_from_scratch_gives_the_same_answers(library: Library, folder: Path) -> None:
    queries = ("hong kong ", "entity:ADB", "coronav", "")
    before = [library.search(q) for q in queries]
    shutil.rmtree(folder / INDEX_DIR)
    with Library(folder) as fresh:
        assert [fresh.search(q) for q in queries] == before


def test_an_unwritable_index_folder_is_not_fatal(folder: Path) -> None:
    shutil.rmtree(folder / INDEX_DIR)
    (folder / INDEX_DIR).write_text("a file where the folder should be")
    with Library(folder) as library:
        assert found(library, "mahan ") == [MAHAN]
        library.add_articles([make_article("ab0000000009", "Still works", "capybara")])
        assert found(library, "capybara ") == ["ab0000000009"]


def seed_id() -> str:
    return read_path(SEED)[0].id
