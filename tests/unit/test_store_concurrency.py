"""Several Library objects and processes on one folder, kill -9, and what a note save touches."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tui.models import Article, Block, Entity, Mention, Note, ReadingState
from tui.store import Library

REPO = Path(__file__).resolve().parents[2]
ARTICLE = Article(
    id="ab12cd34ef56",
    title="Title",
    text="Title\n\nSome words here.",
    blocks=(Block("heading", 0, 5), Block("paragraph", 7, 23)),
)
OTHER = Article(
    id="cd34ef56ab12",
    title="Other",
    text="Other\n\nMore words.",
    blocks=(Block("heading", 0, 5), Block("paragraph", 7, 18)),
)


def new_library(folder: Path) -> None:
    with Library(folder) as lib:
        lib.add_articles([ARTICLE, OTHER])


def test_two_libraries_interleaving_writes_lose_nothing(tmp_path: Path) -> None:
    new_library(tmp_path)
    first, second = Library(tmp_path), Library(tmp_path)
    for i in range(15):
        first.add_note(Note("", ARTICLE.id, f"first {i}"))
        second.add_note(Note("", ARTICLE.id, f"second {i}"))
        first.save_reading_state(ReadingState(ARTICLE.id, position=i))
        second.save_reading_state(ReadingState(OTHER.id, position=i))
    first.set_entities(ARTICLE.id, [Entity("Title", "other", (), (Mention(0, 5, "Title"),))], "v")
    second.set_entities(OTHER.id, [], "v")
    for lib in (first, second):
        assert len(lib.notes()) == 30
        assert lib.reading_state(ARTICLE.id).position == 14
        assert lib.reading_state(OTHER.id).position == 14
        assert lib.extractor_version(ARTICLE.id) == lib.extractor_version(OTHER.id) == "v"
    note = first.notes()[0]
    second.delete_note(note.id)
    assert note not in first.notes()
    first.close()
    second.close()


def _add_notes_in_process(folder: str, name: str, count: int, start: Any) -> None:
    start.wait(timeout=30)
    with Library(Path(folder)) as lib:
        for i in range(count):
            lib.add_note(Note("", ARTICLE.id, f"{name} {i}"))


def test_two_processes_adding_notes_concurrently(tmp_path: Path) -> None:
    new_library(tmp_path)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_add_notes_in_process, args=(str(tmp_path), name, 50, start))
        for name in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    with Library(tmp_path) as lib:
        bodies = {note.body for note in lib.notes()}
    assert bodies == {f"{name} {i}" for name in ("left", "right") for i in range(50)}


_CHILD = """
import sys
from pathlib import Path
from tui.models import Note, ReadingState
from tui.store import Library

lib = Library(Path(sys.argv[1]))
article_id, n = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
while True:
    note = lib.add_note(Note("", article_id, f"note {n}"))
    print(note.id, n, flush=True)
    lib.save_reading_state(ReadingState(article_id, position=n))
    n += 1
"""


def test_kill_9_never_loses_a_saved_note_or_breaks_the_library(tmp_path: Path) -> None:
    new_library(tmp_path)
    rng = random.Random(1234)
    saved: dict[str, int] = {}  # note id -> its number, as printed by the children
    min_position = 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _round in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), ARTICLE.id, str(len(saved))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.stderr and child.stderr.read()
        time.sleep(rng.uniform(0.005, 0.15))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err
        printed = [line.split() for line in out.split("\n")[:-1]]  # drop a half-printed line
        saved.update((note_id, int(n)) for note_id, n in printed)
        if len(printed) >= 2:  # the child saved state n-1 before adding note n
            min_position = int(printed[-2][1])

        with Library(tmp_path) as lib:
            notes = {note.id: note for note in lib.notes(ARTICLE.id)}
            assert set(saved) <= set(notes)
            assert lib.reading_state(ARTICLE.id).position >= min_position
            assert lib.get_article(ARTICLE.id) == ARTICLE
        assert not list(tmp_path.glob("*.corrupt-*"))
    assert len(saved) > 10
    assert not list(tmp_path.glob(".*.tmp"))


def test_note_and_reading_saves_never_touch_the_catalog_or_bodies(tmp_path: Path) -> None:
    new_library(tmp_path)
    with Library(tmp_path) as lib:
        lib.set_entities(ARTICLE.id, [], "v")
        watched = [
            tmp_path / "catalog.json",
            tmp_path / "catalog.json.bak",
            *(tmp_path / "bodies").glob("*.json"),
        ]
        assert len(watched) == 4

        def stats() -> list[tuple[int, int]]:
            return [(p.stat().st_mtime_ns, p.stat().st_ino) for p in watched]

        before = stats()
        time.sleep(0.01)
        note = lib.add_note(Note("", ARTICLE.id, "hello"))
        lib.update_note(Note(note.id, ARTICLE.id, "changed"))
        lib.save_reading_state(ReadingState(ARTICLE.id, position=5, read=True))
        lib.delete_note(note.id)
        lib.add_note(note)
        assert stats() == before
