"""Entity extraction speed: articles per second for ~600-word articles, batched.

The articles are built from Wikinews paragraphs (`tests/corpora/wikinews`)
taken in order until each has about 600 words. Model load (importing spaCy and
loading the ner pipe) is timed separately, in a fresh interpreter, because the
app pays it once per session. Target: at least 25 articles/s on this machine.

Usage: python bench/extract_speed.py [--articles N] [--rounds R]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

from tests.data_paths import wikinews_files  # noqa: E402
from tui.entities.extractor import entities_of, extract  # noqa: E402
from tui.entities.recognizer import PARALLEL_MIN_CHARS, Recognizer  # noqa: E402
from tui.ingest import read_bytes, read_path  # noqa: E402
from tui.models import Article  # noqa: E402

WORDS = 600
TARGET = 25.0
_LOAD = (
    "import time; t = time.perf_counter(); "
    "from tui.entities.recognizer import Recognizer; r = Recognizer(); "
    "assert r.problem is None, r.problem; print(time.perf_counter() - t)"
)


def build_articles(count: int) -> list[Article]:
    """`count` articles of about WORDS words each, cycling through the corpus's paragraphs."""
    paragraphs = [
        paragraph
        for path in wikinews_files()
        for paragraph in read_path(path)[0].text.split("\n\n")
        if len(paragraph.split()) >= 20
    ]
    articles: list[Article] = []
    index = 0
    while len(articles) < count:
        chunk: list[str] = []
        words = 0
        while words < WORDS:
            paragraph = paragraphs[index % len(paragraphs)]
            index += 1
            chunk.append(paragraph)
            words += len(paragraph.split())
        body = "\n\n".join(chunk).encode()
        articles.extend(read_bytes(body, f"speed-{len(articles)}.txt", ".txt"))
    return articles


def model_load_seconds() -> float:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def timed(function: Callable[[], object], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    count = int(sys.argv[sys.argv.index("--articles") + 1]) if "--articles" in sys.argv else 120
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    articles = build_articles(count)
    mean_words = statistics.mean(a.word_count for a in articles)
    load_before = os.getloadavg()[0]
    loads = [model_load_seconds() for _ in range(3)]

    single = Recognizer(parallel=False)
    if single.problem:
        raise SystemExit(single.problem)
    extract(articles[:4], single)  # warm-up
    cpu = time.process_time()
    single_times = timed(lambda: extract(articles, single), rounds)
    cpu_per_article = (time.process_time() - cpu) / (rounds * count)

    both = Recognizer(parallel=True)
    assert both.problem is None
    started = time.perf_counter()
    extract(articles[: max(4, count // 4)], both)  # starts the worker process
    worker_start = time.perf_counter() - started
    both_times = timed(lambda: extract(articles, both), rounds)
    both.close()

    candidates = single.recognize([a.text for a in articles])
    rules = statistics.median(
        timed(
            lambda: [entities_of(a, c) for a, c in zip(articles, candidates, strict=True)], rounds
        )
    )
    load_after = os.getloadavg()[0]
    one = count / statistics.median(single_times)
    two = count / statistics.median(both_times)
    parallel_used = sum(len(a.text) for a in articles) >= PARALLEL_MIN_CHARS
    rows = [
        ("articles (mean words)", f"{count} ({mean_words:.0f})"),
        (
            "model load: import spaCy + load ner, fresh process (median of 3)",
            f"{statistics.median(loads):.2f} s",
        ),
        (
            "first big batch, including spawning the worker and its model load",
            f"{worker_start:.2f} s for {max(4, count // 4)} articles",
        ),
        (
            f"**articles/s, one batch, main process + worker** (median of {rounds})",
            f"**{two:.1f}**" + ("" if parallel_used else " (batch too small: one process)"),
        ),
        (f"articles/s, one process (median of {rounds})", f"{one:.1f}"),
        ("CPU time per article, one process", f"{cpu_per_article * 1000:.0f} ms"),
        ("Gloss rule layer per article", f"{rules / count * 1000:.1f} ms"),
        ("load average (1 min) before / after", f"{load_before:.1f} / {load_after:.1f}"),
    ]
    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)]
    )
    verdict = f"Target >= {TARGET:.0f} articles/s: {'met' if two >= TARGET else 'NOT met'}."
    if load_before > 1.0:
        verdict += (
            f" The machine was busy (load {load_before:.1f} on {os.cpu_count()} cores): "
            f"other work shares the cores, so these are lower bounds."
        )
    print(table)
    print(verdict)
    write_section(
        "## Entity extraction speed",
        f"`python bench/extract_speed.py` on {machine()}.\n\n"
        f"Articles of ~{WORDS} words built from Wikinews paragraphs, extracted in one "
        f"batch as `extract_entities` does (`nlp.pipe`, batch size 32; a batch of "
        f"{PARALLEL_MIN_CHARS // 1000}k characters or more is split with one spawned "
        f"worker process).\n\n{table}\n\n{verdict}\n",
    )


if __name__ == "__main__":
    main()
