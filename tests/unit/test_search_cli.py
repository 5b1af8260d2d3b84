"""`gloss search` as a script uses it: JSON fields, one line per hit, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tui.cli import main


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "lib")  # the first run fills it with the seed article
    assert run(capsys, "list", "--library", folder)[0] == 0
    return folder


def test_json_hits(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "--json", "digital", "bank", "--library", library)
    assert (code, err) == (0, "")
    (hit,) = json.loads(out)
    assert set(hit) >= {"article_id", "title", "date", "source", "score", "snippet", "matched_in"}
    assert hit["source"] == "TDI" and hit["date"] == "2022-02-24"
    assert hit["score"] > 0 and hit["matched_in"] in {"title", "body", "entity", "note"}
    assert "\n" not in hit["snippet"]
    for start, end in hit["highlights"]:
        assert hit["snippet"][start:end].casefold() in {"digital", "bank"}


def test_filters_only_and_no_hits(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--json", "source:TDI", "--library", library)
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = run(capsys, "search", "--json", "nothingmatchesthis", "--library", library)
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, "search", "nothingmatchesthis", "--library", library)
    assert (code, out) == (0, "No articles match.\n")


def test_human_output_is_a_line_per_hit_and_its_snippet(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", "metaverse", "--library", library)
    assert code == 0
    first, snippet = out.splitlines()
    assert "2022-02-24" in first and "TDI" in first
    assert snippet.startswith("    ") and "metaverse" in snippet.casefold()


def test_limit(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--json", "--limit", "1", "", "--library", library)
    assert code == 0 and len(json.loads(out)) == 1
    with pytest.raises(SystemExit):
        main(["search", "x", "--limit", "0", "--library", library])


@pytest.mark.parametrize("query", ["after:notadate", "is:foo", "tags:x"])
def test_bad_query_is_one_line_on_stderr_and_exit_1(
    library: str, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, out, err = run(capsys, "search", "bank", query, "--library", library)
    assert code == 1 and out == ""
    assert err.startswith("gloss: ") and query in err
    assert err.count("\n") == 1
