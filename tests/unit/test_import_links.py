"""`gloss import` and what a folder may hold besides files: links that lead out of it,
named pipes and devices. None of them is read unasked, and none is ever waited on."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run, run_json
from tests.data_paths import REPO
from tui.store import Library

STORY = (
    "Angela Merkel met Emmanuel Macron in Berlin on Monday to discuss the budget of the "
    "European Union. The two leaders agreed to meet again in Paris next month."
)
SECRET = (
    "root password hunter2 is written in this private file outside the imported folder, "
    "which no import of the folder may read unless the user asks for links to be followed."
)
LINKED = (
    "Heavy rain flooded parts of Jakarta on Tuesday, forcing thousands of residents to "
    "leave their homes as rivers burst their banks across the Indonesian capital."
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """news/ holds an article, a link to a private file, a link to a folder outside, a link
    back to itself and a link to a file inside it; the private file and folder are outside,
    and that folder holds a link to itself."""
    (tmp_path / "private.txt").write_text(f"Private\n\n{SECRET}\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "rain.txt").write_text(f"Rain\n\n{LINKED}\n")
    (tmp_path / "elsewhere" / "again").symlink_to(tmp_path / "elsewhere")
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "sub" / "story.txt").write_text(f"Leaders meet\n\n{STORY}\n")
    (news / "shadow.txt").symlink_to(tmp_path / "private.txt")
    (news / "more").symlink_to(tmp_path / "elsewhere")
    (news / "loop").symlink_to(news)
    (news / "same.txt").symlink_to(news / "sub" / "story.txt")
    return news


def folder_with_a_story(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text(f"Leaders meet\n\n{STORY}\n")
    return news


def stored_texts(library: Path) -> list[str]:
    """Which of this test's texts the library holds (an empty one gets the bundled article)."""
    with Library(library) as opened:
        texts = [opened.get_article(i).text for i in opened.article_ids()]
    return sorted(ours for ours in (STORY, SECRET, LINKED) for text in texts if ours in text)


def test_links_out_of_the_folder_are_skipped_with_a_reason(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    code, out, err = run(capsys, "import", str(folder), "--library", str(library))
    assert (code, err) == (0, "")
    reason = "a link to outside the folder being imported (--follow-links imports it)"
    assert f"skipped   {folder / 'more'}: {reason}" in out.splitlines()
    assert f"skipped   {folder / 'shadow.txt'}: {reason}" in out.splitlines()
    assert out.splitlines()[-1] == (
        "1 added, 0 updated, 0 unchanged, 1 skipped as duplicate, 0 failed, 2 skipped"
    )
    assert stored_texts(library) == [STORY]  # the link inside it (same.txt) is a duplicate
    code, report = run_json(capsys, "import", str(folder), "--library", str(library))
    assert code == 0
    assert sorted(report["skipped"], key=lambda s: s["file"]) == [
        {"file": str(folder / "more"), "reason": reason},
        {"file": str(folder / "shadow.txt"), "reason": reason},
    ]


def test_follow_links_imports_what_they_lead_to_and_stops_at_loops(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    args = ["import", str(folder), "--follow-links", "--library", str(library)]
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    assert "skipped  " not in out
    assert stored_texts(library) == sorted([STORY, SECRET, LINKED])


def test_a_link_given_by_name_is_read(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The user named it: there is no folder for it to leave."""
    library = tmp_path / "lib"
    code, _, err = run(capsys, "import", str(folder / "shadow.txt"), "--library", str(library))
    assert (code, err) == (0, "")
    assert stored_texts(library) == [SECRET]


def test_a_broken_link_in_a_folder_is_skipped_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    news = folder_with_a_story(tmp_path)
    (news / "gone.txt").symlink_to(news / "deleted.txt")
    code, out, _ = run(capsys, "import", str(news), "--library", str(tmp_path / "lib"))
    assert code == 0
    assert f"skipped   {news / 'gone.txt'}: a link to nothing (its target is gone)" in out


def gloss(*args: str) -> subprocess.CompletedProcess[str]:
    """A real `gloss` process: a read that waits on a pipe fails the test by its timeout."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def special_files(folder: Path) -> dict[str, str]:
    """A named pipe and, where the system lets us make one, a character device (/dev/null's)."""
    os.mkfifo(folder / "pipe")
    made = {"pipe": "a named pipe"}
    try:
        os.mknod(folder / "null", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        made["null"] = "a character device"
    except (PermissionError, OSError):
        pass
    return made


def test_a_pipe_or_device_given_by_name_is_refused_in_one_line(tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    for name, kind in special_files(tmp_path).items():
        result = gloss("import", str(tmp_path / name), "--library", library)
        assert result.returncode == 1
        assert result.stderr == f"failed    {tmp_path / name}: {kind}, not a file; not read\n"
        result = gloss("entities", str(tmp_path / name), "--library", library)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == f"gloss: {tmp_path / name}: {kind}, not a file; not read\n"


def test_a_pipe_or_device_in_a_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    news = folder_with_a_story(tmp_path)
    made = special_files(news)
    (news / "to-pipe").symlink_to(news / "pipe")
    result = gloss("import", str(news), "--library", str(tmp_path / "lib"))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    for name, kind in made.items():
        assert f"skipped   {news / name}: {kind}, not a file; not read" in lines
    assert f"skipped   {news / 'to-pipe'}: a named pipe, not a file; not read" in lines
    assert lines[-1].endswith(f"0 failed, {len(made) + 1} skipped")
    assert stored_texts(tmp_path / "lib") == [STORY]


def test_the_library_folder_is_never_read_even_through_a_followed_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    news = folder_with_a_story(tmp_path)

    def imported_the_story_alone(*args: str) -> None:
        code, report = run_json(capsys, "import", str(news), *args)
        assert (code, report["failed"], report["skipped"]) == (0, [], []), args
        assert len(report["added"]) + len(report["unchanged"]) == 1

    for _ in range(2):  # the second time, the library in the folder has files
        imported_the_story_alone("--library", str(news / "lib"))
    shutil.rmtree(news / "lib")
    (news / "to-library").symlink_to(tmp_path / "lib")
    (news / "to-catalog.json").symlink_to(tmp_path / "lib" / "catalog.json")
    for _ in range(2):
        imported_the_story_alone("--follow-links", "--library", str(tmp_path / "lib"))
