"""`gloss note add` and `gloss notes` on real Wikinews articles in a temporary library."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.two_articles import article_id, imported
from tui.annotations.colors import HIGHLIGHT_COLORS
from tui.annotations.notes import reattach
from tui.store import Library


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return imported(tmp_path, capsys)


def article_text(library: str, an_id: str) -> str:
    with Library(Path(library)) as lib:
        return lib.get_article(an_id).text


def lib_hash(library: str, an_id: str) -> str:
    with Library(Path(library)) as lib:
        return lib.get_article(an_id).text_hash


def add(capsys: pytest.CaptureFixture[str], library: str, *args: str) -> dict[str, object]:
    code, out, err = run(capsys, "note", "add", *args, "--json", "--library", library)
    assert code == 0, err
    note: dict[str, object] = json.loads(out)
    return note


def assert_one_line_error(code: int, err: str, *parts: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("gloss: "), err
    for part in parts:
        assert part in err, err


def test_a_quoted_note_anchors_on_the_passage(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    text = article_text(library, fb)
    quote = "misconfigured to allow public access"
    note = add(capsys, library, fb[:6], "--quote", quote, "--body", "The real cause")
    start, end = note["start"], note["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert text[start:end] == quote == note["quote"]
    assert (note["article_id"], note["body"], note["color"], note["orphaned"]) == (
        fb,
        "The real cause",
        None,
        False,
    )
    with Library(Path(library)) as lib:
        [stored] = lib.notes(fb)
    assert stored.selector is not None
    assert stored.selector.prefix == text[start - 32 : start]
    assert stored.selector.suffix == text[end : end + 32]
    assert stored.selector.text_hash == lib_hash(library, fb)


def test_occurrence_picks_among_repeated_quotes(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    text = article_text(library, fb)
    first = add(capsys, library, fb, "--quote", "Amazon S3 Buckets", "--occurrence", "1")
    second = add(capsys, library, fb, "--quote", "Amazon S3 Buckets", "--occurrence", "2")
    assert first["start"] == text.index("Amazon S3 Buckets")
    assert second["start"] == text.index("Amazon S3 Buckets", text.index("Amazon S3 Buckets") + 1)
    # Without a body or colour a quote is a highlight in the default colour.
    assert first["color"] == second["color"] == HIGHLIGHT_COLORS[0]


def test_an_ambiguous_quote_needs_occurrence(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    code, out, err = run(
        capsys, "note", "add", fb, "--quote", "Amazon S3 Buckets", "--body", "x",
        "--library", library,
    )  # fmt: skip
    assert_one_line_error(code, err, fb, "'Amazon S3 Buckets' occurs 2 times", "--occurrence 1..2")
    assert out == ""
    code, _, err = run(
        capsys, "note", "add", fb, "--quote", "Amazon S3 Buckets", "--occurrence", "3",
        "--library", library,
    )  # fmt: skip
    assert_one_line_error(code, err, fb, "--occurrence must be 1..2")
    with Library(Path(library)) as lib:
        assert lib.notes() == [], "a refused note is not stored"


def test_a_quote_not_in_the_article_is_refused(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    code, _, err = run(
        capsys, "note", "add", fb, "--quote", "Zuckerberg apologised", "--body", "x",
        "--library", library,
    )  # fmt: skip
    assert_one_line_error(code, err, f"article {fb}", "'Zuckerberg apologised' not found")


def test_unknown_article_colour_and_empty_note_are_one_line_errors(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    code, _, err = run(capsys, "note", "add", "ffffffff", "--body", "x", "--library", library)
    assert_one_line_error(code, err, "no article 'ffffffff'")
    code, _, err = run(
        capsys, "note", "add", fb, "--quote", "UpGuard", "--occurrence", "1", "--color", "red",
        "--library", library,
    )  # fmt: skip
    assert_one_line_error(code, err, "unknown colour 'red'", ", ".join(HIGHLIGHT_COLORS))
    code, _, err = run(capsys, "note", "add", fb, "--color", "pink", "--library", library)
    assert_one_line_error(code, err, "--quote")
    code, _, err = run(capsys, "note", "add", fb, "--library", library)
    assert_one_line_error(code, err, "needs a body")
    code, _, err = run(
        capsys, "note", "add", fb, "--occurrence", "2", "--body", "x", "--library", library
    )
    assert_one_line_error(code, err, "give --quote")


def test_tags_come_from_options_and_hash_words_in_the_body(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    body = "Leaked on #AWS (again) - see #security, not page#anchor or &#39;. #aws twice"
    note = add(
        capsys, library, fb, "--quote", "Cultura Colectiva", "--occurrence", "2",
        "--body", body, "--tag", "privacy", "--tag", "#Security", "--color", "green",
    )  # fmt: skip
    assert note["tags"] == ["privacy", "Security", "AWS"]
    assert note["color"] == "green"
    assert note["body"] == body


def test_an_article_level_note_has_no_quote(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    note = add(capsys, library, fb, "--body", "Follow up with #UpGuard")
    assert (note["quote"], note["start"], note["end"]) == (None, None, None)
    assert note["tags"] == ["UpGuard"]


def test_straight_quotes_and_dashes_find_the_typographic_text(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tesco = article_id(library, "Tesco")
    text = article_text(library, tesco)
    note = add(capsys, library, tesco, "--quote", "Tesco's CEO for Central Europe")
    assert note["quote"] == "Tesco’s CEO for Central Europe"
    start = note["start"]
    assert isinstance(start, int)
    assert text[start:].startswith("Tesco’s CEO")


def test_notes_json_lists_every_field(library: str, capsys: pytest.CaptureFixture[str]) -> None:
    fb = article_id(library, "Facebook")
    tesco = article_id(library, "Tesco")
    add(capsys, library, fb, "--quote", "Cambridge Analytica", "--body", "See #scandal")
    add(capsys, library, tesco, "--body", "Read later")
    code, out, _ = run(capsys, "notes", "--json", "--library", library)
    assert code == 0
    notes = json.loads(out)
    assert len(notes) == 2
    for note in notes:
        assert set(note) == {
            "id", "article_id", "entity", "body", "tags", "color", "orphaned",
            "created", "updated", "quote", "start", "end",
        }  # fmt: skip
    code, out, _ = run(capsys, "notes", fb[:5], "--json", "--library", library)
    [only] = json.loads(out)
    assert (only["article_id"], only["quote"], only["tags"]) == (
        fb,
        "Cambridge Analytica",
        ["scandal"],
    )


def test_notes_lists_quotes_and_bodies_for_people(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    note = add(
        capsys, library, fb, "--quote", "Cambridge Analytica", "--body", "Line one\nLine two"
    )
    code, out, _ = run(capsys, "notes", "--library", library)
    assert code == 0
    assert "540 million private Facebook records" in out and fb in out
    assert f"{str(note['id'])[:8]}  [note] “Cambridge Analytica”" in out
    assert "Line one" in out and "Line two" in out
    code, out, _ = run(capsys, "notes", article_id(library, "Tesco"), "--library", library)
    assert code == 0 and out.startswith("No notes on article")


def test_reattach_and_delete_from_the_command_line(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    note = add(capsys, library, fb, "--quote", "Bloomberg", "--body", "who?")
    note_id = str(note["id"])
    code, out, _ = run(
        capsys, "note", "reattach", note_id[:6], "--quote", "The Guardian", "--library", library
    )
    assert code == 0 and "re-attached" in out
    code, out, _ = run(capsys, "notes", fb, "--json", "--library", library)
    [moved] = json.loads(out)
    assert (moved["id"], moved["quote"], moved["body"]) == (note_id, "The Guardian", "who?")
    code, out, _ = run(capsys, "note", "delete", note_id[:6], "--library", library)
    assert code == 0 and "deleted" in out
    code, _, err = run(capsys, "note", "delete", note_id, "--library", library)
    assert_one_line_error(code, err, "no note")


def test_reattach_function_puts_an_orphan_back(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    note = add(capsys, library, fb, "--quote", "UpGuard", "--occurrence", "1", "--body", "x")
    with Library(Path(library)) as lib:
        [stored] = lib.notes(fb)
        lib.update_note(replace(stored, orphaned=True))
        text = lib.get_article(fb).text
        start = text.index("Cultura Colectiva")
        back = reattach(lib, str(note["id"]), start, start + len("Cultura Colectiva"))
        assert not back.orphaned
        assert back.selector is not None and back.selector.exact == "Cultura Colectiva"
        assert lib.notes(fb) == [back]
        with pytest.raises(ValueError):
            reattach(lib, back.id, 5, 5)
