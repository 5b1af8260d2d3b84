"""Gloss creates files as editors do, 0666 less the user's umask: with the usual 022 another
user can read a library and an export (they were 0600), and a 077 umask keeps them private."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_run import run
from tui.settings.ui_state import write_ui_state

STORY = (
    "---\ntitle: Harbour report\nurl: https://news.example/harbour\n---\n"
    "The harbour master said the new quay would open in June after two years of work.\n"
)


@pytest.fixture(params=[0o022, 0o077, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    old = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(old)


def modes(folder: Path) -> dict[str, tuple[int, bool]]:
    """Permission bits and whether it is a folder, for everything below `folder`; lock files
    aside (filelock makes them, with the umask too)."""
    return {
        str(path.relative_to(folder)): (stat.S_IMODE(path.stat().st_mode), path.is_dir())
        for path in folder.rglob("*")
        if not path.name.endswith(".lock")
    }


def test_library_export_and_settings_follow_the_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask: int
) -> None:
    story, library = tmp_path / "story.md", tmp_path / "lib"
    story.write_text(STORY)
    code, out, err = run(capsys, "import", str(story), "--library", str(library))
    assert code == 0, err
    article = out.split()[1]
    note = ["note", "add", article, "--quote", "new quay", "--body", "June"]
    assert run(capsys, *note, "--library", str(library))[0] == 0
    assert run(capsys, "search", "quay", "--library", str(library))[0] == 0  # saves the index
    exports = tmp_path / "exports"
    exports.mkdir()
    for args in (["--out", str(exports / "notes.md")], ["--out", str(exports / "vault")]):
        assert run(capsys, "export", *args, "--library", str(library))[0] == 0
    write_ui_state(tmp_path / "config" / "ui.json", theme="gloss-dark")

    file_mode, folder_mode = 0o666 & ~umask, 0o777 & ~umask
    found = {**modes(library), **modes(exports), "ui.json": modes(tmp_path / "config")["ui.json"]}
    assert {"catalog.json", "user.json", "search/index.bin", "notes.md", "vault"} <= set(found)
    assert any(name.startswith("bodies/") for name in found)
    wrong = {
        name: oct(mode)
        for name, (mode, is_folder) in found.items()
        if mode != (folder_mode if is_folder else file_mode)
    }
    assert wrong == {}
