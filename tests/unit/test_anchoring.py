"""Selectors and re-anchoring on small hand-made texts: one test per path and edge."""

from __future__ import annotations

import dataclasses

import pytest

from tui.annotations.anchoring import (
    CONTEXT_CHARS,
    Anchoring,
    AnchorStatus,
    find_occurrence,
    make_selector,
    quote_starts,
    reanchor,
)
from tui.models import Selector, text_hash

ARTICLE = (
    "The regional council met on Tuesday to discuss the new budget for schools.\n\n"
    "Councillor Ana Ruiz said the budget leaves rural schools without enough teachers, "
    "and she asked for a second vote before the end of the month.\n\n"
    "The mayor replied that the budget had already been reviewed twice by the finance "
    "committee and that the vote would go ahead as planned.\n\n"
    "Parents gathered outside the building during the meeting."
)


def select(text: str, quote: str, occurrence: int = 1) -> Selector:
    return make_selector(text, *find_occurrence(text, quote, occurrence))


def span_text(text: str, result: Anchoring) -> str:
    assert result.selector is not None
    return text[result.selector.start : result.selector.end]


# -- make_selector -------------------------------------------------------------


def test_selector_keeps_32_characters_of_context_each_side() -> None:
    start, end = find_occurrence(ARTICLE, "rural schools")
    selector = make_selector(ARTICLE, start, end)
    assert CONTEXT_CHARS == 32
    assert selector.exact == "rural schools"
    assert selector.prefix == ARTICLE[start - 32 : start]
    assert selector.suffix == ARTICLE[end : end + 32]
    assert (selector.start, selector.end) == (start, end)
    assert selector.text_hash == text_hash(ARTICLE)


def test_selector_context_is_shorter_only_at_the_edges() -> None:
    first = make_selector(ARTICLE, 0, 3)
    assert (first.prefix, first.exact) == ("", "The")
    assert first.suffix == ARTICLE[3:35]

    last = make_selector(ARTICLE, len(ARTICLE) - 8, len(ARTICLE))
    assert (last.exact, last.suffix) == ("meeting.", "")
    assert last.prefix == ARTICLE[-40:-8]

    tiny = make_selector("ab cd", 3, 4)
    assert (tiny.prefix, tiny.exact, tiny.suffix) == ("ab ", "c", "d")


def test_selector_counts_code_points_not_bytes() -> None:
    text = "東京で会議 😀 “quoted” café"
    start = text.index("“")
    selector = make_selector(text, start, start + 8)
    assert selector.exact == "“quoted”"
    assert selector.prefix == "東京で会議 😀 "
    assert selector.suffix == " café"


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (-1, 2), (0, 100), (10, 11)])
def test_selector_refuses_an_empty_or_out_of_range_span(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="empty or outside"):
        make_selector("0123456789", start, end)


# -- find_occurrence -------------------------------------------------------------


def test_find_occurrence_counts_from_one() -> None:
    text = "the cat and the dog and the bird"
    assert find_occurrence(text, "the") == (0, 3)
    assert find_occurrence(text, "the", 2) == (12, 15)
    assert find_occurrence(text, "the", 3) == (24, 27)


def test_find_occurrence_counts_overlapping_occurrences() -> None:
    assert quote_starts("aaaa", "aa") == [0, 1, 2]
    assert find_occurrence("aaaa", "aa", 3) == (2, 4)


def test_find_occurrence_says_how_many_there_are() -> None:
    with pytest.raises(ValueError) as error:
        find_occurrence("x and x", "x", 3)
    assert str(error.value) == "quote 'x' occurs 2 times in the article; use --occurrence 1..2"

    with pytest.raises(ValueError, match=r"occurs 1 time in the article; use --occurrence 1\.\.1"):
        find_occurrence("x and y", "x", 0)


def test_find_occurrence_reports_a_missing_quote() -> None:
    with pytest.raises(ValueError, match="quote 'zebra' not found"):
        find_occurrence(ARTICLE, "zebra")
    with pytest.raises(ValueError, match="empty"):
        find_occurrence(ARTICLE, "")


def test_find_occurrence_message_shows_a_long_quote_on_one_short_line() -> None:
    quote = "a very long quote\nthat goes on and on\x1b[31m and on past forty characters"
    with pytest.raises(ValueError) as error:
        find_occurrence("nothing here", quote)
    message = str(error.value)
    assert "\n" not in message
    assert "\x1b" not in message
    assert "…" in message
    assert len(message) < 80


# -- KEPT --------------------------------------------------------------------------


def test_same_text_is_kept() -> None:
    selector = select(ARTICLE, "rural schools")
    result = reanchor(selector, ARTICLE)
    assert result == Anchoring(AnchorStatus.KEPT, selector, 1.0)


def test_an_edit_that_does_not_shift_the_passage_keeps_it_with_a_fresh_selector() -> None:
    selector = select(ARTICLE, "rural schools")
    new_text = ARTICLE.replace("Parents gathered", "Parents waited")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.KEPT
    assert result.selector == make_selector(new_text, selector.start, selector.end)
    assert result.selector.text_hash == text_hash(new_text)


def test_a_same_length_change_right_next_to_the_passage_keeps_it() -> None:
    selector = select(ARTICLE, "rural schools")
    new_text = ARTICLE.replace("leaves rural", "LEAVES rural")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.KEPT
    assert span_text(new_text, result) == "rural schools"


# -- MOVED -------------------------------------------------------------------------


def test_text_inserted_before_moves_the_passage() -> None:
    selector = select(ARTICLE, "rural schools")
    inserted = "A new opening paragraph.\n\n"
    result = reanchor(selector, inserted + ARTICLE)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == selector.start + len(inserted)
    assert result.selector.exact == "rural schools"
    assert result.score >= 0.5


def test_a_moved_paragraph_takes_its_notes_along() -> None:
    paragraphs = ARTICLE.split("\n\n")
    selector = select(ARTICLE, "reviewed twice by the finance committee")
    new_text = "\n\n".join([paragraphs[2], paragraphs[0], paragraphs[1], paragraphs[3]])
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert span_text(new_text, result) == "reviewed twice by the finance committee"
    assert result.selector is not None
    assert result.selector.start == new_text.index("reviewed twice")


def test_a_repeated_quote_follows_its_own_context() -> None:
    # "the budget" occurs twice; the note is on the mayor's.
    assert len(quote_starts(ARTICLE, "the budget")) == 2
    selector = select(ARTICLE, "the budget", 2)
    new_text = "Breaking: a short update.\n\n" + ARTICLE.replace("Tuesday", "Wednesday")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == quote_starts(new_text, "the budget")[1]


def test_context_beats_nearness_for_a_repeated_quote() -> None:
    # The old position now holds the other "the budget"; the context says it moved on.
    first, second = quote_starts(ARTICLE, "the budget")
    selector = make_selector(ARTICLE, second, second + len("the budget"))
    shift = second - first
    new_text = "x" * shift + ARTICLE
    assert new_text[second : second + len("the budget")] == "the budget"
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == selector.start + shift


def test_identical_contexts_are_told_apart_by_nearness() -> None:
    block = "An identical block of words repeats itself: the quote is here, more words follow.\n\n"
    text = block + block + block
    selector = select(text, "quote", 2)
    # Push everything right by 10: the second block's quote is the nearest to its old place.
    new_text = "0123456789" + text
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == selector.start + 10


# -- FUZZY -------------------------------------------------------------------------


def test_a_slightly_reworded_passage_is_fuzzy_on_the_new_wording() -> None:
    quote = "she asked for a second vote before the end of the month"
    selector = select(ARTICLE, quote)
    reworded = "she called for a second vote before the end of this month"
    new_text = ARTICLE.replace(quote, reworded)
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert span_text(new_text, result) == reworded
    assert result.score >= 0.75


def test_a_reworded_first_or_last_word_still_belongs_to_the_passage() -> None:
    quote = "Parents gathered outside the building during the meeting."
    selector = select(ARTICLE, quote)
    new_text = ARTICLE.replace(quote, "Parents gathered outside the building during the session.")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert (
        span_text(new_text, result) == "Parents gathered outside the building during the session."
    )

    new_text = ARTICLE.replace(quote, "Teachers gathered outside the building during the meeting.")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert (
        span_text(new_text, result) == "Teachers gathered outside the building during the meeting."
    )


def test_a_fuzzy_match_snaps_to_word_boundaries() -> None:
    # The note starts and ends mid-word; its new span is whole words.
    start = ARTICLE.index("ouncillor Ana Ruiz sa")
    selector = make_selector(ARTICLE, start, start + len("ouncillor Ana Ruiz sa"))
    new_text = ARTICLE.replace("Councillor Ana Ruiz said", "Councillor Ana Ruíz stated")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert span_text(new_text, result) == "Councillor Ana Ruíz stated"


def test_a_reworded_passage_that_also_moved_is_found() -> None:
    quote = "the vote would go ahead as planned"
    selector = select(ARTICLE, quote)
    paragraphs = ARTICLE.replace(quote, "the vote would still go ahead as planned").split("\n\n")
    new_text = "\n\n".join([paragraphs[3], paragraphs[2], paragraphs[0], paragraphs[1]])
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert span_text(new_text, result) == "the vote would still go ahead as planned"


def test_a_rewrite_beyond_recognition_is_not_fuzzy() -> None:
    quote = "she asked for a second vote before the end of the month"
    selector = select(ARTICLE, quote)
    new_text = ARTICLE.replace(quote, "nobody else in the chamber agreed with any of this at all")
    assert reanchor(selector, new_text).status is AnchorStatus.ORPHANED


# -- ORPHANED ----------------------------------------------------------------------


def test_a_deleted_passage_is_orphaned() -> None:
    quote = "Councillor Ana Ruiz said the budget leaves rural schools without enough teachers, "
    selector = select(ARTICLE, "rural schools without enough teachers")
    result = reanchor(selector, ARTICLE.replace(quote, "Councillor Ana Ruiz spoke. "))
    assert result == Anchoring(AnchorStatus.ORPHANED, None, 0.0)


def test_a_deleted_common_word_does_not_jump_to_another_one() -> None:
    # "the budget" appears elsewhere, but this one's context is gone with it.
    selector = select(ARTICLE, "the budget", 1)
    new_text = ARTICLE.replace("said the budget leaves", "said it leaves")
    assert reanchor(selector, new_text).status is AnchorStatus.ORPHANED

    selector = select(ARTICLE, "the", 4)
    start = selector.start
    new_text = ARTICLE[:start] + ARTICLE[start + 4 :]
    assert reanchor(selector, new_text).status is AnchorStatus.ORPHANED


def test_a_deleted_word_does_not_move_into_a_longer_word() -> None:
    text = "They say this is for security reasons, officials said on Monday evening."
    selector = select(text, "is", 2)
    assert selector.start == text.index(" is ") + 1
    new_text = text.replace(" is for", " for")
    assert reanchor(selector, new_text).status is AnchorStatus.ORPHANED


def test_empty_or_unrelated_new_text_orphans() -> None:
    selector = select(ARTICLE, "rural schools")
    assert reanchor(selector, "").status is AnchorStatus.ORPHANED
    assert reanchor(selector, "Something else entirely.").status is AnchorStatus.ORPHANED


def test_a_broken_selector_never_raises() -> None:
    good = select(ARTICLE, "rural schools")
    for selector in (
        dataclasses.replace(good, exact=""),
        dataclasses.replace(good, start=10_000, end=10_013),
        dataclasses.replace(good, start=-13, end=-1),
        dataclasses.replace(good, start=5, end=2, text_hash="nope"),
    ):
        result = reanchor(selector, ARTICLE)
        assert result.status in (AnchorStatus.MOVED, AnchorStatus.ORPHANED)
        if result.selector is not None:
            assert span_text(ARTICLE, result) == "rural schools"


# -- the text's edges --------------------------------------------------------------


def test_a_quote_at_the_very_start_survives_edits_after_it() -> None:
    selector = select(ARTICLE, "The regional council")
    assert selector.start == 0
    new_text = ARTICLE.replace("Tuesday", "Thursday morning")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.KEPT
    assert span_text(new_text, result) == "The regional council"


def test_a_quote_at_the_very_start_moves_when_a_title_is_prepended() -> None:
    selector = select(ARTICLE, "The regional council")
    new_text = "Council news\n\n" + ARTICLE
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == len("Council news\n\n")


def test_a_quote_at_the_very_end_survives_edits_before_it() -> None:
    selector = select(ARTICLE, "during the meeting.")
    assert selector.end == len(ARTICLE)
    new_text = ARTICLE.replace("Tuesday", "Thursday morning") + "\n\nUpdated at 5pm."
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert span_text(new_text, result) == "during the meeting."


def test_a_whole_tiny_text_reworded_is_fuzzy() -> None:
    selector = make_selector("The cat sat on the mat.", 0, 23)
    result = reanchor(selector, "The cat sat on a mat.")
    assert result.status is AnchorStatus.FUZZY
    assert span_text("The cat sat on a mat.", result) == "The cat sat on a mat."


def test_a_short_quote_is_not_fuzzily_swapped_for_another_word() -> None:
    selector = make_selector("abc", 0, 3)
    assert reanchor(selector, "abd").status is AnchorStatus.ORPHANED


# -- unicode -----------------------------------------------------------------------


def test_cjk_text_moves_by_code_points() -> None:
    text = "東京で国際会議が開かれた。参加者は百人を超え、議論は夜まで続いた。"
    selector = select(text, "参加者は百人")
    new_text = "昨日の午後、" + text
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == selector.start + len("昨日の午後、")
    assert span_text(new_text, result) == "参加者は百人"


def test_cjk_fuzzy_match_is_cut_per_character_not_per_sentence() -> None:
    text = "東京で国際会議が開かれた。参加者は百人を超え、議論は夜まで続いた。"
    selector = select(text, "参加者は百人を超え")
    new_text = text.replace("参加者は百人を超え", "参加者は二百人を超え")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert span_text(new_text, result) == "参加者は二百人を超え"


def test_emoji_and_curly_quotes_move_intact() -> None:
    text = "She wrote “we’re not done yet” 👩\u200d👩\u200d👧 and left the room quietly."
    selector = select(text, "“we’re not done yet” 👩\u200d👩\u200d👧")
    new_text = "🎉🎉 " + text
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.MOVED
    assert result.selector is not None
    assert result.selector.start == selector.start + 3
    assert span_text(new_text, result) == selector.exact


def test_a_fuzzy_match_never_splits_an_emoji_sequence_or_an_accent() -> None:
    text = "The family 👩\u200d👩\u200d👧 visited the old cafe\u0301 near the harbour every summer."
    selector = select(text, "family 👩\u200d👩\u200d👧 visited the old cafe\u0301")
    new_text = text.replace("visited the old", "went to the old")
    result = reanchor(selector, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert span_text(new_text, result) == "family 👩\u200d👩\u200d👧 went to the old cafe\u0301"


def test_status_values_are_plain_strings() -> None:
    assert [status.value for status in AnchorStatus] == ["kept", "moved", "fuzzy", "orphaned"]
    assert AnchorStatus("fuzzy") is AnchorStatus.FUZZY
    with pytest.raises(dataclasses.FrozenInstanceError):
        reanchor(select(ARTICLE, "rural"), ARTICLE).status = AnchorStatus.MOVED  # type: ignore[misc]
