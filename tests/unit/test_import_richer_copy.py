"""A duplicate by text that knows more about the article (URL, a date from metadata, a title
from metadata) is not lost: the copy kept takes its metadata and keeps its own where it has
nothing. readability's expected.html (a body fragment) is read before its source.html."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_run import run_json
from tests.data_paths import READABILITY, data_file
from tui.importing.importer import import_paths
from tui.ingest import read_path
from tui.store import Library

GUARDIAN = data_file(READABILITY / "guardian-1")
METADATA = json.loads((GUARDIAN / "expected-metadata.json").read_text("utf-8"))
TITLE = METADATA["title"]  # readability's title for the page: its og:title
DATE = METADATA["publishedTime"][:10]
URL = (
    "https://www.theguardian.com/environment/2019/jan/03/"
    "what-is-the-sea-telling-us-maori-tribes-fearful-over-whale-strandings"
)


def stored(library: Path, article_id: str) -> tuple[str, str | None, bool, str | None]:
    with Library(library) as opened:
        article = opened.get_article(article_id)
    return article.title, article.date, article.date_guessed, article.url


def test_the_page_with_metadata_wins_over_the_fragment_read_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "guardian-1"
    case.mkdir()
    for name in ("expected.html", "source.html"):
        shutil.copy(GUARDIAN / name, case / name)
    library = tmp_path / "lib"
    code, report = run_json(capsys, "import", str(case), "--library", str(library))
    assert code == 0
    [added] = report["added"]
    [duplicate] = report["duplicates"]
    assert duplicate["file"] == str(case / "source.html") and duplicate["duplicate_of"] == added
    assert stored(library, added) == (TITLE, DATE, False, URL)


def test_a_later_run_fills_the_stored_copy_and_keeps_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    code, first = run_json(
        capsys, "import", str(GUARDIAN / "expected.html"), "--library", str(library)
    )
    [kept] = first["added"]
    assert stored(library, kept)[3] is None  # the fragment has no URL
    code, second = run_json(
        capsys, "import", str(GUARDIAN / "source.html"), "--library", str(library)
    )
    assert code == 0
    assert second["updated"] == [kept] and second["added"] == []
    assert [d["duplicate_of"] for d in second["duplicates"]] == [kept]
    assert stored(library, kept) == (TITLE, DATE, False, URL)

    code, third = run_json(
        capsys, "import", str(GUARDIAN / "expected.html"), "--library", str(library)
    )
    assert third["unchanged"] == [kept]  # the poorer copy takes nothing away
    assert stored(library, kept) == (TITLE, DATE, False, URL)


@pytest.mark.parametrize("case", ["wikipedia-2", "bbc-1", "yahoo-4"])
def test_a_fragment_and_its_page_in_one_import_are_one_article(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """readability's expected.html is its extraction of source.html: nearly the same text
    (wikipedia's fragment heads it "Contents", bbc's is dated by an image's alt text, yahoo's
    by nothing in the page; Japanese has no spaces between words)."""
    folder = tmp_path / case
    folder.mkdir()
    for name in ("expected.html", "source.html"):
        shutil.copy(data_file(READABILITY / case / name), folder / name)
    metadata = json.loads((READABILITY / case / "expected-metadata.json").read_text("utf-8"))
    [page] = read_path(folder / "source.html")
    library = tmp_path / "lib"
    code, report = run_json(capsys, "import", str(folder), "--library", str(library))
    assert code == 0
    assert report["added"] == [page.id]
    [duplicate] = report["duplicates"]
    assert (duplicate["file"], duplicate["duplicate_of"], duplicate["same"]) == (
        str(folder / "expected.html"),
        page.id,
        "similar",
    )
    title, date, guessed, url = stored(library, page.id)
    assert (date, url) == (page.date, page.url) and url is not None
    if metadata["publishedTime"]:  # yahoo's page has none: its date is a guess from the URL
        assert (date, guessed) == (metadata["publishedTime"][:10], False)
    assert title == page.title and title != "Contents"

    code, again = run_json(capsys, "import", str(folder), "--library", str(library))
    assert (again["added"], again["unchanged"]) == ([], [page.id])  # the fragment stays out


def test_a_fragment_stored_earlier_in_the_run_gives_way_to_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of one: the fragment is stored (its entities on their way) before its page is
    read; the page takes its place in the report and the library, and nothing of it is left."""
    monkeypatch.setattr("tui.importing.importer.BATCH_SIZE", 1)
    case = data_file(READABILITY / "bbc-1")
    [fragment] = read_path(case / "expected.html")
    [page] = read_path(case / "source.html")
    with Library(tmp_path / "lib") as library:
        report = import_paths(library, [case / "expected.html", case / "source.html"])
        assert report.ok and report.entities_pending == 0
        assert [a.id for a in report.added] == [page.id]
        assert [(d.article.id, d.duplicate_of) for d in report.duplicates] == [
            (fragment.id, page.id)
        ]
        assert fragment.id not in library.article_ids()
        assert library.get_article(page.id).url == page.url
        assert library.entities(page.id)
        assert library.extractor_version(fragment.id) is None
