"""`gloss import` stopped by kill -9, SIGTERM or ctrl+c: no helper process outlives it.

Real processes, real signals: `gloss import` runs in a session of its own,
either of a generated folder large enough that its two entity helpers start,
or of one long file, which the recogniser splits with a worker process of
its own. Once those processes are up, gloss is signalled. Its process group
is then read from /proc until no live process is left in it (the wait is a
guard against a hang, not a speed check), and the library must open with
every article it reported.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.data_paths import REPO, SEED, wikinews_files
from tui.ingest import read_path
from tui.store import Library

ARTICLES = 320  # five batches: the helpers start with the first one
LONG_FILE_PARAGRAPHS = 600  # about 300 KB: the recogniser starts its worker
HANG_GUARD = 30.0  # seconds: generous, only so that a broken build cannot hang the suite
START_GUARD = 180.0


def paragraphs() -> list[str]:
    return [
        paragraph
        for path in wikinews_files()
        for paragraph in read_path(path)[0].text.split("\n\n")
        if len(paragraph.split()) >= 20
    ]


def write_articles(tmp_path: Path, kind: str) -> Path:
    """A folder of unique articles of five real paragraphs each, or one long article."""
    real = paragraphs()
    if kind == "long file":
        long = tmp_path / "long.txt"
        body = [real[k % len(real)] for k in range(LONG_FILE_PARAGRAPHS)]
        long.write_text("\n\n".join(body), encoding="utf-8")
        return long
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        body = [real[(number * 5 + k) % len(real)] for k in range(5)]
        text = "\n\n".join([*body, f"Dispatch {number} ends here."])
        (folder / f"{number:04}.txt").write_text(text, encoding="utf-8")
    return folder


def group_members(group: int) -> list[tuple[int, str]]:
    """Live processes (not zombies) of a process group: (pid, command line)."""
    found: list[tuple[int, str]] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it ended while we looked
            continue
        state, _parent, process_group = stat.rsplit(")", 1)[1].split()[:3]
        if int(process_group) == group and state != "Z":
            found.append((int(entry.name), command))
    return found


def start_import(tmp_path: Path, kind: str) -> tuple[subprocess.Popen[bytes], Path, Path, Path]:
    """`gloss import` running, its worker processes started; its output goes to files."""
    source, library = write_articles(tmp_path, kind), tmp_path / "library"
    workers = 1 if kind == "long file" else 2
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        gloss = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "import", str(source), "--library", str(library)],
            stdout=stdout,
            stderr=stderr,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            start_new_session=True,  # its own process group, as a shell job would be
        )
    deadline = time.monotonic() + START_GUARD
    while len(helpers(gloss.pid)) < workers:
        assert gloss.poll() is None, err.read_text()
        assert time.monotonic() < deadline, "the worker processes never started"
        time.sleep(0.1)
    return gloss, library, out, err


def helpers(group: int) -> list[tuple[int, str]]:
    return [(pid, cmd) for pid, cmd in group_members(group) if pid != group and "spawn" in cmd]


def wait_until_group_is_gone(group: int) -> list[tuple[int, str]]:
    deadline = time.monotonic() + HANG_GUARD
    while (left := group_members(group)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def library_articles(library: Path) -> set[str]:
    """The ids of the articles imported (not the bundled one a new library starts with),
    each with its text readable."""
    with Library(library) as opened:
        ids = opened.article_ids()
        for article_id in ids:
            assert opened.get_article(article_id).text
    return set(ids) - {read_path(SEED)[0].id}


def reported_added(out: str) -> set[str]:
    return {line.split()[1] for line in out.splitlines() if line.startswith("added ")}


@pytest.mark.parametrize("kind", ["folder", "long file"])
def test_kill_9_leaves_no_helper_behind(tmp_path: Path, kind: str) -> None:
    gloss, library, _, _ = start_import(tmp_path, kind)
    gloss.kill()
    assert gloss.wait(timeout=HANG_GUARD) == -signal.SIGKILL
    assert wait_until_group_is_gone(gloss.pid) == []
    assert library_articles(library)  # stored before their entities are looked for


@pytest.mark.parametrize(
    ("kind", "stop", "code", "name"),
    [
        ("folder", signal.SIGTERM, 143, "SIGTERM"),
        ("long file", signal.SIGTERM, 143, "SIGTERM"),
        ("folder", signal.SIGINT, 130, "ctrl+c"),
    ],
    ids=["sigterm", "sigterm-long-file", "ctrl-c"],
)
def test_a_stopped_import_reports_what_it_stored(
    tmp_path: Path, kind: str, stop: signal.Signals, code: int, name: str
) -> None:
    gloss, library, out, err = start_import(tmp_path, kind)
    if stop == signal.SIGINT:
        os.killpg(gloss.pid, stop)  # a terminal's ctrl+c reaches the whole group
    else:
        gloss.send_signal(stop)  # a service manager's stop reaches the one process
    assert gloss.wait(timeout=HANG_GUARD) == code, err.read_text()
    assert wait_until_group_is_gone(gloss.pid) == []
    printed, problems = out.read_text(), err.read_text()
    stored = library_articles(library)
    added = reported_added(printed)
    assert added and added == stored
    assert f"{len(added)} added, 0 updated" in printed
    stop_line = f"gloss: import stopped ({name}): {len(added)} articles stored"
    assert stop_line in problems
    assert "Traceback" not in problems
