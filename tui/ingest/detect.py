"""Tell a file's format from its content first and its extension second.

People save feeds as .html, pages as .txt and Markdown without front matter;
the content says what a file is far more reliably than its name. The extension
only decides between formats the content cannot tell apart (plain text vs.
Markdown, a broken JSON file vs. text).
"""

from __future__ import annotations

import re
from typing import Literal

from tui.ingest.markdown import MARKDOWN_SUFFIXES, has_front_matter, looks_like_markdown

Format = Literal["html", "feed", "json", "markdown", "text"]

JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".jsonfeed"})

_SNIFF_CHARS = 65536
# What may precede the root element: XML declaration, comments, doctype, PIs, whitespace.
_PROLOG = re.compile(
    r"\A(?:\s+|<\?[^>]{0,2000}\?>|<!--.{0,20000}?-->|<!DOCTYPE[^>]{0,2000}>)*", re.S | re.I
)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]{0,100})")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
_DOCUMENT_ROOTS = frozenset({"html", "head", "body"})
_FEED_INSIDE = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


def _root_name(text: str) -> str | None:
    """The local name of the first element, lower-cased ("rdf:RDF" gives "rdf")."""
    prolog = _PROLOG.match(text[:_SNIFF_CHARS])
    rest = text[prolog.end() if prolog else 0 :][:200]
    match = _ROOT.match(rest)
    if match is None:
        return None
    name = match.group(1).lower()
    if ":" in name:
        name = name.split(":", 1)[1]
    return name


def detect_format(text: str, suffix: str = "") -> Format:
    """The reader for this text: content wins where it is clear, the extension otherwise.

    "json" is a guess from the first character; when the text does not parse
    and the extension does not say JSON, the caller falls back to prose_format().
    """
    suffix = suffix.lower()
    start = text[:_SNIFF_CHARS].lstrip()
    if start.startswith(("{", "[")) or (suffix in JSON_SUFFIXES and not start.startswith("<")):
        return "json"  # a .json file that is not JSON gets a JSON error, not a text article
    if start.startswith("<"):
        root = _root_name(start)
        if root in _FEED_ROOTS:
            return "feed"
        if root in _DOCUMENT_ROOTS or start[:15].lower().startswith("<!doctype html"):
            return "html"
        if _FEED_INSIDE.search(start[:4096]):
            return "feed"
        if suffix in MARKDOWN_SUFFIXES:
            return "markdown"  # Markdown may open with inline HTML (<div align=...>)
        return "html"
    return prose_format(text, suffix)


def prose_format(text: str, suffix: str = "") -> Format:
    """Markdown or plain text: front matter, the extension, or clear Markdown syntax."""
    suffix = suffix.lower()
    if suffix in MARKDOWN_SUFFIXES or has_front_matter(text) or looks_like_markdown(text):
        return "markdown"
    return "text"
