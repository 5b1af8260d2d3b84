"""A web page's own metadata: JSON-LD, <meta> tags, <title>, lang and canonical link.

The precedence follows Mozilla Readability (Firefox Reader View), which is what
publishers tune their pages for: an Article's JSON-LD first, then Dublin Core,
Open Graph and Twitter tags, then the <title> with the site name cut off only
when that clearly leaves the headline. trafilatura's own guesses fill the gaps.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tui.ingest.clean import clean_field

_ARTICLE_TYPES = re.compile(
    r"^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle"
    r"|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report"
    r"|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting"
    r"|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$"
)
_SCHEMA_ORG = re.compile(r"^https?://schema\.org/?$")
_PROPERTY = re.compile(
    r"^\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name|url|locale)\s*$",
    re.I,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.I,
)
_SEPARATORS = r"[|\-\\/>»]"
_MAX_JSON_LD = 1_000_000


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; every field already one clean line or None."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _word_count(text: str) -> int:
    return len(text.split())


def _meta_values(tree: Any) -> dict[str, str]:
    """<meta> property/name values, keyed like "og:title" or "author" (first one wins)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        keys: list[str] = []
        prop = meta.get("property")
        if prop:
            keys += [f"{m.group(1)}:{m.group(2)}".lower() for m in [_PROPERTY.match(prop)] if m]
        name = meta.get("name")
        if name:
            match = _NAME.match(name)
            if match:
                prefix, field = match.group(1), match.group(2)
                keys.append(f"{prefix}:{field}".lower() if prefix else field.lower())
        for key in keys:
            values.setdefault(key, content.strip())
    return values


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*<!\[CDATA\[|\]\]>\s*$", "", raw)
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            parsed = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        items = parsed if isinstance(parsed, list) else [parsed]
        for item in items:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (node for node in graph if isinstance(node, dict))
            yield item


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPES.match(k) for k in kinds)


def _names(value: Any) -> str | None:
    """A person or organization (or a list of them) as "A, B"."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return ", ".join(names) or None


def _similarity(first: str, second: str) -> float:
    """Readability's text similarity: share of the second text's words found in the first."""
    words_a = set(re.findall(r"\w+", first.lower()))
    words_b = re.findall(r"\w+", second.lower())
    if not words_a or not words_b:
        return 0.0
    unmatched = " ".join(word for word in words_b if word not in words_a)
    return 1 - len(unmatched) / max(len(" ".join(words_b)), 1)


def _json_ld(tree: Any, document_title: str | None) -> dict[str, str | None]:
    for node in _json_ld_objects(tree):
        context = node.get("@context", "https://schema.org")
        if isinstance(context, dict):
            context = context.get("@vocab", "")
        if isinstance(context, str) and context and not _SCHEMA_ORG.match(context):
            continue
        if not _is_article(node):
            continue
        name, headline = node.get("name"), node.get("headline")
        title: Any = headline if isinstance(headline, str) and headline.strip() else name
        if isinstance(name, str) and isinstance(headline, str) and name != headline:
            reference = document_title or ""
            name_matches = _similarity(name, reference) > 0.75
            headline_matches = _similarity(headline, reference) > 0.75
            title = headline if headline_matches and not name_matches else name
        publisher = node.get("publisher")
        return {
            "title": title if isinstance(title, str) else None,
            "author": _names(node.get("author")),
            "date": node.get("datePublished")
            if isinstance(node.get("datePublished"), str)
            else None,
            "site_name": _names(publisher) if publisher else None,
            "description": node.get("description")
            if isinstance(node.get("description"), str)
            else None,
            "language": node.get("inLanguage") if isinstance(node.get("inLanguage"), str) else None,
        }
    return {}


def _title_element(tree: Any) -> str | None:
    for title in tree.iter("title"):
        text = _text(title)
        if text:
            return text
    return None


def clean_document_title(original: str, tree: Any) -> str:
    """<title> without the site name when it is clearly a suffix ("Headline | Site")."""
    title = original
    hierarchical = False
    if re.search(rf" {_SEPARATORS} ", title):
        hierarchical = re.search(r" [\\/>»] ", title) is not None
        title = re.sub(rf"(.*){_SEPARATORS} .*", r"\1", original)
        if _word_count(title) < 3:
            title = re.sub(rf"^[^|\-\\/>»]*{_SEPARATORS}", "", original)
    elif ": " in title:
        headings = [_text(h) for tag in ("h1", "h2") for h in tree.iter(tag)]
        if title.strip() not in headings:
            title = original[original.rfind(":") + 1 :]
            if _word_count(title) < 3:
                title = original[original.find(":") + 1 :]
            elif _word_count(original[: original.find(":")]) > 5:
                title = original
    elif len(title) > 150 or len(title) < 15:
        h1s = list(tree.iter("h1"))
        if len(h1s) == 1:
            title = _text(h1s[0])
    title = " ".join(title.split())
    words = _word_count(title)
    if words <= 4 and (
        not hierarchical or words != _word_count(re.sub(rf"{_SEPARATORS}+", "", original)) - 1
    ):
        title = original
    return title


def _absolute_url(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in {"http", "https"} and parts.netloc else None


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = _absolute_url(link.get("href"))
            if url:
                return url
    return None


def _language(tree: Any, meta: dict[str, str]) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for element in tree.iter("meta"):
            if (element.get("http-equiv") or "").lower() == "content-language":
                lang = element.get("content")
                break
    lang = lang or meta.get("og:locale")
    if not lang:
        return None
    lang = lang.strip().split(",")[0].replace("_", "-")
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}", lang) else None


def _first(*values: object) -> str | None:
    """The first non-empty value, with entities that the page escaped twice decoded.

    Publishers often write "&amp;quot;" into meta content; Readability decodes
    metadata once more for the same reason.
    """
    for value in values:
        cleaned = clean_field(html.unescape(value) if isinstance(value, str) else value)
        if cleaned:
            return cleaned
    return None


def page_meta(tree: Any) -> PageMeta:
    """The page's metadata from its parsed tree (an lxml.html document)."""
    meta = _meta_values(tree)
    document_title = _title_element(tree)
    cleaned_title = clean_document_title(document_title, tree) if document_title else None
    ld = _json_ld(tree, cleaned_title)
    title = _first(
        ld.get("title"),
        meta.get("dc:title"),
        meta.get("dcterm:title"),
        meta.get("og:title"),
        meta.get("weibo:article:title"),
        meta.get("weibo:webpage:title"),
        meta.get("title"),
        meta.get("twitter:title"),
        meta.get("parsely:title"),
        cleaned_title,
    )
    article_author = meta.get("article:author")
    author = _first(
        ld.get("author"),
        meta.get("dc:creator"),
        meta.get("dcterm:creator"),
        meta.get("author"),
        meta.get("parsely:author"),
        article_author if article_author and not _absolute_url(article_author) else None,
    )
    return PageMeta(
        title=title,
        author=author,
        date=_first(
            ld.get("date"), meta.get("article:published_time"), meta.get("parsely:pub-date")
        ),
        site_name=_first(ld.get("site_name"), meta.get("og:site_name")),
        language=_language(tree, meta) or _first(ld.get("language")),
        url=_canonical(tree) or _absolute_url(meta.get("og:url")),
        description=_first(
            ld.get("description"),
            meta.get("dc:description"),
            meta.get("dcterm:description"),
            meta.get("og:description"),
            meta.get("weibo:article:description"),
            meta.get("weibo:webpage:description"),
            meta.get("description"),
            meta.get("twitter:description"),
        ),
    )
