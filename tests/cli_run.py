"""Run `gloss` in-process as a script would, capturing what it prints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `gloss ARGS...`."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    """Exit code and the parsed JSON report of `gloss ARGS... --json`."""
    code, out, _ = run(capsys, *args, "--json")
    report = json.loads(out)
    assert isinstance(report, dict)
    return code, report
