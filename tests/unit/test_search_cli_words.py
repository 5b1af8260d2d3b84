"""`gloss search` for scripts: whole words unless a word ends in `*`, title matches said and
highlighted, source: matching words of the source's name."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli_run import run
from tests.data_paths import FEEDS, WIKINEWS, data_file
from tui.importing.importer import import_paths
from tui.store import Library

FORD = "US Department of Justice investigating Ford over emissions testing problems"
GOLEM = "Digitalministerium: Neue Glasfaserförderung mit Schnellkasse"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("search") / "lib"
    files = [
        data_file(
            WIKINEWS
            / "2019-04-28-us-department-of-justice-investigating-ford-over-emissions-testing-pro.md"
        ),
        data_file(FEEDS / "feed-rs__rss_1.0_iso8859.xml"),  # Förderung
        data_file(FEEDS / "feedjira__google_alerts_atom.xml"),  # source "Google Alert - Slack"
    ]
    with Library(folder) as opened:
        assert import_paths(opened, files).ok
    return str(folder)


def hits(capsys: pytest.CaptureFixture[str], library: str, *query: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "search", "--json", *query, "--library", library)
    assert (code, err) == (0, "")
    found: list[dict[str, Any]] = json.loads(out)
    return found


def test_a_word_matches_whole_unless_it_ends_in_a_star(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [hit["title"] for hit in hits(capsys, library, "ford")] == [FORD]
    starred = [hit["title"] for hit in hits(capsys, library, "ford*")]
    assert FORD in starred and GOLEM in starred  # "Förderung" folds to "forderung"
    assert hits(capsys, library, "emis") == []
    assert [hit["title"] for hit in hits(capsys, library, "emis*")] == [FORD]


def test_a_title_match_says_so_and_marks_the_words(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    [hit] = hits(capsys, library, "ford")
    assert hit["matched_in"] == "title"
    assert [hit["title"][start:end] for start, end in hit["title_highlights"]] == ["Ford"]
    code, out, _ = run(capsys, "search", "ford", "--library", library)
    assert code == 0
    assert out.splitlines()[1].startswith("    in the title · ")


def test_source_matches_words_of_the_source_name(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    google = hits(capsys, library, "source:google", "--limit", "100")
    assert len(google) == 20 and {hit["source"] for hit in google} == {"Google Alert - Slack"}
    assert len(hits(capsys, library, 'source:"alert slack"', "--limit", "100")) == 20
    assert len(hits(capsys, library, 'source:"Google Alert - Slack"', "--limit", "100")) == 20
    assert hits(capsys, library, "source:goo") == []  # words, not the start of one
    assert hits(capsys, library, 'source:"slack alert"') == []  # in their order
