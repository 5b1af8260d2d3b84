"""The article pane's rows: every character of the text on one row, no row too wide,
offsets and rows mapping both ways, on real articles (the longest page of the corpora,
a Chinese page, the seed)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.data_paths import READABILITY, SEED, data_file
from tui.ingest import read_path
from tui.models import Article
from tui.widgets.article_layout import GUTTER, ArticleLayout, cells, wrap

PAGES = {
    "wikipedia": READABILITY / "wikipedia-2" / "source.html",
    "qq": READABILITY / "qq" / "source.html",
    "seed": SEED,
}


def article(name: str) -> Article:
    [read] = read_path(data_file(PAGES[name]))
    return read


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("width", [1, 7, 40, 80])
def test_rows_cover_each_block_and_fit_the_width(name: str, width: int) -> None:
    text = article(name).text
    for block in article(name).blocks:
        spans = wrap(text, block.start, block.end, width)
        assert spans[0][0] == block.start and spans[-1][1] == block.end
        for (_, end), (start, _) in pairwise(spans):
            assert start in (end, end + 1), "rows follow each other (a newline between)"
        for start, end in spans:
            drawn = text[start:end].rstrip()
            assert cells(drawn) <= width or len(drawn) == 1, repr(drawn)


def test_words_are_never_cut_when_they_fit() -> None:
    text = article("wikipedia").text
    block = max(article("wikipedia").blocks, key=lambda b: b.end - b.start)
    for _, end in wrap(text, block.start, block.end, 40)[:-1]:
        assert text[end - 1].isspace(), "a row ends after a space, never inside a word"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_offsets_and_rows_map_both_ways(name: str) -> None:
    read = article(name)
    layout = ArticleLayout(read.title, "meta", read.text, read.blocks, 50, annotated={0})
    assert layout.offset_of_row(0) == 0, "the title's rows are the text's start"
    for index in range(len(read.blocks)):
        for y in layout.block_rows(index):
            row = layout.rows[y]
            assert row.block == index
            assert layout.row_of_offset(row.start) == y
            assert layout.offset_of_row(y) == row.start
            assert layout.row_of_offset(row.end - 1) == y or row.end == row.start
    first = layout.rows[layout.block_rows(0)[0]]
    assert cells(read.text[first.start : first.end].rstrip()) <= 50 - GUTTER, "gutter kept"


def test_rows_are_wrapped_as_asked_and_agree_with_a_finished_layout() -> None:
    """The first frame of the longest page wraps only its opening blocks; rows asked
    for in any order (a saved position deep in the text first) are the same rows."""
    read = article("wikipedia")
    finished = ArticleLayout(read.title, "meta", read.text, read.blocks, 60, annotated={3})
    finished.finish()
    lazy = ArticleLayout(read.title, "meta", read.text, read.blocks, 60, annotated={3})
    for y in range(40):  # one screen
        assert lazy.row(y) == finished.rows[y]
    assert len(lazy.first_rows) < len(read.blocks) // 10, "only the top was wrapped"
    assert not lazy.complete and lazy.height > 40
    deep = read.blocks[len(read.blocks) * 2 // 3].start + 5
    assert lazy.row_of_offset(deep) == finished.row_of_offset(deep)
    assert lazy.offset_of_row(finished.height - 1) == finished.offset_of_row(finished.height - 1)
    lazy.finish()
    assert lazy.complete and lazy.rows == finished.rows and lazy.height == finished.height
