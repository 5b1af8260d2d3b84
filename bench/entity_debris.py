"""Debris in the entity lists of every corpus text, and English-model names on pages in
other languages: what a reader would see in the sidebar after importing tests/corpora.

Debris is judged here by its own patterns, written from the kinds the issue lists and
not taken from the extractor's clean-up: a citation mark ("[28"), a bullet, markup or
code characters, a table's "|", a URL, e-mail or DOI, a bracket or quote that does not
close, or a name that is one function word ("Les", "Sin"). "Non-English" counts every
entity on pages whose language (labelled by hand, `bench/language.py`) has no model,
except dates in numeric form and acronyms with their long forms.

Usage: python bench/entity_debris.py [--before COMMIT]
  --before COMMIT  also measure that commit's extractor (exported with `git archive` to a
                   temporary folder, run in its own process) and record both tables in
                   the "## Entity debris" section of bench/RESULTS.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--code" in sys.argv:
    sys.path.insert(0, sys.argv[sys.argv.index("--code") + 1])
else:
    sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))
sys.path.insert(2, str(ROOT))  # tests.data_paths; `tui` comes from the first entry

from language import pages  # noqa: E402
from results_file import machine, write_section  # noqa: E402

import tui  # noqa: E402  (before `language` imports it)
from tui.entities import extract_entities  # noqa: E402

_DEBRIS = re.compile(r"\[|\]|^[•·*▪–-]|[<>{}|\\=;^`]|https?:|www\.|@|doi:|\(['\"]|['\"]\)")
_ONE_WORD = {
    *["les", "le", "la", "des", "du", "de", "et", "un", "une", "elle", "il", "ils"],
    *["elles", "deux", "trois", "on", "nous", "ce", "cette"],
    *["los", "las", "el", "del", "sin", "con", "por", "para", "una", "unos", "y"],
    *["der", "die", "das", "und", "ein", "eine", "je", "na", "se", "ve"],
}
_NUMERIC_DATE = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}[/.]\d{1,2}[/.]\d{4}$")


def unbalanced(name: str) -> bool:
    depth = Counter[str]()
    for ch in name:
        if ch in "([“":
            depth[ch] += 1
        elif ch in ")]”":
            opener = {")": "(", "]": "[", "”": "“"}[ch]
            if not depth[opener]:
                return True
            depth[opener] -= 1
    return any(depth.values()) or name.count('"') % 2 == 1


def is_debris(name: str) -> bool:
    one_word = name.casefold() in _ONE_WORD and not name.isupper()  # "LA" is Los Angeles
    return bool(_DEBRIS.search(name)) or unbalanced(name) or one_word


def before(commit: str) -> str:
    """The table of an older commit's extractor, measured in a process of its own."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "tui"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        out = subprocess.run(
            [sys.executable, __file__, "--code", folder],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return "\n".join(line for line in out.splitlines() if line.startswith("|"))


def main() -> None:
    if "--before" in sys.argv:
        commit = sys.argv[sys.argv.index("--before") + 1]
        old = before(commit)
        print(f"before ({commit}):\n{old}\n")
    started = time.perf_counter()
    texts = pages()
    found = extract_entities([article for _, _, article in texts])
    rows: dict[str, Counter[str]] = {}
    examples: list[str] = []
    print(f"tui from {Path(tui.__file__).parent}", file=sys.stderr)
    for (corpus, label, _article), entities in zip(texts, found, strict=True):
        counts = rows.setdefault(corpus, Counter())
        for entity in entities:
            counts["entities"] += 1
            names = [entity.name, *entity.aliases]
            if any(is_debris(name) for name in names):
                counts["debris"] += 1
                if len(examples) < 12:
                    examples.append(f"{corpus}: {entity.type} {entity.name!r}")
            if label not in ("en", "fr"):
                from_rules = _NUMERIC_DATE.match(entity.name) or any(
                    alias.isupper() for alias in entity.aliases
                )
                if not from_rules:
                    counts["non-English model names"] += 1
    total: Counter[str] = Counter()
    for counts in rows.values():
        total.update(counts)
    rows["all"] = total
    lines = [
        "| corpus | entities | debris | debris rate | names on pages without a model |",
        "| --- | --- | --- | --- | --- |",
    ]
    for corpus, c in rows.items():
        rate = c["debris"] / c["entities"] if c["entities"] else 0.0
        lines.append(
            f"| {corpus} | {c['entities']} | {c['debris']} | {rate:.1%} | "
            f"{c['non-English model names']} |"
        )
    table = "\n".join(lines)
    print(table)
    print("\n".join(examples))
    print(f"({time.perf_counter() - started:.1f} s)")
    if "--before" in sys.argv:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        write_section(
            "## Entity debris",
            f"`python bench/entity_debris.py --before {commit}` on {machine()}. Every text "
            "of `tests/corpora` (16 readability pages in 7 languages, 140 feed items, 36 "
            "Wikinews articles) and the seed; how debris is judged is in the script's "
            "docstring (its own patterns, not the extractor's).\n\n"
            f"Before (commit {commit}):\n\n{old}\n\n"
            f"After (commit {head} and the working tree it ran on):\n\n{table}\n",
        )


if __name__ == "__main__":
    main()
