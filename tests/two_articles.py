"""Two real Wikinews articles (Facebook's leaked records, Tesco's sale) in a CLI test's library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import WIKINEWS, data_file
from tui.store import Library

FACEBOOK = data_file(
    WIKINEWS / "2019-04-08-540-million-private-facebook-records-found-on-public-internet.md"
)
TESCO = data_file(
    WIKINEWS
    / "2020-06-21-british-supermarket-chain-tesco-to-sell-its-polish-branch-to-salling-g.md"
)


def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The folder of a new library both are imported into (with the seed article)."""
    folder = str(tmp_path / "lib")
    code, _, err = run(capsys, "import", str(FACEBOOK), str(TESCO), "--library", folder)
    assert code == 0, err
    return folder


def article_id(library: str, title_word: str) -> str:
    """The id of the article whose title holds this word."""
    with Library(Path(library)) as lib:
        return next(a.id for a in lib.list_articles() if title_word in a.title)
