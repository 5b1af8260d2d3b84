"""What a fetched body holds, as articles: a page is one article at its final address,
a feed its entries (their tracking links unwrapped); a short entry is completed
from the page it links to.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from tui.ingest import IngestError, read_bytes
from tui.ingest.assemble import article_id
from tui.ingest.decode import decode
from tui.ingest.detect import Format, detect_format
from tui.models import Article
from tui.web.fetch_error import FetchError
from tui.web.fetched import Fetched
from tui.web.fetcher import Fetcher
from tui.web.tracking import unwrapped

FEED_FORMATS = ("feed", "json")
"""Formats whose articles are a feed's entries (RSS, Atom; JSON Feed and JSON lists)."""
SHORT_WORDS = 60
"""An entry with fewer words than this besides its title is a pointer, not an article."""


def at_url(article: Article, url: str) -> Article:
    """The article stored under another address (its id follows the URL)."""
    return replace(article, url=url, id=article_id(url, article.text))


def articles_in(fetched: Fetched, asked: str) -> tuple[list[Article], Format]:
    """The articles of a fetched body and its format; FetchError names `asked` when none."""
    try:
        kind = detect_format(decode(fetched.data, asked).text, "")
        articles = read_bytes(fetched.data, fetched.url)
    except IngestError as error:
        raise FetchError(asked, f"not an article: {error.reason}") from None
    if kind == "html":
        return [at_url(article, fetched.url) for article in articles], kind
    return [
        at_url(article, unwrapped(article.url)) if article.url else article for article in articles
    ], kind


def is_short(article: Article) -> bool:
    """Only a link, "Comments", a line of teaser: too little to read as an article."""
    return len(article.text.split()) - len(article.title.split()) < SHORT_WORDS


@dataclass
class Completed:
    """The entries, short ones completed; which links were fetched; what failed."""

    articles: list[Article]
    fetched: list[str] = field(default_factory=list)
    failed: list[FetchError] = field(default_factory=list)


def complete_short(
    entries: Sequence[Article], fetcher: Fetcher, done: Collection[str] = ()
) -> Completed:
    """Short entries replaced by their linked page's text, keeping the entry's feed, date and
    tags. A link in `done` was fetched by an earlier refresh and is not fetched again; a
    page that fails leaves its entry as it was (the failure is listed)."""
    wanted = [i for i, e in enumerate(entries) if e.url and e.url not in done and is_short(e)]
    result = Completed(list(entries))
    if not wanted:
        return result
    with ThreadPoolExecutor(max_workers=fetcher.limits.at_once) as pool:
        futures = {i: pool.submit(_page_of, entries[i], fetcher) for i in wanted}
        for i, future in futures.items():
            url = entries[i].url or ""
            try:
                result.articles[i] = future.result()
            except FetchError as error:
                result.failed.append(error)
                if not error.reason.startswith("not an article"):
                    continue  # the network failed: try again next time
            result.fetched.append(url)
    return result


def _page_of(entry: Article, fetcher: Fetcher) -> Article:
    url = entry.url or ""
    fetched = fetcher.fetch(url)
    pages, _ = articles_in(fetched, url)
    page = max(pages, key=lambda article: len(article.text))
    if len(page.text) <= len(entry.text):
        return entry
    return replace(
        entry,
        text=page.text,
        blocks=page.blocks,
        author=entry.author or page.author,
        language=entry.language or page.language,
        date=entry.date or page.date,
        place=entry.place or page.place,
    )
