"""`gloss entity rename|retype|merge|split|hide|corrections|undo` on real Wikinews articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.two_articles import article_id, imported


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return imported(tmp_path, capsys)


def entities(capsys: pytest.CaptureFixture[str], library: str, article: str) -> dict[str, str]:
    """Name -> type, as `gloss entities ID --json` prints them."""
    code, out, _ = run(capsys, "entities", article, "--json", "--library", library)
    assert code == 0
    return {e["name"]: e["type"] for e in json.loads(out)["entities"]}


def test_each_correction_shows_in_entities_search_and_survives_reindex_all(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    facebook, tesco = article_id(library, "Facebook"), article_id(library, "Tesco")
    lib = ("--library", library)
    code, out, err = run(capsys, "entity", "retype", "Bloomberg", "organization", *lib)
    assert code == 0, err
    assert "retype “Bloomberg” as organization" in out and "gloss entity undo" in out
    assert run(capsys, "entity", "hide", "pool", *lib)[0] == 0
    assert run(capsys, "entity", "merge", "Amazon.com", "Amazon", *lib)[0] == 0
    assert run(capsys, "entity", "split", "United Kingdom", "UK", *lib)[0] == 0
    code, _, err = run(
        capsys, "entity", "rename", "Gazeta Prawna", "Dziennik Gazeta Prawna",
        "--article", tesco[:6], *lib,
    )  # fmt: skip
    assert code == 0, err

    def check() -> None:
        shown = entities(capsys, library, facebook)
        assert shown["Bloomberg"] == "organization"
        assert "Pool" not in shown and "Amazon.com" not in shown and "Amazon" in shown
        shown = entities(capsys, library, tesco)
        assert shown["UK"] == "place" and "Dziennik Gazeta Prawna" in shown
        _, out, _ = run(capsys, "search", "entity:pool", *lib)
        assert facebook not in out
        _, out, _ = run(capsys, "search", 'entity:"Dziennik Gazeta Prawna"', *lib)
        assert tesco in out

    check()
    code, out, err = run(capsys, "reindex", "--all", *lib)
    assert code == 0 and "3 articles reindexed" in out, err  # the seed too
    check()


def test_corrections_are_listed_and_undone_by_prefix(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    facebook = article_id(library, "Facebook")
    lib = ("--library", library)
    code, out, _ = run(capsys, "entity", "corrections", *lib)
    assert code == 0 and "No entity corrections." in out
    run(capsys, "entity", "hide", "Pool", *lib)
    run(capsys, "entity", "retype", "Bloomberg", "organization", "--article", facebook, *lib)
    code, out, _ = run(capsys, "entity", "corrections", "--json", *lib)
    hidden, retyped = json.loads(out)
    assert (hidden["action"], hidden["name"], hidden["article_id"]) == ("hide", "Pool", None)
    assert (retyped["value"], retyped["article_id"]) == ("organization", facebook)
    code, out, _ = run(capsys, "entity", "corrections", *lib)
    assert out.splitlines()[0].startswith(hidden["id"]) and "hide “Pool”" in out
    assert f"in article {facebook}" in out.splitlines()[1]
    code, out, _ = run(capsys, "entity", "undo", hidden["id"][:5], *lib)
    assert code == 0 and "undone: hide “Pool”" in out
    assert "Pool" in entities(capsys, library, facebook)
    code, out, _ = run(capsys, "entity", "corrections", "--json", *lib)
    assert [c["id"] for c in json.loads(out)] == [retyped["id"]]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("hide", "Nobody Atall"), "no entity named 'Nobody Atall' in library"),
        (("merge", "Tesco", "Lidl"), "no entity named 'Lidl' to merge into"),
        (("split", "Tesco", "Lidl"), "'Lidl' is not another name of 'Tesco'"),
        (("hide", "Tesco", "--article", "ffff0000"), "no article 'ffff0000'"),
        (("undo", "abcdef"), "'abcdef' is no correction"),
    ],
)
def test_a_mistake_is_one_line_exit_1_and_stores_nothing(
    library: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    code, out, err = run(capsys, "entity", *args, "--library", library)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and said in err and "Traceback" not in err
    _, out, _ = run(capsys, "entity", "corrections", "--json", "--library", library)
    assert json.loads(out) == []


def test_a_wrong_type_is_refused_by_the_parser(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, "entity", "retype", "Tesco", "company", "--library", library)
    assert exited.value.code == 2
    assert "invalid choice: 'company'" in capsys.readouterr().err
