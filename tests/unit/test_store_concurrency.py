"""Several Library objects and processes on one folder, kill -9, and what a note save touches."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.annotations.anchoring import make_selector
from tui.models import HIGHLIGHT_COLORS, Article, Block, Entity, Mention, Note
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
        first.save_position(ARTICLE.id, i)
        second.save_position(OTHER.id, i)
    first.set_entities_many(
        [(ARTICLE.id, [Entity("Title", "other", (), (Mention(0, 5, "Title"),))])], "v"
    )
    second.set_entities_many([(OTHER.id, [])], "v")
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


ROUNDS = 30


def _annotate_in_process(folder: str, name: str, start: Any) -> None:
    """One reader's session: notes and highlights added, edited and deleted on both
    articles, and its own fields of the reading states (the other reader sets the rest)."""
    start.wait(timeout=30)
    with Library(Path(folder)) as lib:
        for i in range(ROUNDS):
            article = (ARTICLE, OTHER)[i % 2]
            note = lib.add_note(Note(f"{name}-{i}", article.id, f"{name} {i}", tags=(name,)))
            lib.add_note(
                Note(
                    f"{name}-h{i}",
                    article.id,
                    selector=make_selector(article.text, 7 + i % 5, 12 + i % 5),
                    color=HIGHLIGHT_COLORS[i % 4],
                )
            )
            if i % 3 == 1:
                lib.update_note(replace(note, body=f"{name} {i} edited"))
            elif i % 3 == 2:
                lib.delete_note(note.id)
            if name == "left":
                lib.set_starred(ARTICLE.id, i % 2 == 1)
                lib.set_read(ARTICLE.id, i % 3 != 0)
                lib.save_position(OTHER.id, 10 * i)
            else:
                lib.set_article_tags(ARTICLE.id, [f"t{i}"])
                lib.save_position(ARTICLE.id, 7 * i)
                lib.set_starred(OTHER.id, i % 2 == 1)
                lib.set_article_tags(OTHER.id, [f"r{i}"])


def expected_notes(name: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Note id -> (body, colour, quoted words) after _annotate_in_process."""
    notes: dict[str, tuple[str, str | None, str | None]] = {}
    for i in range(ROUNDS):
        article = (ARTICLE, OTHER)[i % 2]
        if i % 3 != 2:
            notes[f"{name}-{i}"] = (f"{name} {i}" + (" edited" if i % 3 == 1 else ""), None, None)
        notes[f"{name}-h{i}"] = ("", HIGHLIGHT_COLORS[i % 4], article.text[7 + i % 5 : 12 + i % 5])
    return notes


def test_two_processes_annotating_at_once_keep_exactly_the_union(tmp_path: Path) -> None:
    """Two readers on one library at the same moment: no note, edit, delete or state field
    of one is lost or undone by the other, and every file still parses."""
    new_library(tmp_path)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_annotate_in_process, args=(str(tmp_path), name, start))
        for name in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    for path in [*tmp_path.glob("*.json"), *tmp_path.glob("*.json.bak")]:
        assert isinstance(json.loads(path.read_bytes()), dict), path
    assert not list(tmp_path.glob("*.corrupt-*"))
    assert not list(tmp_path.glob(".*.tmp"))
    with Library(tmp_path) as lib:
        stored = {
            note.id: (note.body, note.color, note.selector.exact if note.selector else None)
            for note in lib.notes()
        }
        assert stored == expected_notes("left") | expected_notes("right")
        last = ROUNDS - 1
        article, other = lib.reading_state(ARTICLE.id), lib.reading_state(OTHER.id)
    assert (article.starred, article.read, article.tags) == (True, True, (f"t{last}",))
    assert article.position == 7 * last
    assert (other.starred, other.tags, other.position) == (True, (f"r{last}",), 10 * last)
    assert article.last_read is not None and other.last_read is not None


_CHILD = """
import random, sys
from dataclasses import replace
from pathlib import Path
from tui.models import Note
from tui.store import Library

lib = Library(Path(sys.argv[1]))
article_id, round_ = sys.argv[2], int(sys.argv[3])
rng = random.Random(round_)
live = {note.id: note for note in lib.notes()}
print("ready", flush=True)
n = 0
while True:
    n += 1
    roll = rng.random()
    if roll < 0.5 or not live:
        note = Note(f"r{round_}n{n}", article_id, f"note {round_} {n}")
        print("try add", note.id, note.body, flush=True)
        live[note.id] = lib.add_note(note)
        print("done add", note.id, note.body, flush=True)
    elif roll < 0.7:
        note = replace(live[rng.choice(sorted(live))], body=f"edit {round_} {n}")
        print("try update", note.id, note.body, flush=True)
        live[note.id] = lib.update_note(note)
        print("done update", note.id, note.body, flush=True)
    elif roll < 0.85:
        note_id = rng.choice(sorted(live))
        print("try delete", note_id, flush=True)
        del live[lib.delete_note(note_id).id]
        print("done delete", note_id, flush=True)
    else:
        print("try position", n, flush=True)
        lib.save_position(article_id, n)
        print("done position", n, flush=True)
"""


def test_kill_9_never_loses_a_saved_note_or_breaks_the_library(tmp_path: Path) -> None:
    """Only the call in flight at the kill may or may not have happened; every returned
    add, update, delete and reading-state save is on disk and the library opens."""
    new_library(tmp_path)
    rng = random.Random(1234)
    notes: dict[str, str] = {}  # note id -> body, as the returned saves left them
    position = 0
    confirmed = 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for round_ in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), ARTICLE.id, str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.stderr and child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        # Not communicate(): it reads the pipe's fd and would miss lines readline() buffered.
        out = child.stdout.read()
        assert child.wait(timeout=30) == -signal.SIGKILL, child.stderr and child.stderr.read()
        pending: list[str] | None = None
        for line in out.split("\n")[:-1]:  # drop a half-printed line
            step, kind, key, *rest = line.split(" ", 3)
            if step == "try":
                pending = [kind, key, *rest]
                continue
            pending, confirmed = None, confirmed + 1
            if kind in ("add", "update"):
                notes[key] = rest[0]
            elif kind == "delete":
                del notes[key]
            else:
                position = int(key)

        assert not list(tmp_path.glob("*.corrupt-*"))
        with Library(tmp_path) as lib:
            stored = {note.id: note.body for note in lib.notes(ARTICLE.id)}
            stored_position = lib.reading_state(ARTICLE.id).position
            assert lib.get_article(ARTICLE.id) == ARTICLE
        if pending is not None:  # it happened or it did not: either is fine, then it is the truth
            kind, key, *rest = pending
            if kind in ("add", "update") and stored.get(key) == rest[0]:
                notes[key] = rest[0]
            elif kind == "delete" and key not in stored:
                notes.pop(key, None)
            elif kind == "position" and stored_position == int(key):
                position = int(key)
        assert stored == notes
        assert stored_position == position
        assert not list(tmp_path.glob("*.corrupt-*"))
        assert not list(tmp_path.glob(".*.tmp")), "opening sweeps what a killed writer left"
    assert confirmed > 30


def test_note_and_reading_saves_never_touch_the_catalog_or_bodies(tmp_path: Path) -> None:
    new_library(tmp_path)
    with Library(tmp_path) as lib:
        lib.set_entities_many([(ARTICLE.id, [])], "v")
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
        lib.save_position(ARTICLE.id, 5)
        lib.set_read(ARTICLE.id, True)
        lib.delete_note(note.id)
        lib.add_note(note)
        assert stats() == before
