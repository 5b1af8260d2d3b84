"""A date the page's metadata, a dateline or the user gives is a date; one found in body text is
a guess, and says so wherever it is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import READABILITY, data_file
from tui.ingest import read_bytes, read_path
from tui.store import Library

PAGES = data_file(READABILITY)


@pytest.mark.parametrize(
    ("case", "date"),
    [
        ("wikipedia-2", "2001-10-29"),  # JSON-LD datePublished
        ("bbc-1", "2015-07-24"),  # article:published_time
        ("nytimes-1", "2017-01-13"),  # markup htmldate reads without searching the text
    ],
)
def test_a_date_from_the_page_markup_is_a_date(case: str, date: str) -> None:
    [article] = read_path(PAGES / case / "source.html")
    assert (article.date, article.date_guessed) == (date, False)


@pytest.mark.parametrize("case", ["wikipedia-2", "bbc-1", "yahoo-4", "guardian-1"])
def test_a_date_found_in_the_body_of_a_fragment_is_a_guess(case: str) -> None:
    """readability's expected.html has no <head>: wikipedia's 2008-04-07 came from a body
    sentence, bbc's from an image's alt text, yahoo's from nowhere in the page."""
    [article] = read_path(PAGES / case / "expected.html")
    assert article.date is None or article.date_guessed, article.date


def test_front_matter_and_dateline_dates_are_dates() -> None:
    [front] = read_bytes(b"---\ndate: 2024-03-03\n---\nThe council met on Tuesday.\n", "a.md")
    [dateline] = read_bytes(
        b"Berlin 3 March 2024 (Reuters): Officials said the airport would reopen.\n", "b.txt"
    )
    assert (front.date, front.date_guessed) == ("2024-03-03", False)
    assert (dateline.date, dateline.date_guessed) == ("2024-03-03", False)


def test_show_marks_a_guessed_date_and_old_records_read_as_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    page = PAGES / "qq" / "expected.html"  # a fragment dated only by a sentence in it
    [article] = read_path(page)
    assert article.date_guessed
    code, _, _ = run(capsys, "import", str(page), "--library", str(library))
    assert code == 0
    code, out, _ = run(capsys, "show", article.id, "--library", str(library))
    assert f"{article.date} (guessed)" in out.splitlines()[1]

    code, out, _ = run(capsys, "show", article.id, "--json", "--library", str(library))
    assert '"date_guessed": true' in out


def test_records_written_before_the_field_read_as_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a guess writes the field, so older records (and re-imports of them) stay as they are."""
    library = tmp_path / "lib"
    page = PAGES / "bbc-1" / "source.html"
    code, _, _ = run(capsys, "import", str(page), "--library", str(library))
    assert code == 0
    assert "date_guessed" not in (library / "catalog.json").read_text("utf-8")
    [article] = read_path(page)
    with Library(library) as opened:
        assert opened.get_article(article.id).date_guessed is False
    code, out, _ = run(capsys, "import", str(page), "--library", str(library))
    assert out.splitlines()[-1].startswith("0 added, 0 updated, 1 unchanged")
