"""The command line as a shell script meets it: pipes closed early, and what each command loads.

Each command runs as a real process. A read end closed before the command
writes is what `gloss list | head -1` does to the rest of a long listing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data_paths import SEED, WIKINEWS, data_file

# Loaded only to import (trafilatura and its jusText pull in lxml_html_clean)
# or to extract entities; reading the library needs none of them.
HEAVY = ("trafilatura", "justext", "lxml_html_clean", "feedparser", "spacy")
ARTICLE = data_file(
    WIKINEWS / "2019-09-06-hong-kong-leader-announces-withdrawal-of-extradition-bill.md"
)


def gloss(
    *args: str, stdout: int | None = subprocess.PIPE, flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *flags, "-m", "tui.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A library with two articles and a note; the id of the Wikinews one."""
    folder = tmp_path_factory.mktemp("manners") / "library"
    imported = gloss("--library", str(folder), "import", str(SEED), str(ARTICLE))
    assert imported.returncode == 0, imported.stderr
    listed = json.loads(gloss("--library", str(folder), "list", "--json").stdout)
    article_id = next(row["id"] for row in listed if "Hong Kong" in row["title"])
    note = gloss(
        "--library",
        str(folder),
        "note",
        "add",
        article_id,
        "--quote",
        "Carrie Lam",
        "--body",
        "who spoke",
    )
    assert note.returncode == 0, note.stderr
    return folder, article_id


COMMANDS = (
    ("list",),
    ("list", "--json"),
    ("show", "{id}"),
    ("show", "{id}", "--json"),
    ("notes",),
    ("notes", "--json"),
    ("entities", "{id}"),
    ("entities", "{id}", "--json"),
    ("search", "Hong Kong"),
    ("search", "Hong Kong", "--json"),
    ("export",),
    ("--help",),
    ("import", "--help"),
)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_quietly_with_status_0(
    library: tuple[Path, str], command: tuple[str, ...]
) -> None:
    folder, article_id = library
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte is written
    try:
        args = ["--library", str(folder), *(part.format(id=article_id) for part in command)]
        result = gloss(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_list_into_head_prints_one_line(library: tuple[Path, str]) -> None:
    folder, _ = library
    result = subprocess.run(
        f"{sys.executable} -m tui.cli --library {folder} list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ""


def imported_modules(stderr: str) -> set[str]:
    """Top-level packages named by `python -X importtime`."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize(
    "command",
    [("list",), ("show", "{id}"), ("notes",), ("search", "Hong Kong"), ("entities", "{id}")],
    ids=" ".join,
)
def test_reading_the_library_loads_no_importer_and_no_model(
    library: tuple[Path, str], command: tuple[str, ...]
) -> None:
    folder, article_id = library
    args = ["--library", str(folder), *(part.format(id=article_id) for part in command)]
    result = gloss(*args, flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = imported_modules(result.stderr)
    assert "tui" in loaded, "importtime reported the run"
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_new_library_is_filled_without_the_web_readers(tmp_path: Path) -> None:
    """The bundled article is plain text: filling a library needs no HTML or feed reader."""
    result = gloss("--library", str(tmp_path / "new"), "list", flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "China Mobile Communication" in result.stdout
    loaded = imported_modules(result.stderr)
    assert not loaded & {"trafilatura", "justext", "lxml_html_clean", "feedparser"}
