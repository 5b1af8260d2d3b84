"""A URL as an import source: fetched in the background as soon as it is made."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from tui.models import Article
from tui.web.fetcher import Fetcher
from tui.web.web_articles import FEED_FORMATS, articles_in, complete_short


class UrlSource:
    """One URL of `gloss import`: the importer's `read()` waits for its fetch."""

    def __init__(self, url: str, pending: Future[list[Article]]) -> None:
        self.name = url
        self._pending = pending

    def read(self) -> list[Article]:
        return self._pending.result()


def fetch_articles(url: str, fetcher: Fetcher) -> list[Article]:
    """A page's article, or a feed's entries with the short ones completed from their pages."""
    articles, kind = articles_in(fetcher.fetch(url), url)
    if kind in FEED_FORMATS:
        articles = complete_short(articles, fetcher).articles
    return articles


def url_sources(urls: Sequence[str], fetcher: Fetcher, pool: ThreadPoolExecutor) -> list[UrlSource]:
    """Every URL fetched by `pool` (its size bounds the fetches at once, with the fetcher's)."""
    return [UrlSource(url, pool.submit(fetch_articles, url, fetcher)) for url in urls]
