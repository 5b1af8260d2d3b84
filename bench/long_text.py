"""Entity extraction on long articles: time and peak memory against the text's length.

Two kinds of article, at 100 KB, 500 KB and 2 MB (characters; the texts are
almost all ASCII):

- news: the Wikinews articles' paragraphs (tests/corpora/wikinews) in order,
  repeated, blank lines between: real prose, a few thousand distinct names;
- names: one line of the names and aliases the gold specs list
  (bench/gold/specs), comma-separated, repeated: the adversarial case (a
  500 KB line once took 124 s and 917 MB).

Each case runs in a fresh process, since peak RSS is a high-water mark: load
the model, then spaCy (`Recognizer(parallel=False).recognize`), then Gloss's
rule layer (`entities_of`), which is `extract_entities` without its second
process. spaCy's own time is the floor any extraction pays; `--baseline REV`
also runs every case up to `--baseline-max` characters on another commit's
`tui/` (`git archive` into a temporary folder): the before.

Usage: python bench/long_text.py [--baseline REV] [--baseline-max CHARS]
                                 [--sizes 100000,500000,2000000] [--limit SECONDS] [--no-record]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

WIKINEWS = ROOT / "tests" / "corpora" / "wikinews"
SPECS = ROOT / "bench" / "gold" / "specs"
KINDS = ("news", "names")
SIZES = (100_000, 500_000, 2_000_000)


def news_text(size: int) -> str:
    """Wikinews paragraphs (front matter left out), in file order, until `size` characters."""
    paragraphs: list[str] = []
    for path in sorted(WIKINEWS.glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        paragraphs.extend(p.strip() for p in body.split("\n\n") if p.strip())
    return _repeat(paragraphs, "\n\n", size)


def names_text(size: int) -> str:
    """One line: every name and alias of the gold specs, comma-separated, until `size`."""
    names: list[str] = []
    for spec in sorted(SPECS.glob("*.spec")):
        for line in spec.read_text(encoding="utf-8").splitlines():
            if "|" in line and not line.startswith(("acronym:", "skip:", "split:")):
                names.extend(part.strip() for part in line.split("|")[1:] if part.strip())
    return _repeat(names, ", ", size)


def _repeat(pieces: list[str], separator: str, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        out.append(pieces[len(out) % len(pieces)])
        total += len(out[-1]) + len(separator)
    return separator.join(out)[:size].rstrip()


def run_case(kind: str, size: int) -> dict[str, Any]:
    """In this process (a fresh one): extract entities from one article, measure."""
    from tui.entities.extractor import entities_of
    from tui.entities.recognizer import Recognizer
    from tui.ingest import read_bytes

    text = news_text(size) if kind == "news" else names_text(size)
    [article] = read_bytes(text.encode(), f"long-{kind}.txt", ".txt")
    recognizer = Recognizer(parallel=False)
    if recognizer.problem:
        raise SystemExit(recognizer.problem)
    loaded = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    [candidates] = recognizer.recognize([article.text])
    spacy_cpu = time.process_time() - cpu
    cpu = time.process_time()
    entities = entities_of(article, candidates)
    return {
        "chars": len(article.text),
        "wall_s": time.perf_counter() - started,
        "spacy_s": spacy_cpu,
        "rules_s": time.process_time() - cpu,
        "loaded_mb": loaded,
        "peak_mb": _peak_mb(),
        "candidates": len(candidates),
        "entities": len(entities),
        "mentions": sum(len(e.mentions) for e in entities),
    }


def _peak_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would keep the parent's peak across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def measure(kind: str, size: int, tree: Path, limit: float) -> dict[str, Any] | None:
    """One case in a fresh interpreter importing `tui` from `tree`; None when over `limit`."""
    command = [sys.executable, __file__, "--case", kind, str(size), "--tree", str(tree)]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def baseline_tree(revision: str, folder: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "tui"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def short_revision(revision: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def row(kind: str, size: int, commit: str, found: dict[str, Any] | None, limit: float) -> str:
    label = f"{kind} | {size // 1000:,} KB | {commit}"
    if found is None:
        return f"| {label} | stopped after {limit:.0f} s | | | | | | | |"
    total = found["spacy_s"] + found["rules_s"]
    per_100kb = total / (found["chars"] / 100_000)
    return (
        f"| {label} | {found['spacy_s']:.1f} | {found['rules_s']:.2f} | {total:.1f} "
        f"| {per_100kb:.1f} | {found['wall_s']:.1f} | {found['peak_mb']:.0f} "
        f"| {found['peak_mb'] - found['loaded_mb']:.0f} | {found['mentions']:,} "
        f"| {found['entities']:,} |"
    )


def growth(kind: str, results: dict[int, dict[str, Any] | None]) -> str:
    """How much time and memory grew from the smallest size to the largest measured."""
    sizes = sorted(size for size, found in results.items() if found)
    if len(sizes) < 2:
        return ""
    small, large = results[sizes[0]], results[sizes[-1]]
    assert small is not None and large is not None
    factor = large["chars"] / small["chars"]
    spacy = large["spacy_s"] / small["spacy_s"]
    rules = large["rules_s"] / small["rules_s"]
    above = (large["peak_mb"] - large["loaded_mb"]) / (small["peak_mb"] - small["loaded_mb"])
    return (
        f"- {kind}: text x{factor:.1f} ({sizes[0] // 1000} KB -> {sizes[-1] // 1000:,} KB): "
        f"spaCy CPU time x{spacy:.1f}, rule layer CPU time x{rules:.1f}, "
        f"memory above the loaded model x{above:.1f}."
    )


HEADER = (
    "| article | size | commit | spaCy CPU s | rules CPU s | CPU s | CPU s per 100 KB | wall s "
    "| peak MB | MB above model | mentions | entities |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", metavar="REV", help="also run the cases on this commit")
    parser.add_argument("--baseline-max", type=int, default=500_000, metavar="CHARS")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--limit", type=float, default=1800.0, metavar="SECONDS")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    if args.case:
        sys.path.insert(0, str(args.tree))
        import tui

        assert Path(tui.__file__).is_relative_to(args.tree), tui.__file__
        print(json.dumps(run_case(args.case[0], int(args.case[1]))))
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    head = short_revision("HEAD")
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "tui"], capture_output=True, text=True
    ).stdout.strip()
    head += " (uncommitted changes)" if dirty else ""
    load_before = os.getloadavg()[0]
    lines = [HEADER]
    growths: list[str] = []
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        before = baseline_tree(args.baseline, Path(scratch)) if args.baseline else None
        before_name = short_revision(args.baseline) if args.baseline else ""
        for kind in KINDS:
            results: dict[int, dict[str, Any] | None] = {}
            olds: dict[int, dict[str, Any] | None] = {}
            for size in sizes:
                results[size] = measure(kind, size, ROOT, args.limit)
                lines.append(row(kind, size, head, results[size], args.limit))
                print(lines[-1], flush=True)
                if before is not None and size <= args.baseline_max:
                    olds[size] = measure(kind, size, before, args.limit)
                    lines.append(row(kind, size, f"{before_name} (before)", olds[size], args.limit))
                    print(lines[-1], flush=True)
            growths.append(growth(kind, results))
            if olds:
                growths.append(growth(f"{kind}, {before_name} (before)", olds))
    load_after = os.getloadavg()[0]
    summary = "\n".join(g for g in growths if g)
    print(summary)
    if args.no_record:
        return
    skipped = ""
    if before is not None and any(size > args.baseline_max for size in sizes):
        skipped = (
            f" The before commit is not run above {args.baseline_max // 1000} KB: its "
            "rule layer is quadratic and its model batch holds every chunk at once."
        )
    write_section(
        "## Long articles: entity extraction",
        f"`python bench/long_text.py{' --baseline ' + args.baseline if args.baseline else ''}` "
        f"on {machine()}; commit {head}. Load average (1 min) before / after: "
        f"{load_before:.1f} / {load_after:.1f}.\n\n"
        "One article per row, each in a fresh process, one single-process recogniser: "
        "spaCy (`Recognizer.recognize`), then the rule layer (`entities_of`). spaCy's "
        "time is the floor of any extraction. Times are the process's CPU time (the "
        "machine is shared: wall time depends on the other work); wall s is both steps. "
        f"Peak MB is the process's peak RSS, model loaded included.{skipped}\n\n"
        + "\n".join(lines)
        + "\n\nGrowth from the smallest to the largest article measured:\n\n"
        + summary
        + "\n",
    )


if __name__ == "__main__":
    main()
