"""The entity page (Library.entity_page, `gloss entity show`) on real articles naming Carrie Lam."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tui.models import Note
from tui.store import Library


@pytest.fixture
def folder(hong_kong: Library) -> Path:
    hong_kong.close()
    return hong_kong.folder


def test_the_page_is_a_timeline_with_the_first_mention_of_each_article(folder: Path) -> None:
    with Library(folder) as library:
        page = library.entity_page("carrie lam")
    assert page is not None
    assert (page.name, page.type) == ("Carrie Lam", "person")
    assert "Lam" in page.aliases
    dates = [appearance.article.date for appearance in page.appearances]
    assert dates == ["2019-06-23", "2019-09-06", "2019-10-16"], "oldest first"
    first = page.appearances[0]
    assert first.sentence.startswith("They had asked Hong Kong Chief Executive Carrie Lam")
    assert first.sentence.endswith("list of demands.")
    assert "Carrie Lam" in page.appearances[1].sentence
    assert page.appearances[2].mentions > 1


def test_companions_are_counted_by_shared_articles_without_dates(folder: Path) -> None:
    with Library(folder) as library:
        page = library.entity_page("Carrie Lam")
    assert page is not None
    top = page.companions[0]
    assert (top.name, top.type, top.articles) == ("Hong Kong", "place", 3)
    assert [c.articles for c in page.companions] == sorted(
        (c.articles for c in page.companions), reverse=True
    )
    assert all(c.type not in ("date", "money") for c in page.companions)
    assert all(c.name.casefold() != "carrie lam" for c in page.companions)


def test_an_alias_finds_the_page_and_an_unknown_name_finds_none(folder: Path) -> None:
    with Library(folder) as library:
        by_alias = library.entity_page("lam")
        assert by_alias is not None and by_alias.name == "Carrie Lam"
        assert library.entity_page("Nobody Atall") is None


def test_a_note_on_the_entity_shows_on_its_page_and_in_every_article_naming_it(
    folder: Path,
) -> None:
    with Library(folder) as library:
        page = library.entity_page("Carrie Lam")
        assert page is not None and page.notes == ()
        written_in = page.appearances[2].article.id
        stored = library.add_note(
            Note(id="", article_id=written_in, body="Chief executive since 2017", entity="Lam")
        )
        about = library.add_note(
            Note(id="", article_id=written_in, body="**Resigned** in 2022", entity="Carrie Lam")
        )
        page = library.entity_page("carrie lam")
        assert page is not None
        assert [note.id for note in page.notes] == [about.id], "notes on this very name only"
        elsewhere = library.entity_notes(["CARRIE LAM", "Hong Kong"])
        assert [note.id for note in elsewhere] == [about.id]
        assert stored.id in {note.id for note in library.entity_notes(["lam"])}


def test_gloss_entity_show_prints_the_page_and_json(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library(folder) as library:
        page = library.entity_page("Carrie Lam")
        assert page is not None
        library.add_note(
            Note(
                id="",
                article_id=page.appearances[0].article.id,
                body="Asked to resign",
                entity="Carrie Lam",
            )
        )
    code, out, err = run(capsys, "entity", "show", "carrie lam", "--library", str(folder))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Carrie Lam  (person)"
    assert "Named in 3 articles:" in lines
    assert any(line.strip().startswith("They had asked Hong Kong") for line in lines)
    assert "  Hong Kong (place), 3 articles" in lines
    assert any("Asked to resign" in line for line in lines)
    code, out, err = run(capsys, "entity", "show", "Lam", "--json", "--library", str(folder))
    assert code == 0, err
    shown = json.loads(out)
    assert shown["name"] == "Carrie Lam" and shown["type"] == "person"
    assert [a["date"] for a in shown["articles"]] == ["2019-06-23", "2019-09-06", "2019-10-16"]
    assert shown["articles"][0]["sentence"].startswith("They had asked")
    assert shown["companions"][0] == {"name": "Hong Kong", "type": "place", "articles": 3}
    assert [n["body"] for n in shown["notes"]] == ["Asked to resign"]


def test_an_unknown_entity_is_one_line_and_exit_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "entity", "show", "Nobody Atall", "--library", str(folder))
    assert code == 1 and out == ""
    assert err.startswith("gloss: no article in library") and err.count("\n") == 1
    assert "'Nobody Atall'" in err
