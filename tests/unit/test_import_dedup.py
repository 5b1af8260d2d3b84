"""Duplicates without entity extraction: Library.ids_by_text_hash and the Deduplicator's rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.importing.deduplicator import COMMON, MIN_WORDS, Deduplicator
from tui.ingest import read_bytes
from tui.models import Article
from tui.store import Library

BODY = (
    "The harbour authority said on Tuesday that the new container terminal would open "
    "in March, two years later than planned, after a dispute over dredging permits."
)


def article(body: str = BODY, url: str | None = None, name: str = "a.md") -> Article:
    front = f"---\nurl: {url}\n---\n" if url else ""
    [read] = read_bytes(f"{front}{body}\n".encode(), name, ".md")
    return read


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib") as opened:
        yield opened


def test_ids_by_text_hash_lists_every_holder_oldest_first(library: Library) -> None:
    first, second = article(url="https://a.example/1"), article(url="https://b.example/2")
    other = article(BODY + " More.", url="https://c.example/3")
    library.add_articles([first, second, other])
    index = library.ids_by_text_hash()
    assert index[first.text_hash] == [first.id, second.id]
    assert index[other.text_hash] == [other.id]


def test_same_text_other_url_or_none_is_a_duplicate_of_the_stored_one(library: Library) -> None:
    stored = article(url="https://a.example/1")
    library.add_articles([stored])
    keep, skipped = Deduplicator(library.ids_by_text_hash()).split(
        [article(url="https://mirror.example/1"), article(name="copy.txt")]
    )
    assert keep == []
    assert [(d.duplicate_of, d.same, d.source) for d in skipped] == [
        (stored.id, "same text", "a.md"),
        (stored.id, "same text", "copy.txt"),
    ]


def test_same_url_meets_the_stored_article_not_a_duplicate(library: Library) -> None:
    stored = article(url="https://a.example/1")
    library.add_articles([stored])
    same = article(url="https://a.example/1", name="again.md")
    changed = article(BODY + " Update: it opened.", url="https://a.example/1")
    assert Deduplicator(library.ids_by_text_hash()).split([same]) == ([same], [])
    assert Deduplicator(library.ids_by_text_hash()).split([changed]) == ([changed], [])


def test_within_one_run_the_first_is_kept(library: Library) -> None:
    dedup = Deduplicator(library.ids_by_text_hash())
    first = article(url="https://a.example/1", name="one.md")
    assert dedup.split([first]) == ([first], [])
    keep, skipped = dedup.split(
        [
            article(url="https://b.example/2", name="two.md"),  # same text
            article(BODY + " Changed.", url="https://a.example/1", name="three.md"),  # same URL
            article(name="four.md"),  # same text, no URL
        ]
    )
    assert keep == []
    assert [(d.source, d.duplicate_of, d.same) for d in skipped] == [
        ("two.md", first.id, "same text"),
        ("three.md", first.id, "same URL"),
        ("four.md", first.id, "same text"),
    ]


def test_same_text_without_url_twice_in_a_run(library: Library) -> None:
    dedup = Deduplicator(library.ids_by_text_hash())
    one, two = article(name="one.txt"), article(name="two.txt")
    assert one.id == two.id
    keep, skipped = dedup.split([one, two])
    assert keep == [one]
    assert [(d.source, d.duplicate_of, d.same) for d in skipped] == [
        ("two.txt", one.id, "same text")
    ]


def test_short_texts_are_not_compared(library: Library) -> None:
    """Hacker News items all have the text "Comments": different articles, not copies."""
    short = "Comments"
    assert len(short.split()) < MIN_WORDS
    items = [article(short, url=f"https://news.example/{n}") for n in range(3)]
    library.add_articles(items[:1])
    assert Deduplicator(library.ids_by_text_hash()).split(items) == (items, [])


def test_extractor_versions_in_one_read(library: Library) -> None:
    one, two = article(url="https://a.example/1"), article(BODY + " Two.", url="https://b/2")
    library.add_articles([one, two])
    library.set_entities_many([(one.id, [])], "7")
    assert library.extractor_versions([one.id, two.id, "ffffffffffff"]) == {
        one.id: "7",
        two.id: None,
        "ffffffffffff": None,
    }


def test_a_near_copy_is_caught_among_many_texts_that_end_alike(library: Library) -> None:
    """A footer every text shares is boilerplate once more than COMMON texts hold it: it is
    no longer compared (an import stays linear), and copies are told by the rest."""
    footer = " ".join(f"footer{n}" for n in range(60))
    bodies = [" ".join(f"story{i}word{n}" for n in range(300)) for i in range(COMMON + 20)]
    texts = [f"{body}\n\n{footer}" for body in bodies]
    dedup = Deduplicator(library.ids_by_text_hash())
    keep, skipped = dedup.split([article(text, name=f"{i}.md") for i, text in enumerate(texts)])
    assert len(keep) == len(texts) and skipped == [], "sharing a footer makes no copies"
    near = texts[COMMON + 10].replace("word299", "changed", 1)
    keep, skipped = dedup.split([article(near, name="near.md")])
    assert keep == [] and [(d.source, d.same) for d in skipped] == [("near.md", "similar text")]
