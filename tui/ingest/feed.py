"""RSS 0.9x/1.0/2.0 and Atom feeds (feedparser): each entry becomes an Article.

The text was decoded already (decode.py is better at mislabelled bytes than
feedparser without chardet), so the feed is handed to feedparser as UTF-8 with
its XML declaration saying so. feedparser's loose parser keeps going on
ill-formed or truncated feeds; whatever entries it recovers are imported.
"""

from __future__ import annotations

import io
import re
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from tui.ingest.assemble import assemble
from tui.ingest.clean import clean_field, split_blocks
from tui.ingest.dateline import parse_date
from tui.ingest.errors import IngestError, PartlyRead
from tui.ingest.html_blocks import Blocks, html_to_blocks, html_to_line, looks_like_html
from tui.models import Article

_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]{0,200}?encoding\s*=\s*)(["'])[^"']{0,40}\2""")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def _utf8_document(text: str) -> bytes:
    """The feed as UTF-8 bytes whose declaration agrees; leading junk before <?xml dropped."""
    text = text.lstrip()
    text = _DECLARED_ENCODING.sub(r'\1"utf-8"', text[:500], count=1) + text[500:]
    return text.encode("utf-8", "replace")


def _detail_text(detail: Any, fallback: str = "") -> tuple[str, bool]:
    """A feedparser text construct's value and whether it is HTML."""
    if not detail:
        return fallback, looks_like_html(fallback)
    value = detail.get("value") or ""
    kind = (detail.get("type") or "").lower()
    return value, kind in _HTML_TYPES or (kind != "text/plain" and looks_like_html(value))


def _line(detail: Any, fallback: str | None) -> str | None:
    value, is_html = _detail_text(detail, fallback or "")
    return clean_field(html_to_line(value) if is_html else value)


def _body(entry: Any) -> Blocks:
    """Full content when the feed has it, else the summary; HTML made readable."""
    candidates: list[tuple[str, bool]] = []
    for content in entry.get("content") or []:
        candidates.append(_detail_text(content))
    candidates.sort(key=lambda item: len(item[0]), reverse=True)
    summary = entry.get("summary_detail")
    if summary:
        candidates.append(_detail_text(summary))
    elif entry.get("summary"):
        candidates.append(_detail_text(None, entry.get("summary") or ""))
    for value, is_html in candidates:
        blocks: Blocks = (
            html_to_blocks(value)
            if is_html
            else [("paragraph", chunk) for chunk in split_blocks(value)]
        )
        if blocks:
            return blocks
    return []


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return time.strftime("%Y-%m-%d", parsed)
            except (ValueError, OverflowError):
                continue
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if isinstance(value, str) and (iso := parse_date(value)):
            return iso
    return None


def _tags(entry: Any) -> list[str]:
    tags = []
    for tag in entry.get("tags") or []:
        term = tag.get("label") or tag.get("term") if isinstance(tag, dict) else None
        if isinstance(term, str):
            tags.append(term)
    return tags


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _feed_base(feed: Any) -> str | None:
    """Where the feed lives, to resolve entries' relative links against."""
    links = feed.get("links") or []
    candidates = [
        link.get("href") for link in links if isinstance(link, dict) and link.get("rel") == "self"
    ]
    candidates.append(feed.get("link"))
    return next((url for url in candidates if isinstance(url, str) and _is_web_address(url)), None)


def _url(entry: Any, base: str | None) -> str | None:
    link = entry.get("link")
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    if not _is_web_address(link) and base:
        try:
            link = urljoin(base, link)
        except ValueError:
            return None
    return link if _is_web_address(link) else None


def _entry_article(
    entry: Any, feed_title: str | None, language: str | None, base: str | None, origin: str
) -> Article | None:
    title = _line(entry.get("title_detail"), entry.get("title"))
    blocks = _body(entry)
    if not blocks and title:
        blocks = [("paragraph", title)]  # link-only items (Hacker News) still list their title
    if not blocks:
        return None
    entry_source = entry.get("source")
    source = clean_field(entry_source.get("title")) if isinstance(entry_source, dict) else None
    return assemble(
        blocks,
        title=title,
        date=_date(entry),
        source=source or feed_title,
        url=_url(entry, base),
        author=clean_field(entry.get("author")),
        language=language,
        tags=_tags(entry),
        origin=origin,
    )


def read_feed(text: str, origin: str) -> list[Article]:
    """Every entry of an RSS or Atom feed; IngestError names the feed when it has none, and
    PartlyRead carries the entries of a feed that is not well-formed (a truncated download),
    read leniently: feedparser's lax parser gives what it can."""
    parsed = feedparser.parse(
        io.BytesIO(_utf8_document(text)),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    feed = parsed.get("feed") or {}
    feed_title = _line(feed.get("title_detail"), feed.get("title"))
    language = clean_field(feed.get("language"))
    base = _feed_base(feed)
    articles = [
        article
        for entry in parsed.get("entries") or []
        if (article := _entry_article(entry, feed_title, language, base, origin)) is not None
    ]
    broken = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        broken = " ".join(str(parsed["bozo_exception"]).split())[:120]
    if articles and broken:
        items = f"{len(articles)} item{'s' if len(articles) != 1 else ''}"
        reason = f"broken XML ({broken}): {items} read leniently; some may be missing"
        raise PartlyRead(origin, articles, reason)
    if articles:
        return articles
    name = f"feed “{feed_title}”" if feed_title else "feed"
    if broken:
        raise IngestError(origin, f"{name} has no readable items (broken XML: {broken})")
    raise IngestError(origin, f"{name} has no items")
