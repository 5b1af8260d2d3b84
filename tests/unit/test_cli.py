"""The `gloss` command as a script would use it: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_first_run_fills_the_library_with_the_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list", "--json", "--library", str(tmp_path / "lib"))
    assert code == 0
    articles = json.loads(out)
    assert len(articles) == 1
    seed = articles[0]
    assert (seed["place"], seed["date"], seed["source"]) == ("Beijing", "2022-02-24", "TDI")
    assert seed["title"].startswith("The China Mobile Communication Association Metaverse")
    assert set(seed) >= {"id", "title", "date", "source"}


def test_show_json_gives_the_canonical_text_verbatim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "lib")
    _, out, _ = run(capsys, "list", "--json", "--library", library)
    article_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "show", article_id[:6], "--json", "--library", library)
    assert code == 0
    shown = json.loads(out)
    assert shown["id"] == article_id
    seed_paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n")]
    assert shown["text"] == "\n\n".join(seed_paragraphs)
    assert "China’s Vission to consolidate Digital Leadership" in shown["text"]
    headings = [
        shown["text"][b["start"] : b["end"]] for b in shown["blocks"] if b["kind"] == "heading"
    ]
    assert headings[-1] == "Cooperation with Asia Digital Bank"


def test_library_comes_from_the_environment_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSS_LIBRARY", str(tmp_path / "env-lib"))
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "2022-02-24" in out
    assert (tmp_path / "env-lib").is_dir()


def test_unknown_id_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "ffffffff", "--library", str(tmp_path / "lib"))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "ffffffff" in err
    assert "Traceback" not in err


def test_import_reports_each_bad_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wikinews: list[Path]
) -> None:
    library = str(tmp_path / "lib")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    missing = tmp_path / "missing.md"
    code, out, err = run(
        capsys, "import", str(binary), str(wikinews[0]), str(missing), "--library", library
    )
    assert code == 1
    assert f"{binary}: " in err
    assert "not an article" in err
    assert f"{missing}: no such file" in err
    assert "1 added" in out
    code, out, _ = run(capsys, "list", "--json", "--library", library)
    titles = [a["title"] for a in json.loads(out)]
    assert "Wikinews investigates disappearance of Indonesian cargo ship Namse Bangdzod" in titles


def test_import_twice_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wikinews: list[Path]
) -> None:
    library = str(tmp_path / "lib")
    files = [str(path) for path in wikinews]
    code, out, _ = run(capsys, "import", *files, "--json", "--library", library)
    assert code == 0
    first = json.loads(out)
    assert len(first["added"]) == 36
    code, out, _ = run(capsys, "import", *files, "--json", "--library", library)
    again = json.loads(out)
    assert (again["added"], again["updated"], len(again["unchanged"])) == ([], [], 36)


def test_version_and_help_from_the_installed_command() -> None:
    gloss = Path(sys.executable).parent / "gloss"
    result = subprocess.run([gloss, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("gloss ")
    result = subprocess.run([gloss, "--help"], capture_output=True, text=True, check=True)
    for command in ("open", "import", "list", "show", "--library"):
        assert command in result.stdout


def test_bad_option_exits_with_usage_not_traceback(tmp_path: Path) -> None:
    gloss = Path(sys.executable).parent / "gloss"
    env = {**os.environ, "GLOSS_LIBRARY": str(tmp_path / "lib")}
    result = subprocess.run([gloss, "show"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr
