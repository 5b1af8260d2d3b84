"""Gloss installs as a user installs it: a wheel, a new venv, and that venv's own pip.

No upgrade of pip first: `python3 -m venv` ships an older pip (23.x on Python
3.11), and every dependency Gloss imports must be named so that it finds them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data_paths import READABILITY, REPO, data_file


def run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.timeout(1200)
def test_the_wheel_installs_with_the_venvs_own_pip_and_lists_the_bundled_article(
    tmp_path: Path,
) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, REPO)
    [wheel] = wheels.glob("gloss-*.whl")
    venv = tmp_path / "venv"
    # The venv module of the interpreter behind this one, as a user would run it.
    run(Path(sys.base_prefix) / "bin" / "python3", "-m", "venv", venv)
    pip_version = run(venv / "bin" / "python", "-m", "pip", "--version")
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)
    listed = json.loads(
        run(venv / "bin" / "gloss", "--library", tmp_path / "library", "list", "--json")
    )
    assert [article["title"] for article in listed] == [
        "The China Mobile Communication Association Metaverse Committee (CMCAMC) has signed a "
        "strategic partnership with the Asia Digital Bank (ADB)"
    ], pip_version
    page = data_file(READABILITY / "bbc-1" / "source.html")
    run(venv / "bin" / "gloss", "--library", tmp_path / "library", "import", page)
