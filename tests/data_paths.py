"""Where the suite's real-world data lives: inside the repository, so a clone is complete.

Every path is checked when it is asked for. Missing data is an error with the
path in it, never a skip and never a smaller library: a suite that quietly
shrank would pass while testing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "content" / "000_d50ad6537b36c490.txt"
CORPORA = REPO / "tests" / "corpora"
WIKINEWS = CORPORA / "wikinews"
FEEDS = CORPORA / "feeds"
READABILITY = CORPORA / "readability"
BROKEN_INPUTS = REPO / "tests" / "broken_inputs"
"""Real files that must fail to import, kept out of the corpora (see its README)."""


class MissingTestData(FileNotFoundError):
    """The repository lacks a file the suite needs (see tests/corpora/README.md)."""


def data_file(path: Path) -> Path:
    """`path`, which must exist."""
    if not path.exists():
        raise MissingTestData(f"test data missing: {path} (see tests/corpora/README.md)")
    return path


def data_files(folder: Path, pattern: str) -> list[Path]:
    """The files in `folder` matching `pattern`, sorted; at least one must exist."""
    found = sorted(data_file(folder).glob(pattern))
    if not found:
        raise MissingTestData(f"test data missing: no {pattern} in {folder}")
    return found


def manifest(folder: Path) -> dict[str, Any]:
    """A corpus folder's manifest.json."""
    loaded: dict[str, Any] = json.loads(data_file(folder / "manifest.json").read_text("utf-8"))
    return loaded


def wikinews_files() -> list[Path]:
    """The 36 Wikinews articles."""
    return data_files(WIKINEWS, "*.md")
