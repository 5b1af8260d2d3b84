"""Word, sentence and paragraph units on the seed article."""

from __future__ import annotations

from bisect import bisect_right

from tests.data_paths import READABILITY, SEED, data_file
from tui.ingest import read_path
from tui.search.text_units import boundaries, following, preceding, word_at, word_boundaries

ARTICLE = read_path(SEED)[0]
TEXT = ARTICLE.text


def test_words_keep_inner_punctuation_together() -> None:
    words = boundaries(TEXT, ARTICLE.blocks, "word")
    found = {TEXT[s:e] for s, e in zip(words.starts, words.ends, strict=True)}
    assert {"China’s", "self-financing", "2021-2025", "&", "macro-control"} <= found


def test_sentences_end_at_final_punctuation_and_block_ends() -> None:
    sentences = boundaries(TEXT, ARTICLE.blocks, "sentence")
    first_end = following(sentences.ends, 0)
    assert TEXT[:first_end].endswith("with the Asia Digital Bank (ADB).")
    second_start = following(sentences.starts, 0)
    assert TEXT[second_start:].startswith("CMCAMC announced itself")
    heading = ARTICLE.blocks[2]
    assert heading.end in sentences.ends, "a heading without a full stop is one sentence"
    assert preceding(sentences.starts, second_start) == 0


def test_paragraph_units_are_blocks() -> None:
    paragraphs = boundaries(TEXT, ARTICLE.blocks, "paragraph")
    assert following(paragraphs.ends, 0) == ARTICLE.blocks[0].end
    assert following(paragraphs.starts, 0) == ARTICLE.blocks[1].start
    assert preceding(paragraphs.ends, ARTICLE.blocks[1].end, floor=5) == ARTICLE.blocks[0].end


def test_preceding_never_goes_below_its_floor_and_following_stops_at_the_end() -> None:
    words = boundaries(TEXT, ARTICLE.blocks, "word")
    assert preceding(words.ends, 7, floor=7) == 7
    assert following(words.ends, len(TEXT)) == words.ends[-1]


def test_word_at_finds_the_word_or_the_next_one() -> None:
    assert TEXT[slice(*word_at(TEXT, 2))] == "Beijing"
    assert TEXT[slice(*word_at(TEXT, 7))] == "24", "from the space after a word: the next word"
    assert word_at("", 0) == (0, 0)


def test_sentence_at_is_the_sentence_holding_the_position() -> None:
    from tui.search.text_units import sentence_at

    first = TEXT[slice(*sentence_at(TEXT, ARTICLE.blocks, 0))]
    assert first.startswith("Beijing 24 February")
    assert first.endswith("with the Asia Digital Bank (ADB).")
    middle = TEXT.index("Committee")
    assert sentence_at(TEXT, ARTICLE.blocks, middle) == sentence_at(TEXT, ARTICLE.blocks, 0)
    second = TEXT[slice(*sentence_at(TEXT, ARTICLE.blocks, len(first) + 2))]
    assert second.startswith("CMCAMC announced itself")
    heading = ARTICLE.blocks[2]
    assert sentence_at(TEXT, ARTICLE.blocks, heading.start + 1) == (heading.start, heading.end)
    assert sentence_at("", [], 0) == (0, 0)


def test_word_at_near_a_position_is_the_word_of_the_whole_text() -> None:
    """It looks near the position first; the answer is the one the whole text's words give."""
    [article] = read_path(data_file(READABILITY / "wikipedia-2" / "source.html"))
    text = article.text
    words = word_boundaries(text)

    def from_all_words(position: int) -> tuple[int, int]:
        index = min(bisect_right(words.ends, position), len(words.starts) - 1)
        return (words.starts[index], words.ends[index])

    for position in [*range(0, len(text), 37), len(text) - 1, len(text)]:
        assert word_at(text, position) == from_all_words(position), position
