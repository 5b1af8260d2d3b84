"""The app's refresh and URL saving, run as `gloss ... --json` in a helper process.

Storing an article finds its entities with spaCy, which the app never loads
(it would cost the reader seconds and hundreds of megabytes); the helper
process does it, writing the library under its locks while the reader goes on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.ingest.clean import clean_text
from tui.web.feed_outcome import FeedOutcome, refresh_summary


@dataclass(frozen=True, slots=True)
class Saved:
    """What saving one URL did: the article's id and title, or the one-line reason it failed."""

    article_id: str | None = None
    title: str = ""
    problem: str | None = None


def run_gloss(library: Path, *args: str) -> tuple[Any, str]:
    """`gloss --library LIBRARY ARGS... --json`: its parsed output (None if none) and its
    stderr's last line."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--library", str(library), *args, "--json"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    err = done.stderr.decode("utf-8", "replace").strip().splitlines()
    last = clean_text(err[-1]).removeprefix("gloss: ") if err else ""
    try:
        return json.loads(done.stdout), last
    except ValueError:
        return None, last or f"gloss stopped with exit code {done.returncode}"


def refresh_all(library: Path) -> tuple[list[FeedOutcome], str]:
    """Refresh every feed: the outcomes and the summary line ("12 new in 3 feeds, ...")."""
    report, problem = run_gloss(library, "feed", "refresh")
    if not isinstance(report, dict):
        return [], f"refresh failed: {problem}"
    outcomes = [FeedOutcome.from_json(row) for row in report.get("feeds", [])]
    return outcomes, refresh_summary(outcomes)


def save_url(library: Path, url: str) -> Saved:
    """Import one URL; the stored article (new, updated or already there) or why not."""
    report, problem = run_gloss(library, "import", url)
    if not isinstance(report, dict):
        return Saved(problem=problem)
    for failure in report.get("failed", []):
        return Saved(problem=f"{failure.get('file')}: {failure.get('reason')}")
    for duplicate in report.get("duplicates", []):
        return Saved(duplicate.get("duplicate_of"), str(duplicate.get("title") or ""))
    ids = [*report.get("added", []), *report.get("updated", []), *report.get("unchanged", [])]
    if not ids:
        return Saved(problem=f"{url}: nothing to save")
    return Saved(str(ids[0]))
