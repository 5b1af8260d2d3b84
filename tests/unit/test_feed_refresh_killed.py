"""A refresh killed at any moment (SIGKILL: no clean-up at all) costs nothing.

The library and the subscriptions stay readable, and the next refresh
completes the work without storing any entry twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import REPO
from tests.web_server import WebServer
from tui.store import Library

FEEDS = ("/hn.xml", "/changing.xml")


def start_refresh(library: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--library", str(library), "feed", "refresh"],
        cwd=REPO,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def killed(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def check_readable(library_dir: Path) -> None:
    with Library(library_dir) as library:
        assert [feed.url.rsplit("/", 1)[1] for feed in library.feeds()] == [
            "hn.xml",
            "changing.xml",
        ]
        for summary in library.list_articles():
            assert library.get_article(summary.id).text


def feed_articles(library_dir: Path) -> list[str]:
    with Library(library_dir) as library:
        return [s.url or "" for s in library.list_articles() if s.url]


def test_refresh_killed_at_any_moment_then_completed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    library = tmp_path / "lib"
    for path in FEEDS:
        assert run(capsys, "--library", str(library), "feed", "add", web_server.url(path))[0] == 0
    web_server.validators = False  # every run reads the feeds whole

    # Killed while one of the pages is being fetched (the server holds it).
    web_server.held.add("/pages/heise")
    process = start_refresh(library)
    assert web_server.holding.wait(timeout=120)
    killed(process)
    web_server.release()
    check_readable(library)

    # Killed at moments spread over the run: reading, storing, finding entities.
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0, 6.0):
        process = start_refresh(library)
        time.sleep(delay)  # a kill point, not a measurement
        if process.poll() is None:
            killed(process)
        check_readable(library)

    code, _, err = run(capsys, "--library", str(library), "feed", "refresh")
    assert code == 0, err
    urls = feed_articles(library)
    assert len(urls) == 7 + 3, urls
    assert not [url for url, count in Counter(urls).items() if count > 1]
