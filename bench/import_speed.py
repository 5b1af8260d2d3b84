"""Import speed: `gloss import` of 1,000 Wikinews-sized Markdown articles, with entities.

The articles are generated in a temporary folder by bench/generated_articles.py
(shared with bench/make_library.py): YAML front matter (title, date, a unique
url, source) and a body of paragraphs sampled from
`tests/corpora/wikinews`, each article as long as one of the 36 real
ones in turn (so the mean length is the corpus's), every text unique.

Each run imports the folder into a fresh library that already holds the
bundled seed article (so only the 1,000 are timed), in a fresh process:

- `gloss import DIR --json`: the command as users run it, entities found by
  helper processes while the next batch is stored;
- the same import with entities found in the importing process (the import
  path before the helper processes), for comparison;
- the same import without entity extraction: the baseline of reading and
  storing.

Target: 1,000 articles in 60 s or less on this 2-core machine.

Usage: python bench/import_speed.py [--articles N] [--rounds R] [--keep DIR] [--no-record]
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generated_articles import generate  # noqa: E402
from results_file import machine, write_section  # noqa: E402

TARGET_SECONDS = 60.0
GLOSS = Path(sys.executable).parent / "gloss"
# The same import, entities extracted in the importing process (one helper fewer):
# what `gloss import` did before EntityPipeline.
_IN_PROCESS = """
import sys
import tui.importing.entity_pipeline
tui.importing.entity_pipeline._usable_cores = lambda: 1
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""
NOTES = """What the profile showed and what changed:

- Entity extraction is nearly all of the time (the baseline, reading and storing, is
  under 3 s). Before, it ran in the importing process, whose recogniser split each
  batch with one worker process; the worker waited while the importing process ran
  the rule layer, read the next files and wrote the library, so about 1.4 of the 2
  cores worked. Now two helper processes (one per core) each take an interleaved half
  of every batch, without workers of their own, while the importing process reads and
  stores up to two batches ahead (`tui/entity_pipeline.py`).
- Each helper runs one BLAS thread (OpenBLAS otherwise starts one per core, and two
  processes' threads fight over the cores).
- The rule layer spent 40% of its time in `aliases.occurrences`, a regex that opens
  with a lookbehind and so is tried at every position; `str.find` gives the same spans
  (checked against the regex by a property test) in 2-4 us instead of ~100 us a call.
- Duplicate checks and "does this article need entities" read the library once per
  run: after each write the store re-parses the whole catalog on every read for a
  second (its mtime is too recent to trust), which made a per-file lookup cost 6 s.
"""
_NO_ENTITIES = """
import json, sys
from pathlib import Path
from tui.importing.importer import import_paths
from tui.store import Library
with Library(Path(sys.argv[2])) as library:
    report = import_paths(library, [Path(sys.argv[1])], find_entities=False)
print(json.dumps({"added": len(report.added), "failed": len(report.failed)}))
"""


def busy_seconds() -> float:
    """CPU seconds every process on the machine has used (from /proc/stat), 0 if unknown."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed_import(
    command: list[str], library: Path
) -> tuple[float, float, float, dict[str, object]]:
    """Wall and CPU seconds of one import into a fresh library (the process and its helpers),
    and the CPU seconds other processes used meanwhile."""
    shutil.rmtree(library, ignore_errors=True)
    subprocess.run([GLOSS, "list", "--library", library], check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_seconds()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    busy = busy_seconds() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr[-2000:]}") from None
    return wall, cpu, max(0.0, busy - cpu), report


def count(value: object) -> int:
    return len(value) if isinstance(value, list) else int(str(value))


def main() -> None:
    articles = int(sys.argv[sys.argv.index("--articles") + 1]) if "--articles" in sys.argv else 1000
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    work = keep or Path(tempfile.mkdtemp(prefix="gloss-import-speed-"))
    folder, library = work / "articles", work / "library"
    shutil.rmtree(folder, ignore_errors=True)
    words = generate(folder, articles)
    load_before = os.getloadavg()[0]
    python = sys.executable
    runs = [
        (
            "`gloss import DIR` (entities in helper processes)",
            [str(GLOSS), "import", str(folder), "--json", "--library", str(library)],
        ),
        (
            "same, entities in the importing process (before)",
            [python, "-c", _IN_PROCESS, "import", str(folder), "--json", "--library", str(library)],
        ),
        (
            "same, no entity extraction (baseline)",
            [python, "-c", _NO_ENTITIES, str(folder), str(library)],
        ),
    ]
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in runs}
    for round_number in range(rounds):
        for label, command in runs:
            if round_number and label == runs[-1][0]:
                continue  # the baseline hardly varies: once is enough
            wall, cpu, others, report = timed_import(command, library)
            added, failed = count(report["added"]), count(report["failed"])
            if (added, failed) != (articles, 0):
                raise SystemExit(f"{label}: {added} added, {failed} failed; expected {articles}")
            results[label].append((wall, cpu, others))
            print(f"{label}: {wall:.1f} s (others used {others:.0f} CPU s)", flush=True)
    load_after = os.getloadavg()[0]
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)

    rows = []
    for label, timings in results.items():
        best = min(timings)
        walls = ", ".join(f"{wall:.1f}" for wall, _, _ in timings)
        median = statistics.median(wall for wall, _, _ in timings)
        rows.append((label, median, best, walls, timings))
    table = "\n".join(
        [
            "| run | files | seconds (median) | articles/s | each run: seconds | each run: CPU "
            "seconds, ours / other processes' |",
            "| --- | --- | --- | --- | --- | --- |",
            *(
                f"| {label} | {articles} | {median:.1f} | {articles / median:.1f} | {walls} | "
                + ", ".join(f"{cpu:.0f} / {others:.0f}" for _, cpu, others in timings)
                + " |"
                for label, median, _, walls, timings in rows
            ),
        ]
    )
    wall = rows[0][1]
    extraction = wall - rows[2][1]
    quiet = min(rows[0][4], key=lambda timing: timing[2])
    verdict = (
        f"Target: {articles} articles in {TARGET_SECONDS:.0f} s or less: "
        f"{'met' if wall <= TARGET_SECONDS else 'NOT met'} (median {wall:.1f} s; entity "
        f"extraction adds {extraction:.1f} s to the baseline; the run with the least other "
        f"work took {quiet[0]:.1f} s). Other processes' CPU seconds are what the rest of the "
        f"machine used during a run (from /proc/stat): on {os.cpu_count()} cores, every such "
        f"second is taken from the import. Load average (1 min) before the first run "
        f"{load_before:.1f}, after the last {load_after:.1f}."
    )
    print(table)
    print(verdict)
    if "--no-record" not in sys.argv:
        write_section(
            "## Import speed",
            f"`python bench/import_speed.py` on {machine()}.\n\n"
            f"{articles} generated Markdown articles with front matter (mean "
            f"{words / articles:.0f} words: each as long as one of the 36 Wikinews articles in "
            f"turn, in whole paragraphs sampled from them; every text and URL unique), each run "
            f"in a fresh process importing into a "
            f"fresh library that holds only the seed article. Seconds are wall-clock from "
            f"process start to exit; CPU seconds add up every process (helpers "
            f"included); {rounds} rounds, the baseline once. "
            f'"Before" is the import path before the helper processes: extraction in the '
            f"importing process, its recogniser splitting each batch with one worker "
            f"process.\n\n{table}\n\n{verdict}\n\n{NOTES}",
        )


if __name__ == "__main__":
    main()
