"""The entities of the seed and every Wikinews article as JSON: a re-layout's proof.

A change meant to keep behaviour (moving rules between modules, renaming) must
give the same entities before and after, with the model and without it:

    python bench/entity_snapshot.py --against REV   # "identical", or the articles that differ
    python bench/entity_snapshot.py > now.json      # the JSON, to diff by hand

`--against` runs REV's `tui/` (`git archive` into a temporary folder, as
bench/long_text.py does) in a second process; no checkout, no stash. A rule
change shows up as the articles it changed. Nothing is recorded in RESULTS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def snapshot() -> dict[str, Any]:
    """Entities per article id: "model" through spaCy, "no model" from dates by pattern."""
    from tests.data_paths import SEED, WIKINEWS, data_files
    from tui.entities import extract_entities
    from tui.entities.dates import find_dates
    from tui.entities.extractor import entities_of
    from tui.ingest import read_path

    files = [SEED, *data_files(WIKINEWS, "*.md")]
    articles = [article for path in files for article in read_path(path)]
    return {
        article.id: {
            "model": [dataclasses.asdict(e) for e in entities],
            "no model": [
                dataclasses.asdict(e)
                for e in entities_of(article, find_dates(article.text), model=False)
            ],
        }
        for article, entities in zip(articles, extract_entities(articles), strict=True)
    }


def snapshot_of(revision: str) -> dict[str, Any]:
    """The same, with `revision`'s tui/ (the tests' data paths stay this checkout's)."""
    from long_text import baseline_tree

    with tempfile.TemporaryDirectory() as scratch:
        tree = baseline_tree(revision, Path(scratch))
        out = subprocess.run(
            [sys.executable, __file__, "--tui-from", str(tree)],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="compare with this commit's entities")
    parser.add_argument("--tui-from", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path[:0] = [args.tui_from] if args.tui_from else []
    sys.path.insert(1 if args.tui_from else 0, str(ROOT))
    if args.against is None:
        json.dump(snapshot(), sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    before = snapshot_of(args.against)
    now = json.loads(json.dumps(snapshot()))  # tuples as lists, as `before` came back
    differ = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
    if not differ:
        print(f"identical: {len(now)} articles, with and without the model")
        return 0
    print(f"{len(differ)} of {len(now)} articles differ from {args.against}: {', '.join(differ)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
