"""Importing Gloss's own Markdown export, or a rewrite under the same URL, never costs a note.

A Markdown export is notes, not an article: `gloss import` restores its notes
(as from a W3C export) and leaves the article's text as it is. Any other update
that would swap a text notes are anchored to for one sharing little of it is
refused in one line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run

URL = "https://example.org/news/harbour-report"
PARAGRAPHS = [
    "The harbour master said on Monday that three ships were held outside the breakwater "
    "because of the storm, and that pilots would not board them before the wind dropped.",
    "Fishermen in the town complained that the new quay was still closed after two months "
    "of repairs, and that the council had not said when it would open again.",
    "A spokesman for the port authority said the repairs had found more damage than "
    "expected under the old stones, and that divers were checking the piles one by one.",
    "Traders on the market square said the closure had cost them the spring season, when "
    "visitors usually come to watch the boats unload their catch in the early morning.",
]
FIRST = "three ships were held outside the breakwater"
SECOND = "the new quay was still closed"


def article_markdown(url: str, paragraphs: list[str], title: str = "Harbour report") -> str:
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: {title}\nurl: {url}\ndate: 2024-03-02\n---\n\n# {title}\n\n{body}\n"


class Library:
    """A library in tmp_path driven through the real `gloss` command line."""

    def __init__(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.folder = folder
        self.capsys = capsys

    def gloss(self, *args: str) -> tuple[int, str, str]:
        return run(self.capsys, *args, "--library", str(self.folder))

    def import_(self, *paths: Path) -> tuple[int, str, str]:
        return self.gloss("import", *map(str, paths))

    def article_id(self) -> str:
        code, out, _ = self.gloss("list", "--json")
        assert code == 0
        return next(str(a["id"]) for a in json.loads(out) if a["url"] == URL)

    def text(self, article_id: str) -> str:
        code, out, _ = self.gloss("show", article_id, "--json")
        assert code == 0
        return str(json.loads(out)["text"])

    def notes(self) -> list[dict[str, Any]]:
        code, out, _ = self.gloss("notes", "--json")
        assert code == 0
        notes: list[dict[str, Any]] = json.loads(out)
        return notes

    def state(self) -> tuple[str, list[tuple[str, str, int, bool]]]:
        """The article's text and where each note sits: what no import may change here."""
        return self.text(self.article_id()), anchors(self.notes())

    def add_note(self, article_id: str, quote: str, body: str) -> None:
        code, _, err = self.gloss("note", "add", article_id, "--quote", quote, "--body", body)
        assert code == 0, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.md"
    path.write_text(article_markdown(URL, PARAGRAPHS), encoding="utf-8")
    return path


@pytest.fixture
def annotated(tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> Library:
    """The article imported, with two notes on two of its passages."""
    library = Library(tmp_path / "lib", capsys)
    code, _, err = library.import_(article)
    assert code == 0, err
    article_id = library.article_id()
    library.add_note(article_id, FIRST, "Why three?")
    library.add_note(article_id, SECOND, "Check #quay")
    return library


def anchors(notes: list[dict[str, Any]]) -> list[tuple[str, str, int, bool]]:
    return sorted((n["body"], n["quote"], n["start"], n["orphaned"]) for n in notes)


def test_reimporting_the_markdown_export_keeps_the_text_and_the_notes(
    annotated: Library, tmp_path: Path
) -> None:
    before = annotated.state()
    out_dir = tmp_path / "vault"
    code, _, err = annotated.gloss("export", "--out", str(out_dir))
    assert code == 0, err

    code, out, err = annotated.import_(out_dir)

    assert code == 0, err
    assert "0 added, 0 updated, 0 unchanged" in out
    assert "annotations: 0 restored, 0 orphaned, 2 already present, 0 failed" in out
    assert annotated.state() == before
    assert not any(note["orphaned"] for note in annotated.notes())


def test_the_markdown_export_restores_its_notes_in_another_library(
    annotated: Library, article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "vault"
    code, _, err = annotated.gloss("export", "--out", str(out_dir))
    assert code == 0, err
    export = next(out_dir.iterdir()).read_text(encoding="utf-8")
    assert "\ngloss_export: 0.1.0\n" in export.split("\n---\n")[0]
    other = Library(tmp_path / "other", capsys)

    code, _, err = other.import_(out_dir)  # notes before their article: refused, one line each
    assert code == 1
    assert err.count("is not in the library: import the article first") == 2, err

    code, _, err = other.import_(article)
    assert code == 0, err
    code, out, err = other.import_(out_dir)
    assert code == 0, err
    assert "annotations: 2 restored, 0 orphaned, 0 already present, 0 failed" in out
    restored = {n["id"]: n for n in other.notes()}
    original = {n["id"]: n for n in annotated.notes()}
    assert restored.keys() == original.keys()
    for note_id, note in original.items():
        for field in ("body", "quote", "start", "end", "tags", "color", "orphaned"):
            assert restored[note_id][field] == note[field], field
    assert other.text(other.article_id()) == annotated.text(annotated.article_id())


def test_an_export_made_before_the_mark_is_refused_and_changes_nothing(
    annotated: Library, tmp_path: Path
) -> None:
    before = annotated.state()
    code, out, _ = annotated.gloss("export", "--article", annotated.article_id())
    assert code == 0
    old = tmp_path / "old-export.md"  # as Gloss wrote it before exports carried their notes
    old.write_text(
        out.replace("gloss_export: 0.1.0\n", "").split("<!-- gloss-notes")[0], encoding="utf-8"
    )

    code, out, err = annotated.import_(old)

    assert code == 1
    assert err.count("\n") == 1 and str(old) in err and "Gloss Markdown export" in err, err
    assert annotated.state() == before


def test_a_rewrite_sharing_little_with_an_annotated_text_is_refused(
    annotated: Library, tmp_path: Path
) -> None:
    article_id, before = annotated.article_id(), annotated.state()
    rewrite = tmp_path / "rewrite.md"
    rewrite.write_text(
        article_markdown(URL, ["Page moved. Please subscribe to read our journalism."]),
        encoding="utf-8",
    )

    code, _, err = annotated.import_(rewrite)

    assert code == 1
    assert err.count("\n") == 1 and str(rewrite) in err and article_id in err, err
    assert "2 notes" in err
    assert annotated.state() == before


def test_an_edited_text_still_updates_and_moves_its_notes(
    annotated: Library, tmp_path: Path
) -> None:
    article_id = annotated.article_id()
    edited = tmp_path / "edited.md"
    paragraphs = ["Updated on Tuesday with a statement from the council.", *PARAGRAPHS]
    edited.write_text(article_markdown(URL, paragraphs), encoding="utf-8")

    code, out, err = annotated.import_(edited)

    assert code == 0, err
    assert f"updated   {article_id}" in out
    assert "2 notes moved, 0 orphaned" in out
    assert annotated.text(article_id).startswith("Harbour report\n\nUpdated on Tuesday")


def test_an_unannotated_text_may_be_replaced_by_any_text(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library(tmp_path / "lib", capsys)
    code, _, err = library.import_(article)
    assert code == 0, err
    rewrite = tmp_path / "rewrite.md"
    rewrite.write_text(article_markdown(URL, ["A different story altogether."]), encoding="utf-8")

    code, out, err = library.import_(rewrite)

    assert code == 0, err
    assert "1 updated" in out
    assert "A different story altogether." in library.text(library.article_id())
