"""Only a few body shards stay parsed: every text still reads right, and a changed one anew."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tui.models import Article, Block
from tui.store import Library
from tui.store.recent_bodies import SHARDS_KEPT, RecentBodies
from tui.store.shards import BODIES_DIR, Shards


def article(number: int, words: str) -> Article:
    """An article in shard `number` (ids are hex: the first two digits name the shard)."""
    text = f"Article {number}\n\n{words}"
    heading = len(f"Article {number}")
    return Article(
        id=f"{number:02x}{'c0ffee' * 4}",
        title=f"Article {number}",
        text=text,
        blocks=(Block("heading", 0, heading), Block("paragraph", heading + 2, len(text))),
    )


def age(folder: Path, seconds: float) -> None:
    """Date every body shard back, so its stamp is trusted (a file this fresh never is)."""
    past = time.time() - seconds
    for shard in (folder / BODIES_DIR).glob("*.json"):
        os.utime(shard, (past, past))


def test_more_shards_than_kept_still_read_every_text(tmp_path: Path) -> None:
    articles = [article(n, f"words of shard {n} marmalade{n}") for n in range(3 * SHARDS_KEPT)]
    with Library(tmp_path) as library:
        library.add_articles(articles)
    age(tmp_path, 60)
    with Library(tmp_path) as library:
        for _ in range(2):  # the second round finds the first shards let go
            for stored in articles:
                assert library.get_article(stored.id).text == stored.text
        for n in range(3 * SHARDS_KEPT):  # snippets read the texts through the same cache
            hits = library.search(f"marmalade{n}", as_typed=False)
            assert [hit.article_id for hit in hits] == [articles[n].id]
            assert f"marmalade{n}" in hits[0].snippet


def test_a_text_changed_by_another_process_is_read_anew(tmp_path: Path) -> None:
    first = article(1, "the old words")
    with Library(tmp_path) as library:
        library.add_articles([first])
    age(tmp_path, 60)
    with Library(tmp_path) as reader:
        assert reader.get_article(first.id).text == first.text
        assert "old" in reader.search("old", as_typed=False)[0].snippet
        changed = article(1, "the new words")
        with Library(tmp_path) as writer:
            writer.add_articles([changed])
        age(tmp_path, 30)  # an older mtime than the one kept: only the stamp tells
        assert reader.get_article(first.id).text == changed.text
        hits = reader.search("new", as_typed=False)
        assert [hit.article_id for hit in hits] == [first.id]
        assert "new words" in hits[0].snippet


def test_recent_bodies_keep_only_the_last_texts_and_shards(tmp_path: Path) -> None:
    articles = [article(n, f"text {n}") for n in range(SHARDS_KEPT + 2)]
    with Library(tmp_path) as library:
        library.add_articles(articles)
    age(tmp_path, 60)
    shards = Shards(tmp_path, None, lambda _: None)
    recent = RecentBodies(shards_kept=2, texts_kept=3)
    for stored in articles:
        assert recent.text(shards.of(BODIES_DIR, stored.id), stored.id) == stored.text
    assert len(recent._shards) == 2
    assert list(recent._texts) == [a.id for a in articles[-3:]]
    assert recent.text(shards.of(BODIES_DIR, articles[0].id), "00missing") is None
