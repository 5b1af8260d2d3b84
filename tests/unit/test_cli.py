"""The `gloss` command as a script would use it: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import SEED
from tui.entities import EXTRACTOR_VERSION, NO_MODEL_SUFFIX
from tui.store import Library


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


def test_entities_of_a_stored_article_match_the_shown_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "lib")
    _, out, _ = run(capsys, "list", "--json", "--library", library)
    article_id = json.loads(out)[0]["id"]
    _, out, _ = run(capsys, "show", article_id, "--json", "--library", library)
    text = json.loads(out)["text"]
    code, out, _ = run(capsys, "entities", article_id, "--json", "--library", library)
    assert code == 0
    entities = json.loads(out)["entities"]
    for entity in entities:
        assert set(entity) == {"name", "type", "aliases", "mentions"}
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    by_name = {entity["name"]: entity for entity in entities}
    assert by_name["Asia Digital Bank"]["aliases"] == ["ADB"]
    assert by_name["Belt & Road Initiative"]["type"] == "event"


def test_entities_of_a_file_are_not_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wikinews: list[Path]
) -> None:
    library = str(tmp_path / "lib")
    code, out, _ = run(capsys, "entities", str(wikinews[0]), "--library", library)
    assert code == 0
    assert "Indonesia" in out
    _, out, _ = run(capsys, "list", "--json", "--library", library)
    assert len(json.loads(out)) == 1, "only the seed: the file was not imported"


def test_reindex_redoes_only_stale_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "lib")
    code, out, _ = run(capsys, "reindex", "--library", library)
    assert (code, out.strip()) == (0, "0 articles reindexed")
    code, out, _ = run(capsys, "reindex", "--all", "--library", library)
    assert (code, out.strip()) == (0, "1 article reindexed")


def test_reindex_redoes_articles_extracted_without_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    run(capsys, "list", "--library", str(folder))
    with Library(folder) as library:
        article_id = library.article_ids()[0]
        library.set_entities_many([(article_id, [])], EXTRACTOR_VERSION + NO_MODEL_SUFFIX)
    code, out, _ = run(capsys, "reindex", "--library", str(folder))
    assert (code, out.strip()) == (0, "1 article reindexed")
    with Library(folder) as library:
        assert library.extractor_version(article_id) == EXTRACTOR_VERSION
        assert any(e.name == "Yu Jianing" for e in library.entities(article_id))


def test_show_names_the_articles_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "lib")
    _, out, _ = run(capsys, "list", "--json", "--library", library)
    article_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "show", article_id, "--library", library)
    assert code == 0
    assert out.splitlines()[1] == "Beijing · 2022-02-24 · TDI · English"
    _, out, _ = run(capsys, "show", article_id, "--json", "--library", library)
    assert json.loads(out)["language"] == "en"
