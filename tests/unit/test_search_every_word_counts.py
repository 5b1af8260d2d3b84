"""Every word of a query counts: a long word, a one-letter word, a word with no letters.

A word the search cannot use must never widen the result: `gloss search` of a
65-letter word once listed the whole library, and so did any one-letter query.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import SEED
from tui.search.search_index import MAGIC
from tui.store.search_index_file import DELTA_FILE, INDEX_DIR, INDEX_FILE

LONG = "pseudo" + "supercalifragilisticexpialidocious" * 2  # 74 letters
OTHER_LONG = "b" * 65
TREATY = """\
Treaty notes

Article x of the treaty names the compound {long}, and point b refers to it.
"""
HARBOUR = """\
Harbour report

The harbour opened on time and every ship was counted twice.
"""


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "lib"
    treaty, harbour = tmp_path / "treaty.txt", tmp_path / "harbour.txt"
    treaty.write_text(TREATY.format(long=LONG), encoding="utf-8")
    harbour.write_text(HARBOUR, encoding="utf-8")
    code, _, err = run(
        capsys, "import", str(SEED), str(treaty), str(harbour), "--library", str(folder)
    )
    assert code == 0, err
    return folder


def titles(capsys: pytest.CaptureFixture[str], library: Path, *query: str) -> list[str]:
    code, out, err = run(capsys, "search", "--json", *query, "--library", str(library))
    assert (code, err) == (0, ""), err
    return sorted(hit["title"] for hit in json.loads(out))


def test_a_word_over_64_letters_is_found_and_only_where_it_is(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(LONG) > 64
    assert titles(capsys, library, LONG) == ["Treaty notes"]
    assert titles(capsys, library, LONG.upper(), "treaty") == ["Treaty notes"]
    assert titles(capsys, library, f'"compound {LONG}"') == ["Treaty notes"]
    assert titles(capsys, library, OTHER_LONG) == []  # once: every article in the library
    assert titles(capsys, library, "harbour", LONG) == []


def test_a_one_letter_query_matches_it_as_a_word(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert titles(capsys, library, "x") == ["Treaty notes"]
    assert titles(capsys, library, "b") == ["Treaty notes"]
    assert titles(capsys, library, "treaty", "x") == ["Treaty notes"]
    assert titles(capsys, library, "harbour", "x") == []
    assert titles(capsys, library, "q") == []  # a letter no article has as a word
    assert titles(capsys, library, '"point b') == ["Treaty notes"]  # an open phrase too


def test_a_query_with_nothing_to_search_for_is_refused_in_one_line(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for query in ("&", "— …", '"!!"'):
        code, out, err = run(capsys, "search", query, "--library", str(library))
        assert (code, out) == (1, ""), query
        assert err.startswith("gloss: ") and err.count("\n") == 1, err
        assert "letter or digit" in err
    assert titles(capsys, library, "harbour", "&") == ["Harbour report"]


def test_an_index_saved_before_long_words_were_kept_is_rebuilt(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The previous index format dropped long words: a library's old file must not be trusted."""
    index = library / INDEX_DIR / INDEX_FILE
    data = index.read_bytes()
    assert data.startswith(MAGIC)
    old = MAGIC[:-1] + bytes([MAGIC[-1] - 1])
    index.write_bytes(old + data[len(MAGIC) :])
    (library / INDEX_DIR / DELTA_FILE).unlink(missing_ok=True)
    assert titles(capsys, library, LONG) == ["Treaty notes"]
    assert index.read_bytes().startswith(MAGIC)
