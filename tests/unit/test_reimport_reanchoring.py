"""Re-importing an edited article keeps its notes on their passages, or orphans them visibly.

A real Wikinews article is imported from a copy; notes are added; the copy is
edited (its front matter, and so its URL and id, stay the same) and imported
again through `gloss import`, as a user would after the article was updated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import WIKINEWS, data_file
from tui.annotations.reanchoring import reanchor_notes
from tui.ingest import read_path
from tui.store import Library

ARTICLE = data_file(
    WIKINEWS / "2019-04-08-540-million-private-facebook-records-found-on-public-internet.md"
)

LATE = "the Amazon S3 Buckets were only secured after Bloomberg contacted Facebook"
EARLY = "two databases containing user data from Facebook were found on Amazon.com web servers"
DOOMED = "The original report was not entirely clear about this point"


class Setup:
    """A library holding the article (from an editable copy) and notes on three passages."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.library = str(tmp_path / "lib")
        self.copy = tmp_path / "article.md"
        self.copy.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
        code, out, err = run(capsys, "import", str(self.copy), "--library", self.library)
        assert code == 0, err
        self.article_id = out.split()[1]
        self.ids = {
            quote: self.add(quote, body) for quote, body in ((LATE, "late"), (EARLY, "early"))
        }
        self.ids[DOOMED] = self.add(DOOMED, "doomed")

    def add(self, quote: str, body: str) -> str:
        code, out, err = run(
            self.capsys, "note", "add", self.article_id, "--quote", quote, "--body", body,
            "--json", "--library", self.library,
        )  # fmt: skip
        assert code == 0, err
        return str(json.loads(out)["id"])

    def edit(self, old: str, new: str) -> None:
        raw = self.copy.read_text(encoding="utf-8")
        assert raw.count(old) == 1
        self.copy.write_text(raw.replace(old, new), encoding="utf-8")

    def reimport(self, *options: str) -> tuple[int, str, str]:
        return run(self.capsys, "import", str(self.copy), *options, "--library", self.library)

    def notes(self) -> dict[str, dict[str, object]]:
        code, out, _ = run(self.capsys, "notes", "--json", "--library", self.library)
        assert code == 0
        return {str(note["body"]): note for note in json.loads(out)}

    def text(self) -> str:
        with Library(Path(self.library)) as library:
            return library.get_article(self.article_id).text


@pytest.fixture
def setup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Setup:
    return Setup(tmp_path, capsys)


def assert_on(text: str, note: dict[str, object], quote: str) -> None:
    start, end = note["start"], note["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert text[start:end] == quote == note["quote"]
    assert note["orphaned"] is False


def test_a_word_changed_before_the_passage_moves_the_notes(setup: Setup) -> None:
    before = setup.notes()
    setup.edit("a report on Wednesday by UpGuard", "a report last Wednesday by UpGuard")
    code, out, _ = setup.reimport()
    assert code == 0
    assert f"updated   {setup.article_id}" in out
    assert "3 notes moved, 0 orphaned" in out
    notes, new_text = setup.notes(), setup.text()
    for body, quote in (("late", LATE), ("early", EARLY), ("doomed", DOOMED)):
        assert_on(new_text, notes[body], quote)
        old_start = before[body]["start"]
        assert isinstance(old_start, int)
        assert notes[body]["start"] == old_start + 2  # "on" -> "last"
        assert notes[body]["id"] == before[body]["id"]


def test_an_edit_after_the_passages_keeps_them_in_place(setup: Setup) -> None:
    before = setup.notes()
    setup.edit("without users' knowledge or consent.", "without users' consent.")
    code, out, _ = setup.reimport()
    assert code == 0
    assert "0 notes moved, 0 orphaned" in out
    after = setup.notes()
    for body in ("late", "early", "doomed"):
        assert (after[body]["start"], after[body]["quote"]) == (
            before[body]["start"],
            before[body]["quote"],
        )
    with Library(Path(setup.library)) as library:
        new_hash = library.get_article(setup.article_id).text_hash
        hashes = {note.selector.text_hash for note in library.notes() if note.selector}
    assert hashes == {new_hash}, "kept notes now point at the new text"


def test_an_inserted_paragraph_moves_the_notes_after_it(setup: Setup) -> None:
    paragraph = "Update: Facebook said it had asked Amazon to take the databases down."
    setup.edit("One of the databases is owned", f"{paragraph}\n\nOne of the databases is owned")
    code, out, _ = setup.reimport("--json")
    assert code == 0
    report = json.loads(out)
    assert report["updated"] == [setup.article_id]
    assert report["notes"]["moved"] == 2  # "late" and "doomed" come after the paragraph
    assert report["notes"]["kept"] == 1
    assert report["notes"]["orphaned"] == 0
    text = setup.text()
    notes = setup.notes()
    for body, quote in (("late", LATE), ("early", EARLY), ("doomed", DOOMED)):
        assert_on(text, notes[body], quote)


def test_a_reworded_passage_is_found_fuzzily(setup: Setup) -> None:
    reworded = (
        "two databases holding user data from Facebook were discovered on Amazon.com web servers"
    )
    setup.edit(EARLY, reworded)
    code, out, _ = setup.reimport()
    assert code == 0
    assert "3 notes moved, 0 orphaned" in out  # the later two shifted by the new wording
    notes = setup.notes()
    assert_on(setup.text(), notes["early"], reworded)
    assert_on(setup.text(), notes["late"], LATE)


def test_a_deleted_passage_orphans_its_note_which_is_still_listed(setup: Setup) -> None:
    sentence = (
        " The original report was not entirely clear about this point, and Wikinews confirmed"
        " with UpGuard that the two incidents involved two separate Amazon S3 buckets."
    )
    setup.edit(sentence, "")
    code, out, _ = setup.reimport()
    assert code == 0
    assert "1 note moved, 1 orphaned" in out  # "late" comes after the deleted sentence
    doomed_id = setup.ids[DOOMED]
    assert f"orphaned  note {doomed_id[:8]} on {setup.article_id}" in out
    notes = setup.notes()
    assert len(notes) == 3, "no note is ever dropped"
    orphan = notes["doomed"]
    assert orphan["orphaned"] is True
    assert orphan["quote"] == DOOMED, "an orphan keeps its old quote"
    assert (orphan["start"], orphan["end"]) == (None, None)
    assert DOOMED not in setup.text()
    code, listing, _ = run(setup.capsys, "notes", "--library", setup.library)
    assert code == 0
    assert f"{doomed_id[:8]}  [note, ORPHANED] “{DOOMED}”" in listing
    assert "1 orphaned" in listing
    # Importing the same file again reports nothing new about notes.
    code, out, _ = setup.reimport()
    assert "orphaned" not in out and "1 unchanged" in out


def test_an_orphan_comes_back_when_its_passage_does(setup: Setup) -> None:
    original = setup.copy.read_text(encoding="utf-8")
    setup.edit(f"{DOOMED}, and Wikinews", "Wikinews")
    setup.reimport()
    assert setup.notes()["doomed"]["orphaned"] is True
    setup.copy.write_text(original, encoding="utf-8")
    code, out, _ = setup.reimport()
    assert code == 0 and "2 notes moved, 0 orphaned" in out  # "doomed" back, "late" shifted
    assert_on(setup.text(), setup.notes()["doomed"], DOOMED)


def test_reanchor_notes_reports_kept_moved_orphaned(setup: Setup) -> None:
    """The function the importer calls, on an Article read from the edited file."""
    setup.edit(f"{DOOMED}, and Wikinews", "Wikinews")
    setup.edit("a report on Wednesday", "a report on Tuesday")
    [edited] = read_path(setup.copy)
    with Library(Path(setup.library)) as library:
        library.add_articles([edited])
        report = reanchor_notes(library, edited)
        assert (report.kept, report.moved, report.orphaned) == (0, 2, 1)
        assert [note.id for note in report.orphaned_notes] == [setup.ids[DOOMED]]
        assert len(library.notes()) == 3
        # Once on the new text, running it again changes nothing.
        again = reanchor_notes(library, edited)
        assert (again.kept, again.moved, again.orphaned) == (2, 0, 0)
