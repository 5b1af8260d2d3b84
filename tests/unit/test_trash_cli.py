"""`gloss delete`, `gloss trash` and `gloss restore` on real Wikinews articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.two_articles import imported
from tui.store import Library


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return imported(tmp_path, capsys)


def ids(library: str) -> dict[str, str]:
    with Library(Path(library)) as lib:
        return {("tesco" if "Tesco" in a.title else "facebook"): a.id for a in lib.list_articles()}


def test_delete_then_restore_by_prefix_brings_the_notes_back(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tesco = ids(library)["tesco"]
    code, _, err = run(capsys, "note", "add", tesco, "--body", "sold #retail", "--library", library)
    assert code == 0, err
    code, out, _ = run(capsys, "delete", tesco[:6], "--library", library)
    assert code == 0 and f"trashed {tesco}" in out
    _, listed, _ = run(capsys, "list", "--library", library)
    assert tesco not in listed
    _, found, _ = run(capsys, "search", "Tesco", "--library", library)
    assert tesco not in found
    _, notes, _ = run(capsys, "notes", "--library", library)
    assert "sold" not in notes
    code, out, _ = run(capsys, "trash", "--json", "--library", library)
    (trashed,) = json.loads(out)
    assert (trashed["summary"]["id"], trashed["notes"]) == (tesco, 1)
    code, out, _ = run(capsys, "restore", tesco[:6], "--library", library)
    assert code == 0 and f"restored {tesco}" in out
    _, notes, _ = run(capsys, "notes", "--library", library)
    assert "sold #retail" in notes
    _, found, _ = run(capsys, "search", "Tesco", "--library", library)
    assert tesco in found


def test_emptying_the_trash_is_for_good(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    facebook = ids(library)["facebook"]
    run(capsys, "delete", facebook, "--library", library)
    code, out, _ = run(capsys, "trash", "--empty", "--library", library)
    assert code == 0 and "1 article deleted for good" in out
    code, out, _ = run(capsys, "trash", "--library", library)
    assert "The trash is empty." in out
    code, _, err = run(capsys, "restore", facebook, "--library", library)
    assert code == 1 and err.count("\n") == 1 and "no article" in err and "trash" in err


def test_a_wrong_id_is_one_line_and_deletes_nothing(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tesco = ids(library)["tesco"]
    code, _, err = run(capsys, "delete", tesco, "ffff0000", "--library", library)
    assert code == 1 and err.count("\n") == 1 and "ffff0000" in err
    assert set(ids(library).values()) >= {tesco}
    code, _, err = run(capsys, "restore", tesco, "--library", library)
    assert code == 1 and "no article" in err and "Traceback" not in err
