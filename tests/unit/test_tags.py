"""Tags: one rule, whichever way a tag arrives (a note's body, the tag editor, the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_json
from tui.annotations.tags import parse_tags, tags_in, tags_line
from tui.store import Library


def test_hash_words_become_tags_once_in_order() -> None:
    assert tags_in("Check #fintech vs #ASEAN; again #fintech, a/b #x/y") == (
        "fintech",
        "ASEAN",
        "x/y",
    )
    assert tags_in("issue#4 and &#39; and # alone") == ()


def test_hash_tags_in_bodies() -> None:
    assert tags_in("#one, #two-words and #a/b. #One") == ("one", "two-words", "a/b")
    assert tags_in("x#y, &#39; and ##double") == ()


def test_typed_tags_are_split_on_commas_and_spaces() -> None:
    assert parse_tags("china, tech  #ai,, China") == ("china", "tech", "ai")
    assert tags_line(parse_tags("a, b")) == "a, b"


def test_a_body_gives_the_same_tags_in_the_reader_and_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "#China/ #china #fin-"
    assert tags_in(body) == ("China", "fin")
    folder = tmp_path / "library"
    code, note = run_json(capsys, "--library", str(folder), "note", "add", "b2ff", "--body", body)
    assert code == 0
    assert note["tags"] == ["China", "fin"]
    with Library(folder) as library:
        [stored] = library.notes()
        assert stored.tags == ("China", "fin")
        library.set_article_tags(stored.article_id, ["#fin-", "Fin", " two  words "])
        assert library.reading_state(stored.article_id).tags == ("fin", "two-words")
