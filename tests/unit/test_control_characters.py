"""No control character reaches the terminal: not from what is stored, not from arguments.

What a user types is stored without escape sequences; what a library file
holds (it may come from another program) is defused again at every output:
text and JSON on stdout, exports, and every error line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import SEED
from tests.poisoned_library import PAYLOAD, TYPED, VISIBLE, has_control, poisoned_library
from tui.importing.importer import import_paths
from tui.models import Note
from tui.store import Library

ESCAPE = "\x1b]0;PWN\x07\x1b[2J"
ESCAPED = "\\x1b]0;PWN\\x07\\x1b[2J"


@pytest.fixture
def poisoned(tmp_path: Path) -> tuple[str, str]:
    """(library folder, article id) of a library whose files hold PAYLOAD everywhere."""
    folder = tmp_path / "lib"
    return str(folder), poisoned_library(folder)


def stored_text(folder: Path) -> str:
    """Every library file as JSON parsed back: what Gloss actually wrote."""
    values = [
        json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        for path in sorted(folder.rglob("*.json"))
    ]
    return "\n".join(values)


def strings(value: object) -> str:
    """Every string in a parsed JSON value, one per line."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return "\n".join(strings(item) for item in value)
    return ""


def test_what_a_user_types_is_stored_without_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        article_id = import_paths(library, [SEED]).added[0].id
        note = library.add_note(
            Note(
                id="",
                article_id=article_id,
                body=f"pasted {PAYLOAD}\n\tindented",
                tags=(f"tag{TYPED}",),
                entity=f"Beijing{TYPED}",
            )
        )
        library.update_note(
            Note(
                id=note.id,
                article_id=article_id,
                body=f"edited {PAYLOAD}\n\tstill indented",
                tags=(f"other{TYPED}",),
            )
        )
        library.set_article_tags(article_id, [f"own{TYPED}"])
        library.save_search(f"view{TYPED}", f"adb{TYPED}")
        stored = library.notes(article_id)[0]
        # Sequences go whole, other controls alone (a carriage return ends a line); the
        # newline and the tab stay.
        assert stored.body == "edited 31m\n\n\tstill indented"
        assert stored.tags == ("other",)
        assert library.reading_state(article_id).tags == ("own",)
        assert [view.name for view in library.saved_searches()] == ["view"]
    written = stored_text(folder)
    assert not has_control(written, allowed="\n\t")
    assert "edited" in written and "view" in written


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", "{id}"),
        ("notes",),
        ("notes", "{id}"),
        ("search", "partnership"),
        ("entities", "{id}"),
        ("export",),
        ("export", "--format", "w3c"),
    ],
)
def test_stored_control_characters_never_reach_stdout(
    poisoned: tuple[str, str], capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    folder, article_id = poisoned
    args = [part.format(id=article_id) for part in command]
    code, out, err = run(capsys, *args, "--library", folder)
    assert code == 0, err
    assert VISIBLE in out  # the poisoned fields were printed, defused
    assert not has_control(out + err, allowed="\n")


@pytest.mark.parametrize(
    "command",
    [("list",), ("show", "{id}"), ("notes",), ("search", "partnership"), ("entities", "{id}")],
)
def test_json_escapes_c1_and_keeps_the_stored_value(
    poisoned: tuple[str, str], capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    folder, article_id = poisoned
    args = [part.format(id=article_id) for part in command]
    code, out, err = run(capsys, *args, "--json", "--library", folder)
    assert code == 0, err
    assert not has_control(out, allowed="\n")
    assert "\\u009b" in out and "\\u202e" in out
    assert PAYLOAD in strings(json.loads(out))  # escaped, not dropped: scripts see the file


def test_exported_files_hold_no_control_characters(
    poisoned: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = poisoned
    out = tmp_path / "vault"
    code, _, err = run(capsys, "export", "--out", str(out), "--library", folder)
    assert code == 0, err
    (markdown,) = out.glob("*.md")
    text = markdown.read_text(encoding="utf-8")
    assert VISIBLE in text and not has_control(text, allowed="\n")
    w3c = tmp_path / "notes.jsonld"
    code, _, err = run(capsys, "export", "--format", "w3c", "--out", str(w3c), "--library", folder)
    assert code == 0, err
    text = w3c.read_text(encoding="utf-8")
    assert not has_control(text, allowed="\n")
    assert PAYLOAD in strings(json.loads(text))


def assert_escaped(code: int, err: str) -> None:
    assert code != 0
    assert ESCAPED in err, err
    assert not has_control(err, allowed="\n")


def test_a_bad_search_filter_is_echoed_escaped(
    poisoned: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = poisoned
    code, _, err = run(capsys, "search", f"is:{ESCAPE}", "--library", folder)
    assert_escaped(code, err)
    assert len(err.splitlines()) == 1


def test_a_library_that_cannot_be_made_is_named_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "list", "--library", str(blocker / ESCAPE))
    assert_escaped(code, err)
    assert len(err.splitlines()) == 1


def test_an_export_path_that_cannot_be_written_is_named_escaped(
    poisoned: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = poisoned
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for fmt in ("markdown", "w3c"):
        out = str(blocker / ESCAPE / "x")
        code, _, err = run(capsys, "export", "--format", fmt, "--out", out, "--library", folder)
        assert_escaped(code, err)
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--bogus", ESCAPE),
        ("notes", "some-id", ESCAPE),
    ],
)
def test_argument_errors_are_echoed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *args, "--library", str(tmp_path / "lib"))
    _, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert_escaped(2, err)


@pytest.mark.parametrize(
    "module",
    ["tui.store", "tui.search", "tui.ingest", "tui.commands.user_error", "tui.annotations.export"],
)
def test_every_error_class_imports_first_in_a_fresh_process(module: str) -> None:
    """The errors share a base that escapes their message; no import order may break it."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
