"""Fixtures shared by unit and UI tests: real corpora, real libraries in tmp folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data_paths import CORPORA, data_file, wikinews_files


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may read or write the real user's library or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("GLOSS_LIBRARY", raising=False)


@pytest.fixture
def corpora() -> Path:
    return data_file(CORPORA)


@pytest.fixture
def wikinews() -> list[Path]:
    return wikinews_files()
