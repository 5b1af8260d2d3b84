"""Gloss at 1k, 10k and 100k articles: one table, each figure next to a baseline from the same run.

Libraries are built by bench/make_library.py into `--libraries DIR` (kept and
reused: a 100k build takes a long while). Then, for each size, every figure
is the median of `--runs` runs (the baselines are measured in between, so the
machine's load hits both alike):

- cold start: the real `gloss --library LIB` in a pseudo-terminal (120x40,
  TERM=xterm-256color, a fresh HOME and XDG folders), its output fed to a pyte
  screen; seconds from spawn until the title and first words of the article it
  opens on are on that screen. Baseline: bench/minimal_app.py (Header, Static,
  Footer) started the same way, until its text is on screen. The figure is the
  median of each run's ratio.
- open another article (`]`) and scroll one page (space), in that same
  session once it is idle: from writing the key to the screen showing the new
  title and first words / the title's line moving. Baseline: the minimal app's key -> text.
- save a note: Library.add_note (durable, fsync included) on a passage of a
  random article, in this process. Baseline: the floor of any durable save
  (write a small file, fsync, rename, fsync the folder).
- library search: Library.search on a fixed set of queries, warm (one untimed
  run each). Baseline: a naive scan of every text already in memory.
- peak memory: VmHWM of the gloss process after cold start, three more
  articles, the library screen and a search in it. Baseline: the minimal app's.
- import throughput: `gloss import` of 200 freshly generated articles into a
  copy of the size's library (copied once per size, so each run adds 200 more
  articles to it). Baseline: the same import without entities.

Usage: python bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--libraries DIR] [--no-record]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyte

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generated_articles import generate  # noqa: E402
from import_speed import _NO_ENTITIES  # noqa: E402
from make_library import BUILD_FILE, build, commit, make_notes  # noqa: E402
from minimal_app import CHANGED, READY  # noqa: E402
from results_file import machine, write_section  # noqa: E402

from tui.models import Article, Note  # noqa: E402
from tui.store import Library  # noqa: E402
from tui.store.shards import shard_name  # noqa: E402

PYTHON = sys.executable
GLOSS = str(Path(PYTHON).parent / "gloss")
MINIMAL = [PYTHON, str(ROOT / "bench" / "minimal_app.py")]
COLUMNS, ROWS = 120, 40
PROBE_CHARS = 24
"""Probes are the opening words of a title or text, short enough never to wrap."""
TICKS = os.sysconf("SC_CLK_TCK")
"""Clock ticks per second of /proc/PID/stat's CPU times."""
LONG_ARTICLE = ROOT / "tests" / "corpora" / "readability" / "wikipedia-2" / "source.html"
"""The longest article in the corpora (about 18,000 words)."""
LONG_TITLE = "New Zealand"
START_TIMEOUT = 300.0
KEY_TIMEOUT = 30.0
THROUGHPUT_ARTICLES = 200
NOTE_SAVES = 30
SEARCH_REPEATS = 5
SIZE_NAMES = {1_000: "1k", 10_000: "10k", 100_000: "100k"}
BIG_BATCH = 2048
"""Import batch for the 100k library: with the importer's 64 the build takes hours."""


def percentile(values: list[float], share: float) -> float:
    """As in bench/search_speed.py (not imported: it reaches into the store's internals)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


# -- a program in a pseudo-terminal ---------------------------------------------------


class Terminal:
    """A program in a pseudo-terminal, its output fed to a pyte screen as it arrives.

    Times are taken when a chunk of output is read, before pyte parses it, so
    the parsing never counts against the program.
    """

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.ended = False

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def _read(self, timeout: float) -> float | None:
        """Feed what arrives within `timeout`; the time it arrived, None if nothing did."""
        if self.ended:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the program has closed the terminal
            data = b""
        arrived = time.perf_counter()
        if not data:
            self.ended = True
            return None
        self.stream.feed(data)
        return arrived

    def wait_for(self, condition: Callable[[list[str]], bool], timeout: float, what: str) -> float:
        """The time of the output after which `condition` holds for the screen."""
        deadline = time.perf_counter() + timeout
        while True:
            arrived = self._read(max(0.0, min(0.5, deadline - time.perf_counter())))
            if arrived is not None and condition(self.lines()):
                return arrived
            if time.perf_counter() > deadline or (self.ended and self.process.poll() is not None):
                screen = "\n".join(line.rstrip() for line in self.lines())
                raise RuntimeError(f"timed out waiting for {what}; the screen:\n{screen}")

    def settle(self, quiet: float = 0.4, timeout: float = 15.0) -> None:
        """Wait until the program has neither written nor used CPU for `quiet` seconds.

        CPU too: the reader does work in the background after its first paint
        (reading the catalog), and a key timed during it would measure that.
        """
        deadline = time.perf_counter() + timeout
        ticks = self.cpu_ticks()
        calm_since = time.perf_counter()
        while time.perf_counter() < deadline:
            arrived = self._read(0.05)
            now_ticks = self.cpu_ticks()
            if arrived is not None or now_ticks != ticks:
                ticks, calm_since = now_ticks, time.perf_counter()
            elif time.perf_counter() - calm_since >= quiet:
                return

    def cpu_ticks(self) -> int:
        """User + system clock ticks the program (all its threads) has used so far."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:
            return 0
        fields = stat.rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def press(self, keys: str) -> float:
        """Write keys as typed; the time just before the write.

        Not after it: the write can wake the program at once and, on a busy
        machine, return only once it has repainted (measured: 0.04 ms "key to
        repaint" when timed after the write).
        """
        pressed = time.perf_counter()
        os.write(self.master, keys.encode())
        return pressed

    def peak_memory_mb(self) -> float:
        """VmHWM (peak resident set) of the program, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) / 1024 if found else float("nan")

    def close(self, keys: str = "") -> None:
        """Quit with `keys` if given (draining output meanwhile), else or then terminate."""
        if keys:
            self.press(keys)
        deadline = time.perf_counter() + (10.0 if keys else 0.0)
        while self.process.poll() is None and time.perf_counter() < deadline:
            self._read(0.1)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def isolated_env(home: Path, code: Path = ROOT) -> dict[str, str]:
    """The environment without the user's settings: a fresh HOME and XDG folders.

    PYTHONPATH puts this checkout first, so that a copy of the repository (a
    snapshot of a commit) measures its own code.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GLOSS", "TEXTUAL", "XDG_"))
        and key not in {"COLUMNS", "LINES", "NO_COLOR", "HOME", "TERM", "COLORTERM"}
        # An installed app has its bytecode (pip compiles it); with this set, every
        # start of the checkout compiled Gloss's modules from source again (~0.1 s).
        and key != "PYTHONDONTWRITEBYTECODE"
    }
    for name in ("config", "data", "state", "cache"):
        folder = home / f".{name}"
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name.upper()}_HOME"] = str(folder)
    env.update(HOME=str(home), TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    # The gloss of this checkout, wherever the venv's editable install points.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    return env


def probe(text: str) -> str:
    """The opening words of a text as written (spaces kept), at most PROBE_CHARS characters."""
    line = text.strip().splitlines()[0]
    if len(line) <= PROBE_CHARS:
        return line
    cut = line.rfind(" ", 0, PROBE_CHARS + 1)
    return line[:cut].rstrip() if cut > 0 else line[:PROBE_CHARS]


def showing(*probes: str) -> Callable[[list[str]], bool]:
    return lambda lines: all(any(p in line for line in lines) for p in probes)


def row_of(lines: list[str], text: str) -> int | None:
    return next((number for number, line in enumerate(lines) if text in line), None)


# -- the measures -----------------------------------------------------------------------


@dataclass
class Results:
    """Every run's figures for one size (seconds, MB, articles/s)."""

    size: int
    library: dict[str, Any]
    start: list[float] = field(default_factory=list)
    start_base: list[float] = field(default_factory=list)
    open: list[float] = field(default_factory=list)
    scroll: list[float] = field(default_factory=list)
    key_base: list[float] = field(default_factory=list)
    open_cpu: list[float] = field(default_factory=list)
    key_cpu_base: list[float] = field(default_factory=list)
    long_open: list[float] = field(default_factory=list)
    long_cpu: list[float] = field(default_factory=list)
    long_words: int = 0
    note: list[float] = field(default_factory=list)
    note_base: list[float] = field(default_factory=list)
    search: list[float] = field(default_factory=list)
    search_base: list[float] = field(default_factory=list)
    search_note: str = ""
    memory: list[float] = field(default_factory=list)
    memory_base: list[float] = field(default_factory=list)
    imports: list[float] = field(default_factory=list)
    imports_base: list[float] = field(default_factory=list)
    import_note: str = ""
    seconds: float = 0.0

    @property
    def ratios(self) -> list[float]:
        return [g / b for g, b in zip(self.start, self.start_base, strict=True)]


def minimal_run(env: dict[str, str], results: Results) -> None:
    """The baseline app: cold start to its text, key to the changed text, its peak memory."""
    terminal = Terminal(MINIMAL, env)
    try:
        shown = terminal.wait_for(showing(READY), START_TIMEOUT, "the minimal app")
        results.start_base.append(shown - terminal.started)
        terminal.settle()
        ticks = terminal.cpu_ticks()
        pressed = terminal.press("x")
        results.key_base.append(terminal.wait_for(showing(CHANGED), KEY_TIMEOUT, "x") - pressed)
        terminal.settle()
        results.key_cpu_base.append((terminal.cpu_ticks() - ticks) / TICKS)
        results.memory_base.append(terminal.peak_memory_mb())
    finally:
        terminal.close("q")


def opening_articles(library_dir: Path) -> tuple[Article, Article, str, str]:
    """The article gloss opens on, the one a key away, that key and the key back.

    The reader opens on the article read last (Library.last_read_article, in
    stores that have it), else on the newest; `]` steps to the next in library
    order (`[` from the last one). Generated titles can begin alike, and then
    the next title would be on screen before the key: the first article from
    there whose neighbour's title begins otherwise is stamped as read last.
    """
    with Library(library_dir) as library:
        ids = library.article_ids()
        last_read = getattr(library, "last_read_article", lambda: None)()
        index = ids.index(last_read if last_read in ids else ids[0])
        for _ in range(len(ids)):
            start = library.get_article(ids[index])
            if index + 1 < len(ids):
                other, key, back = ids[index + 1], "]", "["
            else:
                other, key, back = ids[index - 1], "[", "]"
            following = library.get_article(other)
            if probe(start.title) != probe(following.title):
                break
            index = (index + 1) % len(ids)
        if ids[index] != last_read and hasattr(library, "stamp_last_read"):
            library.stamp_last_read(ids[index])
        return start, following, key, back


def gloss_run(library: Path, env: dict[str, str], results: Results) -> None:
    """Cold start to the opening article, then `]` to the next, then one page down.

    Then back to the top and to the opening article before quitting, so that
    every run opens on the same article at the same place.
    """
    first, second, key, back = opening_articles(library)
    terminal = Terminal([GLOSS, "--library", str(library)], env)
    try:
        title, words = probe(first.title), probe(first.text)
        shown = terminal.wait_for(showing(title, words), START_TIMEOUT, f"{title!r}, {words!r}")
        results.start.append(shown - terminal.started)
        terminal.settle()
        title, words = probe(second.title), probe(second.text)
        if showing(title)(terminal.lines()):
            raise RuntimeError(f"the next article's title {title!r} is on screen already")
        ticks = terminal.cpu_ticks()
        pressed = terminal.press(key)
        shown = terminal.wait_for(showing(title, words), KEY_TIMEOUT, f"next article {title!r}")
        results.open.append(shown - pressed)
        terminal.settle()
        results.open_cpu.append((terminal.cpu_ticks() - ticks) / TICKS)
        row = row_of(terminal.lines(), title)
        pressed = terminal.press(" ")
        moved = terminal.wait_for(
            lambda lines: row_of(lines, title) != row, KEY_TIMEOUT, "the page to scroll"
        )
        results.scroll.append(moved - pressed)
        terminal.settle()
        terminal.press("g")  # back to the top, so that the next run finds it there too
        terminal.settle(quiet=1.5)  # the reader saves the position after 1 s without scrolling
        terminal.press(back)
        terminal.wait_for(showing(probe(first.title)), KEY_TIMEOUT, "the opening article again")
        terminal.settle(quiet=1.5)
    finally:
        terminal.close("q")


def long_article_library(library: Path, work: Path, env: dict[str, str]) -> tuple[Path, int]:
    """A copy of the library with the longest article of the corpora imported (entities too),
    stamped so that the reader opens on the article before it: `]` then opens it."""
    copy = work / "long"
    shutil.copytree(library, copy)
    done = subprocess.run(
        [GLOSS, "import", "--library", str(copy), str(LONG_ARTICLE)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"importing {LONG_ARTICLE} failed: {done.stderr[-500:]}")
    with Library(copy) as opened:
        ids = opened.article_ids()
        long_id = max(  # summaries, not texts: reading 100k texts one by one takes minutes
            (s for s in opened.list_articles() if s.title.startswith(LONG_TITLE)),
            key=lambda summary: summary.word_count,
        ).id
        index = ids.index(long_id)
        if index == 0:
            raise RuntimeError("the long article is first in the library order")
        opened.stamp_last_read(ids[index - 1])
        return copy, opened.get_article(long_id).word_count


def long_article_run(library: Path, env: dict[str, str], results: Results) -> None:
    """Key to repaint and CPU until idle for `]` onto the long article (and `[` back)."""
    first, second, key, _ = opening_articles(library)
    terminal = Terminal([GLOSS, "--library", str(library)], env)
    try:
        terminal.wait_for(showing(probe(first.title)), START_TIMEOUT, "the article before")
        terminal.settle()
        title, words = probe(second.title), probe(second.text)
        ticks = terminal.cpu_ticks()
        pressed = terminal.press(key)
        shown = terminal.wait_for(showing(title, words), KEY_TIMEOUT, f"long article {title!r}")
        results.long_open.append(shown - pressed)
        terminal.settle()
        results.long_cpu.append((terminal.cpu_ticks() - ticks) / TICKS)
        terminal.press("[" if key == "]" else "]")
        terminal.wait_for(showing(probe(first.title)), KEY_TIMEOUT, "the article before again")
        terminal.settle(quiet=1.5)
    finally:
        terminal.close("q")


def memory_run(library: Path, env: dict[str, str], query: str) -> float:
    """Peak memory after a session: start, three more articles, the library, a search."""
    first, _, _, _ = opening_articles(library)
    terminal = Terminal([GLOSS, "--library", str(library)], env)
    try:
        terminal.wait_for(showing(probe(first.title)), START_TIMEOUT, "the first article")
        terminal.settle()
        for _ in range(3):
            terminal.press("]")
            terminal.settle()
        terminal.press("l")
        terminal.settle(quiet=1.0, timeout=60)
        terminal.press("/")
        terminal.settle()
        terminal.press(query)
        # The box's cursor blinks, so the screen is never quiet for long: wait for the
        # results (the status line says "searching…" until then), then a little more.
        terminal.wait_for(
            lambda lines: showing(query)(lines) and not showing("searching…")(lines),
            START_TIMEOUT,
            f"results for {query!r}",
        )
        terminal.settle(quiet=1.0, timeout=5)
        return terminal.peak_memory_mb()
    finally:
        terminal.close()  # terminated: the search box would take a "q" as typing


def warm_up(library: Path, env: dict[str, str]) -> None:
    """One untimed start of each app: compiles the checkout's .pyc files, fills the page cache."""
    first, _, _, _ = opening_articles(library)
    for argv, text in ((MINIMAL, READY), ([GLOSS, "--library", str(library)], probe(first.title))):
        terminal = Terminal(argv, env)
        try:
            terminal.wait_for(showing(text), START_TIMEOUT, f"{text!r} (warming up)")
        finally:
            terminal.close()


def durable_floor(folder: Path) -> float:
    """The least any durable save costs: small file, fsync, rename, fsync the folder."""
    data = b'{"note": "' + b"x" * 300 + b'"}'
    start = time.perf_counter()
    temporary = folder / "floor.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temporary, folder / "floor.json")
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return time.perf_counter() - start


def note_saves(library: Library, ids: list[str], scratch: Path, results: Results) -> None:
    """NOTE_SAVES durable note saves on random articles (deleted again, untimed)."""
    rng = random.Random(7)
    scratch.mkdir(parents=True, exist_ok=True)
    saved: list[Note] = []
    while len(saved) < NOTE_SAVES:
        article = library.get_article(rng.choice(ids))
        made = make_notes(article, rng, "")
        if not made:
            continue
        note = replace(made[0], id="")
        start = time.perf_counter()
        stored = library.add_note(note)
        results.note.append(time.perf_counter() - start)
        saved.append(stored)
        results.note_base.append(durable_floor(scratch))
    for note in saved:
        library.delete_note(note.id)


def pick_queries(library: Library, ids: list[str]) -> list[str]:
    """Common word, rare word, two words, a prefix being typed, a phrase, filters."""
    rng = random.Random(11)
    frequency: dict[str, int] = {}
    for article_id in rng.sample(ids, min(1000, len(ids))):
        text = library.get_article(article_id).text.casefold()
        for word in set(re.findall(r"[a-z]{5,}", text)):
            frequency[word] = frequency.get(word, 0) + 1
    ranked = sorted(frequency, key=lambda w: (-frequency[w], w))
    common, middling = ranked[0], ranked[len(ranked) // 20]
    rare = ranked[-1]  # the least common in the sample (paragraphs repeat across articles)
    return [
        f"{common} ",
        f"{rare} ",
        f"{common} {middling} ",
        middling[:4],
        '"prime minister" ',
        "has:notes after:2020-01-01",
        f"{middling} source:Reuters ",
    ]


def naive_scan(texts: list[str], words: list[str]) -> int:
    """A search without an index: texts holding every word (case-folded substrings)."""
    return sum(1 for text in texts if all(word in text for word in words))


def searches(library: Library, ids: list[str], results: Results) -> list[str]:
    """Warm Library.search timings; the naive in-memory scan as the baseline."""
    queries = pick_queries(library, ids)
    for query in queries:
        library.search(query)  # untimed: loads the index and the bodies the snippets read
        for _ in range(SEARCH_REPEATS):
            start = time.perf_counter()
            library.search(query)
            results.search.append(time.perf_counter() - start)
    started = time.perf_counter()
    # In shard order: the store keeps few body shards parsed, and catalog order would
    # parse a shard per article (50 minutes at 100k).
    texts = [library.get_article(i).text.casefold() for i in sorted(ids, key=shard_name)]
    loaded = time.perf_counter() - started
    for query in queries:
        words = [w.strip('"') for w in query.split() if ":" not in w]
        if words:  # filters alone: nothing for a text scan to do
            start = time.perf_counter()
            naive_scan(texts, words)
            results.search_base.append(time.perf_counter() - start)
    results.search_note = f"reading every text into memory for it took {loaded:.1f} s"
    del texts
    return queries


def throughput(
    library: Path, scratch: Path, env: dict[str, str], runs: int, results: Results
) -> None:
    """`gloss import` of fresh articles into a copy of the library; baseline without entities."""
    copy = scratch / "library"
    shutil.rmtree(copy, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["cp", "-a", "--reflink=auto", str(library), str(copy)], check=True)
    copied = time.perf_counter() - started
    for run in range(runs):
        for entities in (True, False):
            folder = scratch / f"articles-{run}-{entities}"
            shutil.rmtree(folder, ignore_errors=True)
            tag = f"throughput-{int(time.time())}-{run}-{int(entities)}"
            generate(
                folder,
                THROUGHPUT_ARTICLES,
                seed=zlib.crc32(tag.encode()),
                url_prefix=tag,
                signed=True,
            )
            if entities:
                command = [GLOSS, "import", str(folder), "--json", "--library", str(copy)]
            else:
                command = [PYTHON, "-c", _NO_ENTITIES, str(folder), str(copy)]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
            wall = time.perf_counter() - start
            report = json.loads(done.stdout)
            added = report["added"]
            if (len(added) if isinstance(added, list) else added) != THROUGHPUT_ARTICLES:
                raise RuntimeError(f"import added {added}: {done.stderr[-500:]}")
            (results.imports if entities else results.imports_base).append(
                THROUGHPUT_ARTICLES / wall
            )
            print(f"  import run {run + 1}, entities {entities}: {wall:.1f} s", flush=True)
            shutil.rmtree(folder)
    shutil.rmtree(copy)
    results.import_note = f"copying the library took {copied:.1f} s"


def measure(size: int, library_dir: Path, runs: int, code: Path, reader_only: bool) -> Results:
    info = json.loads((library_dir / BUILD_FILE).read_text())
    results = Results(size, info)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=f"gloss-run-{size}-", dir=library_dir.parent))
    try:
        env = isolated_env(work / "home", code)
        first, second, key, _ = opening_articles(library_dir)  # opening migrates an old store
        print(f"  opens on {first.title!r}, then {key} {second.title!r}", flush=True)
        warm_up(library_dir, env)
        for run in range(runs):
            minimal_run(env, results)
            gloss_run(library_dir, env, results)
            print(
                f"  run {run + 1}: start {results.start[-1]:.2f} s "
                f"(minimal {results.start_base[-1]:.2f} s), open {ms(results.open[-1])} ms, "
                f"scroll {ms(results.scroll[-1])} ms (minimal key {ms(results.key_base[-1])} ms), "
                f"CPU until idle {ms(results.open_cpu[-1])} ms",
                flush=True,
            )
        long_library, results.long_words = long_article_library(library_dir, work, env)
        warm_up(long_library, env)
        for run in range(runs):
            long_article_run(long_library, env, results)
            print(
                f"  long article run {run + 1}: open {ms(results.long_open[-1])} ms, "
                f"CPU until idle {ms(results.long_cpu[-1])} ms",
                flush=True,
            )
        shutil.rmtree(long_library)
        with Library(library_dir) as library:
            ids = library.article_ids()
            queries = searches(library, ids, results)
            note_saves(library, ids, work / "floor", results)
        print(
            f"  note save {ms(statistics.median(results.note))} ms, search p50 "
            f"{ms(statistics.median(results.search))} ms",
            flush=True,
        )
        results.memory.append(memory_run(library_dir, env, queries[2].strip()))
        print(f"  peak memory {results.memory[-1]:.0f} MB", flush=True)
        if not reader_only:
            throughput(library_dir, work, env, runs, results)
            print(f"  import {statistics.median(results.imports):.1f} articles/s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results.seconds = time.perf_counter() - started
    return results


# -- the table ----------------------------------------------------------------------


@dataclass
class Target:
    """A target at some sizes: the largest value allowed, how to say a miss."""

    limits: dict[int, float]
    unit: str

    def verdict(self, size: int, value: float) -> str | None:
        limit = self.limits.get(size)
        if limit is None:
            return None
        if value <= limit:
            return f"{SIZE_NAMES.get(size, size)} met"
        over = f"{value - limit:.2f}x" if self.unit == "x" else f"{value - limit:.0f}{self.unit}"
        return f"{SIZE_NAMES.get(size, size)} **missed** by {over}"


def table(all_results: list[Results]) -> str:
    sizes = [r.size for r in all_results]
    head = " | ".join(f"{size:,} articles" for size in sizes)
    lines = [f"| measure | {head} | target |", "| --- |" + " --- |" * (len(sizes) + 1)]

    def row(
        label: str,
        cell: Callable[[Results], tuple[str, float]],
        target: Target | None,
        wording: str = "",
    ) -> None:
        cells = [cell(r) for r in all_results]
        verdicts = (
            []
            if target is None
            else [
                v
                for r, (_, value) in zip(all_results, cells, strict=True)
                if (v := target.verdict(r.size, value)) is not None
            ]
        )
        said = wording + (": " + ", ".join(verdicts) if verdicts else "") if target else "—"
        lines.append(f"| {label} | " + " | ".join(text for text, _ in cells) + f" | {said} |")

    def median(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    row(
        "cold start to the first article, ratio to the minimal app (gloss s / app s)",
        lambda r: (
            f"**{median(r.ratios):.2f}x** ({median(r.start):.2f} / {median(r.start_base):.2f})",
            median(r.ratios),
        ),
        Target({10_000: 1.3, 100_000: 2.0}, "x"),
        "≤ 1.3x at 10k, ≤ 2x at 100k",
    )
    row(
        "open another article (`]`), key to repaint, ms (minimal app's key)",
        lambda r: (f"**{ms(median(r.open))}** ({ms(median(r.key_base))})", median(r.open) * 1000),
        Target({s: 30.0 for s in sizes}, " ms"),
        "≤ 30 ms",
    )
    row(
        "open another article (`]`), CPU time until the app is idle again, ms (minimal app's key)",
        lambda r: (
            f"**{ms(median(r.open_cpu))}** ({ms(median(r.key_cpu_base))})",
            median(r.open_cpu) * 1000,
        ),
        Target({s: 60.0 for s in sizes}, " ms"),
        "≤ 60 ms",
    )
    row(
        "open the longest article of the corpora (`]`), key to repaint, ms (words)",
        lambda r: (f"**{ms(median(r.long_open))}** ({r.long_words:,})", median(r.long_open) * 1000),
        Target({s: 50.0 for s in sizes}, " ms"),
        "≤ 50 ms",
    )
    row(
        "... and its CPU time until the app is idle again, ms (minimal app's key)",
        lambda r: (
            f"**{ms(median(r.long_cpu))}** ({ms(median(r.key_cpu_base))})",
            median(r.long_cpu) * 1000,
        ),
        None,
    )
    row(
        "scroll one page (space), key to repaint, ms (minimal app's key)",
        lambda r: (
            f"**{ms(median(r.scroll))}** ({ms(median(r.key_base))})",
            median(r.scroll) * 1000,
        ),
        Target({s: 16.0 for s in sizes}, " ms"),
        "≤ 16 ms",
    )
    row(
        "save a note, durable, p50 ms (write + fsync + rename + fsync dir of a small file)",
        lambda r: (f"**{ms(median(r.note))}** ({ms(median(r.note_base))})", median(r.note) * 1000),
        Target({s: 20.0 for s in sizes}, " ms"),
        "≤ 20 ms",
    )
    row(
        "library search p50 / p95, ms (naive scan of every text in memory, p50)",
        lambda r: (
            f"**{ms(percentile(r.search, 0.5))} / {ms(percentile(r.search, 0.95))}** "
            f"({ms(median(r.search_base))})",
            percentile(r.search, 0.95) * 1000,
        ),
        Target({10_000: 50.0}, " ms"),
        "p95 ≤ 50 ms at 10k",
    )
    row(
        "peak memory of the app (VmHWM), MB (minimal app)",
        lambda r: (f"**{median(r.memory):.0f}** ({median(r.memory_base):.0f})", median(r.memory)),
        Target({10_000: 150.0}, " MB"),
        "≤ 150 MB at 10k",
    )
    if not any(r.imports for r in all_results):  # --reader-only
        return "\n".join(lines)
    row(
        f"import throughput, `gloss import` of {THROUGHPUT_ARTICLES} new articles with "
        "entities, articles/s (without entities)",
        lambda r: (
            f"**{median(r.imports):.1f}** ({median(r.imports_base):.0f})",
            median(r.imports),
        ),
        None,
    )
    return "\n".join(lines)


def libraries_table(all_results: list[Results]) -> str:
    lines = [
        "| library | articles | mean words | notes and highlights | entities | on disk "
        "| built in | built at commit |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in all_results:
        info = r.library
        seconds = info["seconds"]
        entities = f"{info['entities']:,}" if info["with_entities"] else "none (`--no-entities`)"
        batch = info.get("batch", 64)
        if batch != 64:
            entities += f"; import batches of {batch}"
        lines.append(
            f"| {SIZE_NAMES.get(r.size, r.size)} | {info['articles']:,} | {info['mean_words']} | "
            f"{info['notes']:,} | {entities} | {info['bytes'] / 1e6:.0f} MB | "
            f"{sum(seconds.values()):.0f} s (import {seconds['import']:.0f} s, notes "
            f"{seconds['notes_import']:.0f} s) | {info.get('commit', 'not recorded')} |"
        )
    return "\n".join(lines)


def ensure_library(size: int, libraries: Path) -> Path:
    """The size's library, built if missing.

    100k: without entities (spaCy would take hours) and in bigger import batches.
    """
    folder = libraries / str(size)
    if (folder / BUILD_FILE).exists():
        return folder
    if folder.exists():
        raise SystemExit(f"{folder} has no {BUILD_FILE} (an interrupted build?): remove it")
    print(f"building {folder}", flush=True)
    build(size, folder, entities=size < 100_000, batch=None if size < 100_000 else BIG_BATCH)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--libraries",
        type=Path,
        default=ROOT / "bench" / "libraries",
        help="where libraries are built and kept (default: bench/libraries, ignored by git)",
    )
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="the checkout whose Gloss the app runs (default: this one; a `git archive` of an "
        "older commit measures that commit with these cases)",
    )
    parser.add_argument(
        "--reader-only",
        action="store_true",
        help="leave out the import throughput (the slowest part; the reader's figures only)",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    args.libraries.mkdir(parents=True, exist_ok=True)
    folders = {size: ensure_library(size, args.libraries) for size in sizes}
    load_before = os.getloadavg()[0]
    all_results = []
    for size in sizes:
        print(f"\n== {size:,} articles ({folders[size]})", flush=True)
        all_results.append(measure(size, folders[size], args.runs, args.code, args.reader_only))
    load_after = os.getloadavg()[0]
    body = "\n\n".join(
        [
            f"`python bench/run.py --sizes {args.sizes} --runs {args.runs}` on {machine()}; "
            f"commit {commit()}.",
            table(all_results),
            "Misses: see below.",
            "Libraries (built by `bench/make_library.py` through `import_paths`, the path of "
            "`gloss import`; notes and highlights restored from a W3C export the same way):",
            libraries_table(all_results),
            f"How: each figure is the median of {args.runs} runs, the baselines measured in "
            "between. The app runs as the real `gloss --library LIB` in a pseudo-terminal of "
            f"{COLUMNS}x{ROWS} (TERM=xterm-256color, a fresh HOME and XDG folders), read by a "
            "pyte screen; a time ends when the output that puts the expected text on that "
            "screen arrives. Cold start is from spawning the process to the title and "
            "opening words of the article it opens on (the one read last, else the newest) "
            "on screen (files in the OS page cache: warm disk, cold process); its ratio is "
            "taken run by run against the minimal Textual app (bench/minimal_app.py: Header, "
            "Static, Footer) started the same way. Keys are pressed once the app is idle (no "
            "output and no CPU time for 0.4 s, so after the reader's background work); key to "
            "repaint is from writing the key to the next article's title and text on screen "
            "(`]`) or to the title's line moving (space: the first frame of the scroll). Each "
            "session ends back on the opening article, so every run opens on the same one. "
            "Note saves and "
            "searches run in the bench's process through the Library API: "
            f"{NOTE_SAVES} saves on passages of random articles (deleted afterwards), and "
            f"{SEARCH_REPEATS} warm runs of each query (a common word, a rare word, two "
            "words, a 4-letter prefix, a phrase, filters only, a word with a filter). Peak "
            "memory is the app's VmHWM after its cold start, three more articles, the "
            "library screen and a two-word search there. Import throughput is wall-clock "
            f"from process start to exit of `gloss import` of {THROUGHPUT_ARTICLES} new "
            "articles into a copy of the size's library (each run adds its articles to that "
            "copy, alternating with the baseline's, so the last import finds "
            f"{(2 * args.runs - 1) * THROUGHPUT_ARTICLES:,} more articles than the first: "
            + ", ".join(
                f"+{(2 * args.runs - 1) * THROUGHPUT_ARTICLES / r.size:.0%} at "
                f"{SIZE_NAMES.get(r.size, r.size)}"
                for r in all_results
            )
            + "), spaCy's model load included.",
            "Run time per size: "
            + ", ".join(
                f"{SIZE_NAMES.get(r.size, r.size)} {r.seconds / 60:.1f} min "
                f"(search baseline: {r.search_note}; {r.import_note})"
                for r in all_results
            )
            + f". Load average (1 min) before / after: {load_before:.1f} / {load_after:.1f} "
            f"({os.cpu_count()} cores shared with other work: figures are noisy, which is why "
            "each is paired with a baseline from the same run).",
        ]
    )
    print("\n" + body)
    if not args.no_record:
        write_section("## Scale: 1k, 10k and 100k articles", body)
        print("\nrecorded in bench/RESULTS.md")


if __name__ == "__main__":
    main()
