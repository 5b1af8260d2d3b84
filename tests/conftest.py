"""Fixtures shared by unit and UI tests: real corpora, real libraries in tmp folders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data_paths import CORPORA, WIKINEWS, data_file, wikinews_files
from tests.unit.hong_kong_library import HONG_KONG
from tests.web_server import WebServer, started
from tui.importing.importer import import_paths
from tui.store import Library


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
def web_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebServer]:
    """A real HTTP server on 127.0.0.1 serving the corpora and faults (tests/web_server.py).

    While it runs nothing may reach beyond loopback: any other address goes to a
    proxy that is not there (port 9 on loopback), so it fails at once. Gloss's
    subprocesses inherit this. (Only here: pip, in the wheel test, needs its index.)
    """
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = started()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def corpora() -> Path:
    return data_file(CORPORA)


@pytest.fixture
def wikinews() -> list[Path]:
    return wikinews_files()


@pytest.fixture(scope="session")
def hong_kong_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hong-kong") / "library"
    with Library(folder) as library:
        report = import_paths(library, [data_file(WIKINEWS / name) for name in HONG_KONG])
        assert report.ok, report.failed
    return folder


@pytest.fixture
def hong_kong(hong_kong_template: Path, tmp_path: Path) -> Iterator[Library]:
    folder = tmp_path / "library"
    shutil.copytree(hong_kong_template, folder)
    opened = Library(folder)
    yield opened
    opened.close()
