"""GUM's news documents (bench/ner_corpus/gum) as gold name mentions for bench/public_ner.py.

A broken or shrunk copy, or a conversion that drifts off the text, must fail here
rather than quietly change what the benchmark measures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gum_news import GUM, NEWS, news_files, read_document


def test_every_news_document_is_there_with_its_licence() -> None:
    assert len(news_files()) == 24
    licence = (GUM / "LICENSE.txt").read_text("utf-8")
    assert "Creative Commons Attribution (CC-BY) version 4.0" in licence
    assert "Wikinews/interviews:   http://creativecommons.org/licenses/by/2.5/" in licence


def test_names_of_a_news_document() -> None:
    document = read_document(NEWS / "GUM_news_nasa.conllu")
    article = document.article
    assert article.title.startswith("NASA celebrates 30th anniversary of first shuttle launch")
    assert article.text.startswith(article.title + "\n\nWednesday, April 13, 2011\n\n")
    found = {(m.type, m.text) for m in document.mentions}
    assert {
        ("organization", "NASA"),
        ("person", "Charles Bolden"),  # GUM's mention is "NASA Administrator Charles Bolden"
        ("place", "Kennedy Space Center"),  # "the Kennedy Space Center in Cape Canaveral, ..."
        ("place", "Cape Canaveral"),
        ("date", "April 13, 2011"),
    } <= found
    # No nesting: the year inside the date is not a mention of its own.
    date = next(m for m in document.mentions if m.text == "April 13, 2011")
    assert not any(
        date.start <= m.start and m.end <= date.end and m is not date for m in document.mentions
    )
    assert ("person", "NASA Administrator Charles Bolden") not in found  # the title stays out
    assert not any(m.text.startswith(("the ", "The ")) for m in document.mentions)
    for mention in document.mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_a_word_inside_a_multiword_token_gets_its_own_offsets() -> None:
    document = read_document(NEWS / "GUM_news_afghan.conllu")
    trump = [m for m in document.mentions if m.text == "Trump"]
    assert trump
    assert any(document.article.text[m.end : m.end + 2] == "'s" for m in trump)


def test_a_damaged_copy_fails_naming_the_file(tmp_path: Path) -> None:
    lines = (NEWS / "GUM_news_nasa.conllu").read_text("utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("3\t30th"))
    damaged = tmp_path / "GUM_news_nasa.conllu"
    damaged.write_text("\n".join(lines[: cut + 1]) + "\n", "utf-8")  # an entity left open
    with pytest.raises(ValueError, match=r"GUM_news_nasa\.conllu: a mention crosses"):
        read_document(damaged)
