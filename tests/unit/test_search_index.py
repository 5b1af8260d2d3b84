"""The search index and snippets on their own: file round trips, tombstones, damage, snippets."""

from __future__ import annotations

import mmap
import random
from pathlib import Path

import pytest

from tui.models import Note
from tui.search import (
    ArticleMeta,
    IndexFormatError,
    NoteIndex,
    Searcher,
    SearchIndex,
    parse_query,
    search_index,
)
from tui.search.snippets import ELLIPSIS, lead, snippet
from tui.search.tokenizer import fold, fold_same_length, tokenize, word_pattern

WORDS = [
    "bank",
    "river",
    "market",
    "digital",
    "economy",
    "court",
    "judge",
    "flight",
    "airline",
    "storm",
    "harbour",
]


def meta(article_id: str, title: str, names: tuple[str, ...] = ()) -> ArticleMeta:
    return ArticleMeta.of(article_id, title, "2020-01-01", None, (), names)


def build(count: int, seed: int = 1) -> tuple[SearchIndex, dict[str, str]]:
    rng = random.Random(seed)
    index = SearchIndex()
    texts: dict[str, str] = {}
    for n in range(count):
        article_id = f"{n:012x}"
        texts[article_id] = " ".join(rng.choice(WORDS) for _ in range(40))
        index.set_body(article_id, f"h{n}", texts[article_id])
        index.set_meta(meta(article_id, f"{rng.choice(WORDS)} story {n}"), [])
    return index, texts


def ids(index: SearchIndex, texts: dict[str, str], query: str) -> list[str]:
    searcher = Searcher(index, NoteIndex(), {}, texts.get)
    return [hit.article_id for hit in searcher.search(parse_query(query), limit=10_000)]


def test_saved_index_answers_like_the_one_in_memory() -> None:
    index, texts = build(60)
    index.stamp = [1, 2, 3]
    data = index.to_bytes()
    loaded = SearchIndex.from_bytes(data)
    assert loaded.stamp == [1, 2, 3]
    assert SearchIndex.read_head(data[: SearchIndex.head_size(data[:12])])["stamp"] == [1, 2, 3]
    for query in ("bank", "bank river ", "mark", "story 7 ", '"digital economy"', ""):
        assert ids(loaded, texts, query) == ids(index, texts, query)
        assert ids(index, texts, query) == ids(SearchIndex.from_bytes(data), texts, query)


def test_updates_and_removals_survive_saving_and_compaction() -> None:
    index, texts = build(80)
    rng = random.Random(7)
    for round_number in range(4):  # enough churn to pass the compaction threshold
        for article_id in rng.sample(sorted(texts), 30):
            texts[article_id] = f"zebra{round_number} " + texts[article_id]
            index.set_body(article_id, f"r{round_number}", texts[article_id])
        index = SearchIndex.from_bytes(index.to_bytes())
    removed = sorted(texts)[:10]
    for article_id in removed:
        index.remove(article_id)
        del texts[article_id]
    index = SearchIndex.from_bytes(index.to_bytes())
    assert len(index) == 70
    for word in ("zebra0", "zebra3", "bank"):
        expected = {a for a, text in texts.items() if word in tokenize(text)}
        assert set(ids(index, texts, word + " ")) == expected
    assert not set(ids(index, texts, "")) & set(removed)


def test_compaction_shrinks_the_file() -> None:
    index, texts = build(50)
    first = len(index.to_bytes())
    for _ in range(3):
        for article_id, text in texts.items():
            index.set_body(article_id, "again", text)
        index.to_bytes()
    assert len(index.to_bytes()) < first * 1.5


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"not an index at all",
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
        lambda data: data[:40] + b"x" + data[41:],
    ],
)
def test_damaged_bytes_are_refused(damage: object) -> None:
    index, _ = build(10)
    data = index.to_bytes()
    assert callable(damage)
    with pytest.raises(IndexFormatError):
        SearchIndex.from_bytes(damage(data))


def test_prefix_expansion_prefers_frequent_words_and_is_capped() -> None:
    index = SearchIndex()
    for n in range(30):
        index.set_body(f"a{n}", "h", f"word{n} " + " ".join("wordy" for _ in range(3)))
    found = index.expand("word", 5)
    assert len(found) == 5
    assert found[0] == "wordy"  # in every article
    assert index.expand("nothing", 5) == []


def test_entity_filter_matches_names_and_aliases_ignoring_case() -> None:
    index = SearchIndex()
    names = ["Asia Digital Bank", "ADB", "Mahan  Air"]
    index.set_body("a1", "h", "text")
    index.set_meta(meta("a1", "t", tuple(names)), names)
    assert index.entity_articles("adb") == {"a1"}
    assert index.entity_articles("ASIA DIGITAL BANK") == {"a1"}
    assert index.entity_articles("mahan air") == {"a1"}
    assert index.entity_articles("asia") == set()


def test_notes_index_keeps_words_of_unchanged_notes() -> None:
    note = Note("n1", "a1", "The harbour froze", updated="t1")
    first = NoteIndex.build([note])
    second = NoteIndex.build([note, Note("n2", "a2", "storm", updated="t1")], first)
    assert [a for a, _, _, _ in second.postings("harbour")] == ["a1"]
    assert [a for a, _, _, _ in second.postings("storm")] == ["a2"]
    changed = NoteIndex.build([Note("n1", "a1", "The river froze", updated="t2")], second)
    assert list(changed.postings("harbour")) == []


def test_notes_index_postings_count_every_word_of_every_note() -> None:
    rng = random.Random(3)
    notes = [
        Note(f"n{n}", f"a{n % 7}", " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9))))
        for n in range(80)
    ]
    for index in (NoteIndex.build(notes), NoteIndex.build(notes, NoteIndex.build(notes[:40]))):
        for word in WORDS:
            expected = [
                (
                    note.article_id,
                    position,
                    tokenize(note.body).count(word),
                    len(tokenize(note.body)),
                )
                for position, note in enumerate(notes)
                if word in tokenize(note.body)
            ]
            assert list(index.postings(word)) == expected
        lengths = [len(tokenize(note.body)) for note in notes]
        assert index.stats() == (80, sum(lengths) / 80)
        seen = list(dict.fromkeys(word for note in notes for word in tokenize(note.body)))
        seen.sort(key=lambda w: -sum(w in tokenize(n.body) for n in notes))  # ties: first seen
        assert index.expand("", 3) == seen[:3]


# -- snippets -----------------------------------------------------------------

LONG = (
    "Opening paragraph about nothing in particular, repeated to take room. " * 4
    + "\n\nThe Asia Digital Bank (ADB) signed a partnership.\nIt will explore digital finance."
    + "\n\nClosing words that go on and on without saying much at all. " * 4
)


def test_snippet_is_one_line_around_the_matches_with_highlights() -> None:
    text, spans = snippet(LONG, word_pattern(["digital", "adb"]))
    assert "\n" not in text
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert len(text) <= 170
    highlighted = [text[start:end] for start, end in spans]
    assert "Digital" in highlighted and "ADB" in highlighted and "digital" in highlighted
    assert all(fold(word) in {"digital", "adb"} for word in highlighted)
    # apart from whitespace and the ellipses, the snippet is the text itself
    assert " ".join(text.strip(ELLIPSIS).split()) in " ".join(LONG.split())


def test_snippet_prefers_the_window_with_more_distinct_words() -> None:
    text = "bank " * 3 + "filler " * 60 + "bank river together " + "filler " * 60
    shown, spans = snippet(text, word_pattern(["bank", "river"]))
    assert {shown[s:e] for s, e in spans} == {"bank", "river"}


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    shown, spans = snippet(LONG, word_pattern(["absent"]))
    assert (shown, spans) == lead(LONG) == snippet(LONG, None)
    assert shown.startswith("Opening paragraph") and spans == ()
    assert lead("short text") == ("short text", ())
    assert lead("") == ("", ())


def test_snippet_never_cuts_a_word() -> None:
    text = "alpha " * 100 + "needle " + "omega " * 100
    shown, _ = snippet(text, word_pattern(["needle"]))
    inner = shown.strip(ELLIPSIS).strip()
    assert all(word in {"alpha", "needle", "omega"} for word in inner.split())


def test_folding_keeps_offsets_for_highlights() -> None:
    text = "Zürich’s BANK — İstanbul naïve café"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert tokenize(text) == ["zurich", "s", "bank", "istanbul", "naive", "cafe"]
    pattern = word_pattern(["zurich", "bank"], ["caf"])
    assert pattern is not None
    assert [text[m.start() : m.end()] for m in pattern.finditer(folded)] == [
        "Zürich",
        "BANK",
        "café",
    ]
    assert word_pattern([], []) is None


def test_prefix_pattern_matches_whole_words_only() -> None:
    pattern = word_pattern(["bank"], ["digi"])
    assert pattern is not None
    found = [m.group() for m in pattern.finditer("bank banking digital adigital bank_x")]
    assert found == ["bank", "digital", "bank"]  # "_" separates words, as in tokenize


def churn(index: SearchIndex, texts: dict[str, str], tag: str, count: int) -> None:
    """Change `count` texts (adding the word `tag`), one title, and remove one article."""
    for article_id in sorted(texts)[:count]:
        texts[article_id] = f"{tag} " + texts[article_id]
        index.set_body(article_id, tag, texts[article_id])
    first = sorted(texts)[-1]
    index.set_meta(meta(first, f"{tag} title"), [])
    removed = sorted(texts)[-2]
    index.remove(removed)
    del texts[removed]


def test_a_delta_extends_the_main_part() -> None:
    index, texts = build(60)
    main = index.to_bytes()
    churn(index, texts, "walrus", 3)
    index.stamp = "after walrus"
    assert 0 < index.delta_share() < 0.2 and not index.needs_main()
    delta = index.delta_bytes()
    assert len(delta) < len(main) / 4
    loaded = SearchIndex.from_bytes(main, delta)
    assert loaded.stamp == "after walrus"
    churn(loaded, texts, "puffin", 2)  # a second delta builds on the loaded one
    again = SearchIndex.from_bytes(main, loaded.delta_bytes())
    for query in ("walrus ", "puffin ", "bank river ", "walrus title ", ""):
        assert ids(again, texts, query) == ids(loaded, texts, query)
    assert len(ids(again, texts, "walrus ")) == 3
    assert ids(again, texts, "puffin walrus ") == ids(loaded, texts, "puffin walrus ")


def test_a_delta_of_another_main_part_or_damaged_is_left_out() -> None:
    index, texts = build(30)
    main = index.to_bytes()
    churn(index, texts, "walrus", 2)
    delta = index.delta_bytes()
    other, _ = build(30, seed=5)
    assert ids(SearchIndex.from_bytes(other.to_bytes(), delta), texts, "walrus ") == []
    for damaged in (delta[:-3], delta[:50], b"junk"):
        assert ids(SearchIndex.from_bytes(main, damaged), texts, "walrus ") == []
    with pytest.raises(IndexFormatError):
        SearchIndex.from_bytes(delta)  # a delta is not a main part


def test_many_changes_call_for_a_new_main_part() -> None:
    index, texts = build(40)
    index.to_bytes()
    churn(index, texts, "walrus", 10)
    assert index.needs_main()
    assert SearchIndex().needs_main()


def hits(index: SearchIndex, texts: dict[str, str], query: str) -> list[tuple[str, float]]:
    searcher = Searcher(index, NoteIndex(), {}, texts.get)
    return [(hit.article_id, hit.score) for hit in searcher.search(parse_query(query), limit=500)]


def test_a_loaded_delta_of_common_words_answers_like_the_index_in_memory() -> None:
    """A delta's postings of words the main part has stay apart from them until a save."""
    index, texts = build(60)
    main = index.to_bytes()
    churn(index, texts, "walrus", 5)  # new texts of the same common words
    delta = index.delta_bytes()
    loaded = SearchIndex.from_bytes(main, delta)
    queries = ("bank ", "bank river ", "ban", "walrus bank ", '"digital economy" ', "story ")
    for query in queries:
        assert hits(loaded, texts, query) == hits(index, texts, query)
    for word in WORDS:
        assert loaded.document_frequency(word) == index.document_frequency(word)
    churn(loaded, texts, "puffin", 30)  # enough dead entries to compact at the next save
    rewritten = SearchIndex.from_bytes(loaded.to_bytes())
    for query in (*queries, "puffin "):
        assert hits(rewritten, texts, query) == hits(loaded, texts, query)


def test_a_mapped_index_file_is_checked_and_answers_like_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read from the file mapped into memory, a chunk (here a page) checksummed at a time."""
    monkeypatch.setattr(search_index, "_CHUNK", mmap.PAGESIZE)
    index, texts = build(300)
    data = index.to_bytes()
    assert len(data) > 4 * mmap.PAGESIZE
    path = tmp_path / "index.bin"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    loaded = SearchIndex.from_bytes(mapped)
    for query in ("bank", "bank river ", "mark", '"digital economy" ', "story 7 "):
        assert hits(loaded, texts, query) == hits(index, texts, query)
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0xFF
    path.write_bytes(damaged)
    with open(path, "rb") as handle, pytest.raises(IndexFormatError):
        SearchIndex.from_bytes(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
