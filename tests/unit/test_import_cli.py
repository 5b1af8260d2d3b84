"""`gloss import` as a script and a person use it: stdin, duplicates, the report, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import tui.importing.importer
from tests.cli_run import run, run_json
from tui.commands.import_progress import MIN_FILES, ImportProgress
from tui.entities import EXTRACTOR_VERSION, extract_entities
from tui.store import Library

STORY = (
    "Angela Merkel met Emmanuel Macron in Berlin on Monday to discuss the budget of the "
    "European Union. The two leaders agreed to meet again in Paris next month."
)
OTHER_STORIES = [
    "Toyota said on Friday that it would build a battery plant in North Carolina, "
    "creating about 1,750 jobs by 2025 according to the governor's office.",
    "The World Health Organization warned that measles cases rose sharply in Europe "
    "last year, with Romania and Kazakhstan reporting the most infections.",
    "Heavy rain flooded parts of Jakarta on Tuesday, forcing thousands of residents to "
    "leave their homes as rivers burst their banks across the Indonesian capital.",
]
JSON_KEYS = {"added", "updated", "unchanged", "duplicates", "failed", "warning"}


def markdown(text: str, url: str | None = None, title: str = "Leaders meet") -> str:
    url_line = f"url: {url}\n" if url else ""
    return f"---\ntitle: {title}\n{url_line}---\n{text}\n"


@pytest.fixture
def library(tmp_path: Path) -> str:
    return str(tmp_path / "lib")


def test_stdin_is_read_and_named_stdin(
    library: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = markdown(STORY, "https://news.example/leaders").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, report = run_json(capsys, "import", "-", "--library", library)
    assert code == 0
    [article_id] = report["added"]
    code, out, _ = run(capsys, "show", article_id, "--json", "--library", library)
    shown = json.loads(out)
    assert (shown["title"], shown["origin"], shown["text"]) == ("Leaders meet", "<stdin>", STORY)


def test_empty_stdin_is_a_failure_named_stdin(
    library: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, out, err = run(capsys, "import", "-", "--library", library)
    assert code == 1
    assert err.splitlines() == ["failed    <stdin>: file is empty"]
    assert out.splitlines()[-1] == (
        "0 added, 0 updated, 0 unchanged, 0 skipped as duplicate, 1 failed"
    )


def test_same_text_is_stored_once_within_a_run_and_across_runs(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "a-first.md"
    first.write_text(markdown(STORY, "https://news.example/leaders"))
    mirror = tmp_path / "b-mirror.md"
    mirror.write_text(markdown(STORY, "https://mirror.example/leaders"))
    bare = tmp_path / "c-bare.txt"
    bare.write_text(STORY)
    code, report = run_json(
        capsys, "import", str(first), str(mirror), str(bare), str(first), "--library", library
    )
    assert code == 0, "duplicates are no failure"
    [kept] = report["added"]
    assert report["duplicates"] == [
        {"file": str(mirror), "title": "Leaders meet", "duplicate_of": kept, "same": "text"},
        {"file": str(bare), "title": "Angela Merkel met Emmanuel Macron in Berlin on Monday "
         "to discuss the budget of the European Union", "duplicate_of": kept, "same": "text"},
        {"file": str(first), "title": "Leaders meet", "duplicate_of": kept, "same": "text"},
    ]  # fmt: skip

    later = tmp_path / "later.md"
    later.write_text(markdown(STORY, "https://aggregator.example/item/9", title="Copy"))
    code, out, _ = run(capsys, "import", str(later), str(first), "--library", library)
    assert code == 0
    assert out.splitlines() == [
        f"duplicate {later}: “Copy” has the same text as {kept}, skipped",
        "0 added, 0 updated, 1 unchanged, 1 skipped as duplicate, 0 failed",
    ]
    with Library(Path(library)) as opened:
        assert sum(1 for s in opened.list_articles() if s.title in {"Leaders meet", "Copy"}) == 1


def test_changed_text_at_the_same_url_is_updated_and_keeps_its_notes(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.md"
    path.write_text(markdown(STORY, "https://news.example/leaders"))
    code, report = run_json(capsys, "import", str(path), "--library", library)
    [article_id] = report["added"]
    code, _, err = run(
        capsys, "note", "add", article_id, "--quote", "agreed to meet again in Paris",
        "--body", "check the date", "--library", library,
    )  # fmt: skip
    assert code == 0, err

    path.write_text(
        markdown("Update: the summit was moved. " + STORY, "https://news.example/leaders")
    )
    code, report = run_json(capsys, "import", str(path), "--library", library)
    assert code == 0
    assert (report["added"], report["updated"], report["duplicates"]) == ([], [article_id], [])
    with Library(Path(library)) as opened:
        assert opened.get_article(article_id).text.startswith("Update: the summit was moved.")
        [note] = opened.notes(article_id)
        assert note.body == "check the date"
        assert note.selector is not None and not note.orphaned
        text = opened.get_article(article_id).text
        assert text[note.selector.start : note.selector.end] == "agreed to meet again in Paris"
        assert opened.extractor_version(article_id) == EXTRACTOR_VERSION


def test_a_metadata_change_keeps_the_entities(
    library: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same article from another file is "updated" (its origin changed), not re-extracted."""
    first = tmp_path / "story.md"
    first.write_text(markdown(STORY, "https://news.example/leaders"))
    code, report = run_json(capsys, "import", str(first), "--library", library)
    [article_id] = report["added"]

    def no_extraction(articles: object) -> object:
        raise AssertionError("entities extracted again for an unchanged text")

    monkeypatch.setattr("tui.importing.entity_pipeline.extract_entities", no_extraction)
    (tmp_path / "moved").mkdir()
    moved = tmp_path / "moved" / "story.md"
    moved.write_text(markdown(STORY, "https://news.example/leaders"))
    code, report = run_json(capsys, "import", str(moved), "--library", library)
    assert (code, report["updated"], report["warning"]) == (0, [article_id], None)
    with Library(Path(library)) as opened:
        assert opened.extractor_version(article_id) == EXTRACTOR_VERSION
        assert any(entity.name == "Angela Merkel" for entity in opened.entities(article_id))


def test_text_report_one_line_per_problem_and_exit_code(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.md"
    good.write_text(markdown(STORY))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(
        capsys, "import", str(good), str(empty), str(tmp_path / "gone.md"), "--library", library
    )
    assert code == 1
    assert err.splitlines() == [
        f"failed    {empty}: file is empty",
        f"failed    {tmp_path / 'gone.md'}: no such file",
    ]
    lines = out.splitlines()
    assert lines[0].startswith("added     ") and lines[0].endswith("  Leaders meet")
    assert lines[-1] == "1 added, 0 updated, 0 unchanged, 0 skipped as duplicate, 2 failed"


def test_json_report_shape(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.md").write_text(markdown(STORY, "https://news.example/1"))
    (tmp_path / "in" / "two.md").write_text(markdown(STORY, "https://news.example/2"))
    (tmp_path / "in" / "bad.json").write_text("{not json")
    code, report = run_json(capsys, "import", str(tmp_path / "in"), "--library", library)
    assert code == 1
    assert set(report) >= JSON_KEYS
    assert all(isinstance(report[key], list) for key in JSON_KEYS - {"warning"})
    assert report["warning"] is None
    [duplicate] = report["duplicates"]
    assert set(duplicate) == {"file", "title", "duplicate_of", "same"}
    [failure] = report["failed"]
    assert set(failure) == {"file", "reason"}
    assert failure["file"] == str(tmp_path / "in" / "bad.json")
    assert failure["reason"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number, text in enumerate([STORY, *OTHER_STORIES] * 2):
        (tmp_path / f"{number}.md").write_text(markdown(text, f"https://news.example/{number}"))
    code, out, err = run(capsys, "import", str(tmp_path), "--library", library)
    assert code == 0
    assert out.splitlines()[-1].startswith("4 added, 0 updated, 0 unchanged, 4 skipped")
    assert err == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_more_than_a_few_files() -> None:
    few = FakeTerminal()
    with ImportProgress(few) as progress:
        progress.update(0, MIN_FILES - 1)
        assert not progress.shown
    assert few.getvalue() == ""
    many = FakeTerminal()
    with ImportProgress(many) as progress:
        progress.update(0, MIN_FILES)
        progress.update(MIN_FILES - 1, MIN_FILES)
        assert progress.shown
    assert "importing" in many.getvalue()
    piped = io.StringIO()
    with ImportProgress(piped) as progress:
        progress.update(0, 1000)
        assert not progress.shown
    assert piped.getvalue() == ""


def test_progress_counts_files_up_to_the_total(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(markdown(STORY))
    (tmp_path / "b.txt").write_bytes(b"")
    calls: list[tuple[int, int]] = []
    with Library(tmp_path / "lib") as library:
        tui.importing.importer.import_paths(library, [tmp_path], lambda *call: calls.append(call))
    assert calls[0] == (0, 2)
    assert calls[-1] == (2, 2)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_helper_processes_find_the_same_entities(
    library: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Several batches: entities come from helper processes while the next batch is stored."""
    monkeypatch.setattr(tui.importing.importer, "BATCH_SIZE", 2)
    for number, text in enumerate([STORY, *OTHER_STORIES]):
        (tmp_path / f"{number}.md").write_text(markdown(text, f"https://news.example/{number}"))
    code, report = run_json(capsys, "import", str(tmp_path), "--library", library)
    assert code == 0
    assert len(report["added"]) == 4
    with Library(Path(library)) as opened:
        for article_id in report["added"]:
            article = opened.get_article(article_id)
            assert opened.extractor_version(article_id) == EXTRACTOR_VERSION
            assert opened.entities(article_id) == extract_entities([article])[0]
        assert any(e.name == "Angela Merkel" for a in report["added"] for e in opened.entities(a))


def test_reindex_in_several_batches_goes_through_the_helpers(
    library: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for number, text in enumerate([STORY, *OTHER_STORIES]):
        (tmp_path / f"{number}.md").write_text(markdown(text, f"https://news.example/{number}"))
    code, report = run_json(capsys, "import", str(tmp_path), "--library", library)
    with Library(Path(library)) as opened:
        before = {i: opened.entities(i) for i in opened.article_ids()}
        for article_id in report["added"]:
            opened.set_entities_many([(article_id, [])], "an old extractor")
    monkeypatch.setattr(tui.importing.importer, "BATCH_SIZE", 2)
    code, out, _ = run(capsys, "reindex", "--library", library)
    assert (code, out) == (0, "4 articles reindexed\n")
    with Library(Path(library)) as opened:
        assert {i: opened.entities(i) for i in opened.article_ids()} == before
        assert {opened.extractor_version(i) for i in before} == {EXTRACTOR_VERSION}
