"""`gloss note add --quote` finds passages as the reader's find does (smart case), and a near
miss suggests the passage it found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import WIKINEWS, data_file
from tui.search.text_find import find_spans
from tui.store import Library

FACEBOOK = data_file(
    WIKINEWS / "2019-04-08-540-million-private-facebook-records-found-on-public-internet.md"
)


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    folder = str(tmp_path / "lib")
    code, _, err = run(capsys, "import", str(FACEBOOK), "--library", folder)
    assert code == 0, err
    with Library(Path(folder)) as opened:
        [article] = [a for a in opened.list_articles() if "Facebook" in a.title]
    return folder, article.id


def note_add(
    capsys: pytest.CaptureFixture[str], library: tuple[str, str], quote: str
) -> tuple[int, str, str]:
    folder, article_id = library
    return run(capsys, "note", "add", article_id, "--quote", quote, "--json", "--library", folder)


def test_a_lower_case_quote_matches_any_case_as_find_does(
    library: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = note_add(capsys, library, "the guardian drew comparisons")
    assert code == 0, err
    assert json.loads(out)["quote"] == "The Guardian drew comparisons"


def test_an_upper_case_letter_makes_the_quote_case_sensitive(
    library: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = note_add(capsys, library, "The guardian drew comparisons")
    assert code == 1 and err.count("\n") == 1
    assert "not found" in err


def test_a_near_miss_suggests_the_passage_found(
    library: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = note_add(capsys, library, "The Guardian drew comparisions")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "did you mean 'The Guardian drew comparisons'?" in err


def test_a_quote_far_from_anything_has_no_suggestion(
    library: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = note_add(capsys, library, "penguins dance on the moon tonight")
    assert code == 1 and "not found" in err and "did you mean" not in err


def test_the_reader_and_the_command_line_share_one_rule() -> None:
    text = "Digital bank; the digital  bank’s plan"
    assert find_spans(text, "digital bank") == [(0, 12), (18, 31)]
    assert find_spans(text, "Digital") == [(0, 7)]
    assert find_spans(text, "bank's") == [(27, 33)]  # a straight quote finds a curly one
