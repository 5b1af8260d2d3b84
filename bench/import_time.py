"""What `gloss` imports before its app runs, against what the minimal Textual app imports.

Cold start is imports plus one frame (issue 13), so this measures the first part with
`python -X importtime`: in fresh interpreters, alternately, `import tui.cli, tui.app`
(what plain `gloss` has imported when `GlossApp.run` is called) and the minimal app's
module (bench/minimal_app.py: textual.app, Header, Static, Footer). Each run's total is
the sum of its top-level imports' cumulative times; the table gives the medians, and
what Gloss imports that the minimal app does not, by package (median self time).
Bytecode is written and one untimed run of each comes first, as an installed app has
its .pyc files.

Usage: python bench/import_time.py [--runs N] [--before COMMIT] [--no-record]
  --before COMMIT  also measure that commit's Gloss (a `git archive` of its tui/)
Records the "## Import time at start" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from make_library import commit  # noqa: E402
from results_file import machine, write_section  # noqa: E402

GLOSS = "import tui.cli, tui.app"
MINIMAL = "import minimal_app"
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")
SHOWN = 12  # packages listed


def imports(code: str, path: Path) -> dict[str, tuple[int, int, int]]:
    """module -> (self µs, cumulative µs, depth) of one fresh interpreter's imports."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(path), str(ROOT / "bench")])
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        cwd=path,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, tuple[int, int, int]] = {}
    for line in done.stderr.splitlines():
        match = LINE.match(line)
        if match:
            own, total, indent, name = match.groups()
            found[name] = (int(own), int(total), len(indent))
    return found


def total_ms(found: dict[str, tuple[int, int, int]]) -> float:
    """All the run's import time: its top-level imports' cumulative times."""
    return sum(total for _, total, depth in found.values() if depth <= 1) / 1000


def package(module: str) -> str:
    """Gloss's modules by subpackage (tui.store), others by top-level package."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "tui" else parts[0]


def measure(path: Path, runs: int) -> tuple[list[float], list[float], dict[str, list[float]]]:
    """Gloss's and the minimal app's totals (ms) per run, and Gloss's extra packages' self ms."""
    imports(GLOSS, path)  # untimed: writes the bytecode
    imports(MINIMAL, path)
    gloss_totals, minimal_totals = [], []
    extra: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        gloss, minimal = imports(GLOSS, path), imports(MINIMAL, path)
        gloss_totals.append(total_ms(gloss))
        minimal_totals.append(total_ms(minimal))
        by_package: dict[str, float] = defaultdict(float)
        for name, (own, _, _) in gloss.items():
            if name not in minimal:
                by_package[package(name)] += own / 1000
        for name, ms in by_package.items():
            extra[name].append(ms)
    return gloss_totals, minimal_totals, extra


def checkout(commit_id: str, folder: Path) -> Path:
    """That commit's tui/ (and the bench's minimal app) in `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit_id, "tui", "content", "bench/minimal_app.py"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def rows(label: str, path: Path, runs: int) -> tuple[str, list[str]]:
    gloss, minimal, extra = measure(path, runs)
    g, m = statistics.median(gloss), statistics.median(minimal)
    line = f"| {label} | {g:.0f} | {m:.0f} | {g - m:+.0f} | {g / m:.2f}x |"
    medians = {name: statistics.median(values + [0.0] * (runs - len(values)))
               for name, values in extra.items()}  # fmt: skip
    top = sorted(medians.items(), key=lambda item: -item[1])[:SHOWN]
    return line, [f"| {label} | {name} | {ms:.1f} |" for name, ms in top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (median)")
    parser.add_argument("--before", metavar="COMMIT", help="also measure this commit's Gloss")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    head = commit()
    totals, packages = [], []
    with tempfile.TemporaryDirectory() as folder:
        measured = [(head, ROOT)]
        if args.before:
            measured.append((f"{args.before} (before)", checkout(args.before, Path(folder))))
        for label, path in measured:
            line, top = rows(label, path, args.runs)
            totals.append(line)
            packages += top
    flags = f" --before {args.before}" if args.before else ""
    body = (
        f"`python bench/import_time.py --runs {args.runs}{flags}` on {machine()}.\n\n"
        f"Medians of {args.runs} fresh interpreters each, Gloss's and the minimal app's "
        "alternating (bytecode written first). *Gloss*: `import tui.cli, tui.app`, what plain "
        "`gloss` has imported when its app starts; *minimal*: bench/minimal_app.py (textual.app, "
        "Header, Static, Footer). Totals are the sum of the top-level imports' cumulative "
        "`-X importtime` figures.\n\n"
        "| commit | Gloss ms | minimal app ms | difference ms | ratio |\n"
        "| --- | --- | --- | --- | --- |\n" + "\n".join(totals) + "\n\n"
        "What Gloss imports that the minimal app does not, by package: median self time, ms "
        f"(the {SHOWN} largest).\n\n"
        "| commit | package | ms |\n| --- | --- | --- |\n" + "\n".join(packages) + "\n"
    )
    print(body)
    if not args.no_record:
        write_section("## Import time at start", body)
        print("recorded in bench/RESULTS.md")


if __name__ == "__main__":
    main()
