"""Re-anchoring on a real Wikinews article, edited the ways articles get edited."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.data_paths import WIKINEWS, data_file
from tui.annotations.anchoring import (
    Anchoring,
    AnchorStatus,
    find_occurrence,
    make_selector,
    reanchor,
)
from tui.models import Selector

ARTICLE_FILE = data_file(
    WIKINEWS
    / "2019-10-06-european-court-of-justice-says-facebook-must-remove-illegal-posts-glob.md"
)

SENTENCE = (
    "Facebook was ordered to remove the post which it did by making it unavailable "
    "to view in Austria only."
)


def load_article() -> str:
    """The canonical text: front matter dropped, paragraphs joined by one blank line."""
    raw = ARTICLE_FILE.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", raw, flags=re.DOTALL)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return unicodedata.normalize("NFC", "\n\n".join(paragraphs))


@pytest.fixture(scope="module")
def text() -> str:
    return load_article()


@pytest.fixture(scope="module")
def note(text: str) -> Selector:
    return make_selector(text, *find_occurrence(text, SENTENCE))


def found(text: str, result: Anchoring) -> tuple[int, str]:
    assert result.selector is not None
    return result.selector.start, text[result.selector.start : result.selector.end]


def test_the_article_loads_as_canonical_text(text: str, note: Selector) -> None:
    assert text.startswith("On Thursday, the European Court of Justice")
    assert "---" not in text[:10]
    assert "\n\n\n" not in text
    assert note.exact == SENTENCE
    assert len(note.prefix) == len(note.suffix) == 32


def test_a_word_changed_before_the_passage(text: str, note: Selector) -> None:
    new_text = text.replace("sued in Austria for defamation", "sued in Vienna for defamation", 1)
    shift = len("Vienna") - len("Austria")
    result = reanchor(note, new_text)
    assert result.status in (AnchorStatus.MOVED, AnchorStatus.KEPT)
    assert found(new_text, result) == (note.start + shift, SENTENCE)


def test_a_same_length_word_changed_before_the_passage_keeps_it(text: str, note: Selector) -> None:
    new_text = text.replace("the then chair", "the past chair", 1)
    result = reanchor(note, new_text)
    assert result.status is AnchorStatus.KEPT
    assert found(new_text, result) == (note.start, SENTENCE)


def test_a_paragraph_inserted_before(text: str, note: Selector) -> None:
    first_break = text.index("\n\n") + 2
    paragraph = (
        "Update: Facebook said on Friday it would study the ruling before deciding "
        "how to comply with it.\n\n"
    )
    new_text = text[:first_break] + paragraph + text[first_break:]
    result = reanchor(note, new_text)
    assert result.status is AnchorStatus.MOVED
    assert found(new_text, result) == (note.start + len(paragraph), SENTENCE)


def test_the_passage_reworded_slightly(text: str, note: Selector) -> None:
    reworded = (
        "Facebook was ordered to remove the post, which it did by making it unavailable "
        "to view only in Austria."
    )
    new_text = text.replace(SENTENCE, reworded)
    result = reanchor(note, new_text)
    assert result.status is AnchorStatus.FUZZY
    assert found(new_text, result) == (note.start, reworded)
    assert result.score >= 0.75


def test_the_passage_deleted(text: str, note: Selector) -> None:
    new_text = text.replace(SENTENCE + " ", "")
    assert SENTENCE not in new_text
    assert reanchor(note, new_text) == Anchoring(AnchorStatus.ORPHANED, None)


def test_a_common_word_follows_its_own_sentence_and_orphans_with_it(text: str) -> None:
    # "Facebook" occurs a dozen times; the note is on the one in SENTENCE.
    occurrence = text[: text.index(SENTENCE)].count("Facebook") + 1
    note = make_selector(text, *find_occurrence(text, "Facebook", occurrence))

    new_text = "Facebook and the courts\n\n" + text.replace("Thursday", "Thursday, 3 October", 1)
    result = reanchor(note, new_text)
    assert result.status is AnchorStatus.MOVED
    assert found(new_text, result) == (new_text.index(SENTENCE), "Facebook")

    without = text.replace(SENTENCE + " ", "")
    assert reanchor(note, without).status is AnchorStatus.ORPHANED


def test_every_sentence_follows_a_new_first_paragraph(text: str) -> None:
    paragraph = "Editor's note: this article was updated with reactions.\n\n"
    new_text = paragraph + text
    sentences = [m.span() for m in re.finditer(r"[^\s.!?][^.!?\n]*[.!?]", text)]
    assert len(sentences) > 20
    for start, end in sentences:
        result = reanchor(make_selector(text, start, end), new_text)
        assert result.status is AnchorStatus.MOVED
        assert found(new_text, result) == (start + len(paragraph), text[start:end])
