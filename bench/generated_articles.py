"""Generated Markdown articles for the benchmarks, built from real Wikinews paragraphs.

Shared by bench/import_speed.py and bench/make_library.py, so that the import
speed and the scale figures are measured on the same kind of text. Each file
has YAML front matter (title, date, a unique url, source) and a body of whole
paragraphs sampled from `tests/corpora/wikinews`, as long as one of the
corpus's articles in turn (so the mean length is the corpus's). Every text is
unique and no near copy of another (the importer skips both as duplicates:
the generator asks the importer's own Deduplicator), and dates are
spread over ten years so that the library's newest-first order is a real sort.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from tests.data_paths import wikinews_files
from tui.importing.deduplicator import Deduplicator
from tui.ingest import read_path
from tui.models import Article

FIRST_DAY = date(2015, 1, 1)
DAYS = 3650
SOURCES = ("Wikinews", "Reuters", "AP", "BBC", "Guardian", "Xinhua", "NHK", "Al Jazeera")


@cache
def corpus() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The corpus's paragraphs, and its articles' lengths in words."""
    articles = [read_path(path)[0] for path in wikinews_files()]
    paragraphs = tuple(p for article in articles for p in article.text.split("\n\n"))
    return paragraphs, tuple(article.word_count for article in articles)


def _title(paragraph: str, rng: random.Random) -> str:
    """A headline-like title: the opening words of another paragraph."""
    words = paragraph.split()[: rng.randint(6, 10)]
    return " ".join(words).rstrip(".,;:").replace('"', "'")


def generate(
    folder: Path,
    count: int,
    seed: int = 2024,
    url_prefix: str = "articles",
    signed: bool = False,
) -> int:
    """Write `count` unique Markdown articles into `folder`; returns their total word count.

    `url_prefix` keeps urls unique between folders generated for one library
    (an article's id comes from its url). Texts are unique within one call; a
    short one (one or two paragraphs) can repeat one of another call, which
    the importer skips as a duplicate: `signed` ends each text with a line
    naming `url_prefix` and its number, so that it cannot.
    """
    paragraphs, lengths = corpus()
    rng = random.Random(seed)
    deduplicator = Deduplicator({})
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        target = lengths[number % len(lengths)]
        while True:
            chosen: list[str] = []
            size = 0
            while size < target:
                paragraph = rng.choice(paragraphs)
                chosen.append(paragraph)
                size += len(paragraph.split())
            body = "\n\n".join(chosen)
            if signed:
                body += f"\n\n(Bench copy {url_prefix} {number}.)"
            candidate = Article(id=f"{url_prefix}/{number}", title="", text=body, blocks=())
            kept, _ = deduplicator.split([candidate])
            if kept:
                break
        words += size
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        (folder / f"{number:06d}.md").write_text(
            f'---\ntitle: "{_title(rng.choice(paragraphs), rng)}"\n'
            f"date: {day.isoformat()}\n"
            f'url: "https://bench.example/{url_prefix}/{number}"\n'
            f"source: {rng.choice(SOURCES)}\n---\n{body}\n",
            encoding="utf-8",
        )
    return words
