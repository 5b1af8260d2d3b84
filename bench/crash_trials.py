"""Fault trials: a process saving notes is killed with SIGKILL at random moments.

Each trial starts a child process that opens the library the way the app does
(Library(), the first article, its notes, a search) and then saves in a loop:
notes and highlights added, updated and deleted, reading states saved and
articles starred. Before each save it prints what it is about to do ("try")
and after the call returns what was stored ("done"), one JSON line each,
flushed. The parent kills it with SIGKILL after a random delay: in a fifth of
the trials 0-400 ms from spawn (start-up, open or saves); in three tenths
0-1.5x the measured open time after the child says it is opening; in the
other half 0-400 ms after the child says it is ready (saves).
Before a third of the open-aimed trials the search index is deleted, so the
open rebuilds and writes it; before another third the library is put back in
the schema-1 layout (every note in user.json, no notes shards), so the open
migrates it, moving the notes to their shards.

After every kill the parent checks, before opening anything, that every data
file (catalog, user data, body shards, their .bak copies, the search index)
still parses; then it opens the Library and checks through the public API that
every note whose save returned is there exactly as returned, deleted notes are
gone, no unknown note appeared, reading states are the last returned ones, and
the articles are intact. The one call in flight when the kill came may have
happened or not, but nothing else. No `*.corrupt-*` file may appear, and the
user and catalog temp files a kill leaves behind are gone once the library is
opened again (shards sweep theirs at their next write, the search index's by age).

Usage: python bench/crash_trials.py [--trials 100] [--seed 7] [--no-record]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

from tests.data_paths import wikinews_files  # noqa: E402
from tui.annotations.anchoring import make_selector  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import HIGHLIGHT_COLORS, Note, ReadingState  # noqa: E402
from tui.search import SearchIndex  # noqa: E402
from tui.store import Library  # noqa: E402

SEED_ARTICLE = ROOT / "content" / "000_d50ad6537b36c490.txt"
HEADING = "## Fault trials: crash (SIGKILL)"
MAX_DELAY = 0.4
AIMS = {"spawn": 0.2, "open": 0.3, "saves": 0.5}  # when the kill is aimed: share of trials
OPEN_VARIANTS = ("plain", "index rebuilt", "schema 1 migrated")  # what the open has to do
Record = dict[str, Any]


def plain(value: Any) -> Any:
    """A Note or ReadingState as JSON-comparable data (tuples become lists)."""
    return json.loads(json.dumps(dataclasses.asdict(value)))


def without(record: Record, *fields: str) -> Record:
    return {key: value for key, value in record.items() if key not in fields}


# -- the child: open like the app, then save until killed ---------------------------------


def emit(**line: Any) -> None:
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def child(folder: Path, seed: int, trial: int) -> None:
    rng = random.Random(seed)
    emit(stage="opening")
    started = time.perf_counter()
    lib = Library(folder)
    ids = lib.article_ids()
    lib.get_article(ids[0])
    lib.notes(ids[0])
    lib.reading_state(ids[0])
    lib.search("")  # rebuilds and saves the search index if it is missing
    emit(stage="ready", ms=(time.perf_counter() - started) * 1000)
    live = {note.id: note for note in lib.notes()}
    states = lib.reading_states()
    texts: dict[str, str] = {}
    step = 0
    while True:
        step += 1
        roll = rng.random()
        article_id = rng.choice(ids)
        if roll < 0.4 or not live:
            if article_id not in texts:
                texts[article_id] = lib.get_article(article_id).text
            text = texts[article_id]
            start = rng.randrange(0, len(text) - 40)
            highlight = rng.random() < 0.4
            note = Note(
                id=f"{trial:03d}{step:05d}{rng.getrandbits(40):010x}",
                article_id=article_id,
                body="" if highlight else f"trial {trial} note {step} #crash",
                selector=make_selector(text, start, start + rng.randint(1, 40)),
                color=rng.choice(HIGHLIGHT_COLORS) if highlight else None,
                tags=() if highlight else ("crash",),
            )
            emit(step="try", op="add", note=plain(note))
            stored = lib.add_note(note)
            live[stored.id] = stored
            emit(step="done", op="add", note=plain(stored))
        elif roll < 0.65:
            old = live[rng.choice(sorted(live))]
            wanted = dataclasses.replace(
                old, body=f"trial {trial} update {step}", tags=("edited",), color=None
            )
            emit(step="try", op="update", note=plain(wanted))
            stored = lib.update_note(wanted)
            live[stored.id] = stored
            emit(step="done", op="update", note=plain(stored))
        elif roll < 0.8:
            note_id = rng.choice(sorted(live))
            emit(step="try", op="delete", id=note_id)
            lib.delete_note(note_id)
            del live[note_id]
            emit(step="done", op="delete", id=note_id)
        elif roll < 0.92:
            old_state = states.get(article_id, ReadingState(article_id))
            tags = tuple(rng.sample(["world", "tech", "later"], rng.randint(0, 2)))
            state = dataclasses.replace(old_state, tags=tags)
            emit(step="try", op="state", state=plain(state))
            state = lib.set_article_tags(article_id, tags)
            states[article_id] = state
            emit(step="done", op="state", state=plain(state))
        else:
            old_state = states.get(article_id, ReadingState(article_id))
            wanted_state = dataclasses.replace(old_state, starred=not old_state.starred)
            emit(step="try", op="star", state=plain(wanted_state))
            stored_state = lib.set_starred(article_id, wanted_state.starred)
            states[article_id] = stored_state
            emit(step="done", op="star", state=plain(stored_state))


# -- the parent: what the library must hold after each kill ------------------------------


@dataclasses.dataclass
class Expected:
    """What the returned saves say the library holds."""

    notes: dict[str, Record] = dataclasses.field(default_factory=dict)
    states: dict[str, Record] = dataclasses.field(default_factory=dict)

    def apply(self, line: Record) -> None:
        op = line["op"]
        if op in ("add", "update"):
            self.notes[line["note"]["id"]] = line["note"]
        elif op == "delete":
            del self.notes[line["id"]]
        else:
            self.states[line["state"]["article_id"]] = line["state"]


@dataclasses.dataclass
class Totals:
    trials: int = 0
    killed_at: Counter[str] = dataclasses.field(default_factory=Counter)
    aimed: Counter[str] = dataclasses.field(default_factory=Counter)
    confirmed: Counter[str] = dataclasses.field(default_factory=Counter)
    in_flight: Counter[str] = dataclasses.field(default_factory=Counter)
    notes_checked: int = 0
    states_checked: int = 0
    temp_left: set[Path] = dataclasses.field(default_factory=set)
    index_temp_left: set[str] = dataclasses.field(default_factory=set)
    open_variants: Counter[str] = dataclasses.field(default_factory=Counter)
    shard_temp_left: set[Path] = dataclasses.field(default_factory=set)
    temp_at_end: int = 0
    failures: list[str] = dataclasses.field(default_factory=list)


def data_files(folder: Path) -> list[Path]:
    """catalog.json, user.json, every body and notes shard, and their .bak copies."""
    return sorted([*folder.rglob("*.json"), *folder.rglob("*.json.bak")])


def temp_files(folder: Path) -> list[Path]:
    """Hidden temp files of killed writers, outside the search index's folder."""
    return [path for path in folder.rglob(".*.tmp") if path.parent.name != "search"]


def as_schema_1(folder: Path) -> None:
    """Put the library back in the schema-1 layout: every note in user.json, no shards.

    What a library written by the Gloss before notes shards looks like, so the
    next open has to move the notes out again.
    """
    user = orjson.loads((folder / "user.json").read_bytes())
    notes: dict[str, Any] = {}
    for shard in sorted((folder / "notes").glob("*.json")):
        for doc in orjson.loads(shard.read_bytes()).get("notes", {}).values():
            notes[str(len(notes) + 1)] = doc
    user["notes"] = notes
    for name, tables in (("user.json", user), ("catalog.json", None)):
        data = tables or orjson.loads((folder / name).read_bytes())
        data["meta"]["1"]["schema"] = 1
        staged = folder / f"{name}.staged"
        staged.write_bytes(orjson.dumps(data))
        os.replace(staged, folder / name)
    shutil.rmtree(folder / "notes", ignore_errors=True)


def file_problems(folder: Path) -> list[str]:
    """Every data file parses (checked before the Library could move a bad one aside)."""
    problems = []
    for path in data_files(folder):
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError) as error:
            problems.append(f"{path.name} does not parse: {error}")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name} is not a JSON object")
    index = folder / "search" / "index.bin"
    if index.exists():
        delta = folder / "search" / "index.delta"
        try:
            SearchIndex.from_bytes(
                index.read_bytes(), delta.read_bytes() if delta.exists() else None
            )
        except Exception as error:  # any failure is the finding
            problems.append(f"search/index.bin does not load: {type(error).__name__}: {error}")
    return problems


def check_notes(
    stored: dict[str, Record], expected: Expected, pending: Record | None
) -> tuple[list[str], bool]:
    """Problems, and whether the call in flight took effect."""
    problems = []
    applied = False
    touched = None
    if pending is not None and pending["op"] in ("add", "update"):
        touched = pending["note"]["id"]
    elif pending is not None and pending["op"] == "delete":
        touched = pending["id"]
    for note_id, want in expected.notes.items():
        got = stored.get(note_id)
        if note_id == touched:
            if pending is not None and pending["op"] == "delete" and got is None:
                applied = True
                continue
            updated = pending is not None and pending["op"] == "update" and got is not None
            if updated and without(got, "updated") == without(pending["note"], "updated"):
                applied = got != want
                continue
        if got is None:
            problems.append(f"note {note_id} ({want['body'] or 'highlight'!r}) is lost")
        elif got != want:
            problems.append(f"note {note_id} is {got} instead of the returned {want}")
    for note_id, got in stored.items():
        if note_id in expected.notes:
            continue
        in_flight_add = pending is not None and pending["op"] == "add" and note_id == touched
        if in_flight_add and pending is not None:
            fields = ("created", "updated")
            if without(got, *fields) == without(pending["note"], *fields):
                applied = True
                continue
        problems.append(f"note {note_id} should not be there: {got}")
    return problems, applied


def check_states(
    lib: Library, expected: Expected, pending: Record | None
) -> tuple[list[str], bool, int]:
    problems = []
    applied = False
    wanted = dict(expected.states)
    if pending is not None and pending["op"] in ("state", "star"):
        wanted.setdefault(
            pending["state"]["article_id"], plain(ReadingState(pending["state"]["article_id"]))
        )
    for article_id, want in wanted.items():
        got = plain(lib.reading_state(article_id))
        if got == want:
            continue
        if pending is not None and pending.get("state") == got:
            applied = True
            continue
        problems.append(f"reading state of {article_id} is {got} instead of {want}")
    return problems, applied, len(wanted)


def run_trial(
    folder: Path,
    trial: int,
    rng: random.Random,
    expected: Expected,
    totals: Totals,
    open_windows: dict[str, float],
    article_count: int,
) -> None:
    aim = rng.choices(list(AIMS), weights=list(AIMS.values()))[0]
    variant = rng.choice(OPEN_VARIANTS) if aim == "open" else "plain"
    if variant == "index rebuilt":
        shutil.rmtree(folder / "search", ignore_errors=True)
    elif variant == "schema 1 migrated":
        as_schema_1(folder)
    totals.open_variants[variant] += int(aim == "open")
    child_seed = rng.getrandbits(32)
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(folder), str(child_seed), str(trial)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    head = ""
    if aim == "open":
        head = process.stdout.readline()  # {"stage": "opening"}
        time.sleep(rng.uniform(0, open_windows[variant]))
    elif aim == "saves":
        head = process.stdout.readline() + process.stdout.readline()  # opening, ready
        time.sleep(rng.uniform(0, MAX_DELAY))
    else:
        time.sleep(rng.uniform(0, MAX_DELAY))
    process.send_signal(signal.SIGKILL)
    # Not communicate(): it reads the pipe's fd and would miss lines readline() buffered.
    out = process.stdout.read()
    err = process.stderr.read() if process.stderr is not None else ""
    process.wait(timeout=60)
    totals.trials += 1
    label = f"trial {trial}"
    if process.returncode != -signal.SIGKILL:
        totals.failures.append(f"{label}: child exited {process.returncode}: {err.strip()[-500:]}")
    complete = (head + out).split("\n")[:-1]  # a line cut by the kill has no newline
    lines = [json.loads(line) for line in complete]
    stages = {line.get("stage") for line in lines}
    if "opening" not in stages:
        totals.killed_at["start-up"] += 1
    elif "ready" not in stages:
        totals.killed_at["open"] += 1
    else:
        totals.killed_at["saves"] += 1
    totals.aimed[aim] += 1
    pending: Record | None = None
    for line in lines:
        if line.get("step") == "try":
            pending = line
        elif line.get("step") == "done":
            expected.apply(line)
            totals.confirmed[line["op"]] += 1
            pending = None

    problems = file_problems(folder)
    totals.temp_left.update(temp_files(folder))
    try:
        with Library(folder) as lib:
            stored = {note.id: plain(note) for note in lib.notes()}
            note_problems, note_applied = check_notes(stored, expected, pending)
            state_problems, state_applied, states = check_states(lib, expected, pending)
            problems += note_problems + state_problems
            totals.notes_checked += len(expected.notes)
            totals.states_checked += states
            ids = lib.article_ids()
            if len(ids) != article_count:
                problems.append(f"{len(ids)} articles instead of {article_count}")
            lib.get_article(rng.choice(ids))
            hits = lib.search("the")
            if not hits or not {hit.article_id for hit in hits} <= set(ids):
                problems.append(f"search found {len(hits)} articles, or ones not in the library")
    except Exception as error:  # the library must open: any error is a failure
        problems.append(f"the library did not open or read: {type(error).__name__}: {error}")
        stored, note_applied, state_applied = {}, False, False
    else:
        if pending is not None:
            outcome = "took effect" if note_applied or state_applied else "did not"
            totals.in_flight[outcome] += 1
            # what the store holds is the truth from now on
            if pending["op"] in ("add", "update") and pending["note"]["id"] in stored:
                expected.notes[pending["note"]["id"]] = stored[pending["note"]["id"]]
            elif pending["op"] == "delete" and note_applied:
                expected.notes.pop(pending["id"], None)
            elif pending["op"] in ("state", "star") and state_applied:
                expected.states[pending["state"]["article_id"]] = pending["state"]
    if list(folder.rglob("*.corrupt-*")):
        problems.append(f"corrupt files: {[p.name for p in folder.rglob('*.corrupt-*')]}")
    left = [p.name for p in folder.glob(".*.tmp")]
    if left:
        problems.append(f"user or catalog temp files still there after opening: {left}")
    totals.shard_temp_left.update(temp_files(folder))
    totals.index_temp_left.update(path.name for path in folder.glob("search/.*.tmp"))
    totals.failures.extend(f"{label}: {problem}" for problem in problems)


def build_library(folder: Path) -> int:
    paths = [SEED_ARTICLE, *wikinews_files()]
    articles = [article for path in paths if path.exists() for article in read_path(path)]
    with Library(folder) as lib:
        lib.add_articles(articles)
        lib.search("")
        return len(lib.article_ids())


def measure_open(folder: Path) -> dict[str, float]:
    """Seconds the child's open takes, by what it has to do (on a copy holding 300 notes)."""
    copy = folder.with_name("measured")
    shutil.copytree(folder, copy)
    with Library(copy) as lib:
        ids = lib.article_ids()
        for i in range(300):
            lib.add_note(Note("", ids[i % len(ids)], f"note {i}"))
    times: dict[str, float] = {}
    for variant in OPEN_VARIANTS:
        if variant == "index rebuilt":
            shutil.rmtree(copy / "search", ignore_errors=True)
        elif variant == "schema 1 migrated":
            as_schema_1(copy)
        started = time.perf_counter()
        with Library(copy) as lib:
            lib.get_article(ids[0])
            lib.notes(ids[0])
            lib.reading_state(ids[0])
            lib.search("")
        times[variant] = time.perf_counter() - started
    shutil.rmtree(copy)
    return times


def report(
    totals: Totals, article_count: int, open_windows: dict[str, float], seconds: float
) -> str:
    confirmed = sum(totals.confirmed.values())
    in_flight = sum(totals.in_flight.values())
    kinds = ", ".join(
        f"{totals.confirmed[op]} {op}" for op in ("add", "update", "delete", "state", "star")
    )
    at = totals.killed_at
    variants = "; ".join(
        f"{totals.open_variants[name]} {name}, window {open_windows[name] * 1000:.0f} ms"
        for name in OPEN_VARIANTS
    )
    effect = totals.in_flight
    rows = [
        ("trials (SIGKILL each)", str(totals.trials)),
        ("killed during start-up (before Library open)", str(at["start-up"])),
        ("killed during open (Library(), first reads, first search)", str(at["open"])),
        ("killed during saves: a save in flight / between two saves",
         f"{at['saves']}: {in_flight} / {at['saves'] - in_flight}"),
        ("saves confirmed (returned before the kill)", f"{confirmed} ({kinds})"),
        ("save in flight at the kill: took effect / did not",
         f"{effect['took effect']} / {effect['did not']}"),
        ("notes checked after kills (sum over trials)", str(totals.notes_checked)),
        ("reading states checked (sum over trials)", str(totals.states_checked)),
        ("temp files left by kills (hidden names; never read as data)", str(len(totals.temp_left))),
        ("... of them still there after the next open (in shards not yet written again)",
         str(len(totals.shard_temp_left))),
        ("... of them still there after the last trial", str(totals.temp_at_end)),
        ("**failures**", f"**{len(totals.failures)}**"),
    ]  # fmt: skip
    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    lines = [
        f"`python bench/crash_trials.py --trials {totals.trials}` on {machine()}.",
        "",
        f"A library of {article_count} articles (the seed and the Wikinews corpus). Each trial "
        "starts a child that opens the library as the app does and then saves in a loop "
        "(adds 40% (two in five are highlights), updates 25%, deletes 15%, reading states 12%, "
        "stars 8%), printing each save before the call and after it returns. SIGKILL comes "
        f"0-{MAX_DELAY * 1000:.0f} ms after spawn ({totals.aimed['spawn']} trials); 0-1.5x the "
        f"measured open after the child says it is opening ({totals.aimed['open']} trials: "
        f"{variants}); or 0-{MAX_DELAY * 1000:.0f} ms after it says it is ready "
        f"({totals.aimed['saves']} trials). "
        "Where it landed is told by what the child had printed. After each kill: every "
        "data file parses (checked before opening), the library opens, every note and reading "
        "state is exactly as its last returned save left it (only the call in flight may "
        "differ), deleted notes stay gone, no unknown note, no `*.corrupt-*` file, no user or "
        "catalog temp file left once opened.",
        "",
        table,
        "",
        f"Run time {seconds:.0f} s. Hidden search-index temp files seen after kills: "
        f"{len(totals.index_temp_left)} distinct files (never read as the index; swept after "
        "10 minutes).",
    ]
    if totals.failures:
        lines += ["", "Failures:", "", *(f"- {failure}" for failure in totals.failures[:20])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the library folder")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]), int(args.child[2]))
        return 0
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="gloss-crash-"))
    folder = work / "library"
    started = time.perf_counter()
    try:
        article_count = build_library(folder)
        open_windows = {name: 1.5 * took for name, took in measure_open(folder).items()}
        expected = Expected()
        totals = Totals()
        for trial in range(args.trials):
            run_trial(folder, trial, rng, expected, totals, open_windows, article_count)
            totals.temp_at_end = len(temp_files(folder))
            if trial % 10 == 9:
                print(f"{trial + 1} trials, {len(totals.failures)} failures", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    body = report(totals, article_count, open_windows, time.perf_counter() - started)
    print(body)
    if not args.no_record:
        write_section(HEADING, body)
    return 1 if totals.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
