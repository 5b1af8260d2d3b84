"""Web pages: the article's main text and metadata, boilerplate dropped (trafilatura).

trafilatura finds the main text and drops navigation, ads and comments; its XML
body keeps headings and paragraphs apart, which html_blocks turns into Gloss
blocks. The page's own metadata (html_meta) wins over trafilatura's guesses
for title, author, site and canonical URL. When extraction finds nothing (tiny
or odd pages), the whole body minus page furniture is read instead.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from typing import Any

from htmldate import find_date
from lxml import etree  # type: ignore[import-untyped]  # no stubs; not in the mypy overrides
from lxml import html as lxml_html
from trafilatura import bare_extraction

from tui.ingest.assemble import assemble
from tui.ingest.clean import clean_field
from tui.ingest.dateline import parse_date
from tui.ingest.html_blocks import Blocks, element_blocks
from tui.ingest.html_meta import PageMeta, page_meta
from tui.models import Article

# trafilatura and its helpers log through `logging`; with no handler configured,
# warnings would reach stderr and scribble over the terminal UI.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,500}\?>")
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.I)
# htmldate reading the page's markup only (meta tags, <time>, the URL): a date, not a guess.
_MARKUP_DATE = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class Page:
    """An extracted page: its blocks and its metadata (description is for the benchmark)."""

    blocks: Blocks
    meta: PageMeta
    date_guessed: bool = False


def parse_html(markup: str) -> Any:
    """An lxml document from any markup; None when there is nothing to parse."""
    # lxml refuses str input that still carries an encoding declaration.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return None
    parser = lxml_html.HTMLParser(recover=True, huge_tree=True, remove_comments=True)
    try:
        return lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura(tree: Any) -> Any:
    """trafilatura's Document for a copy of the tree (it edits what it is given)."""
    try:
        return bare_extraction(
            copy.deepcopy(tree),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=_MARKUP_DATE,
        )
    except RecursionError:
        return None  # absurdly deep markup: the iterative fallback still reads it


def _same_heading(heading: str, title: str) -> bool:
    heading, title = heading.casefold().strip(), title.casefold().strip()
    return heading == title or (len(heading.split()) >= 3 and title.startswith(heading))


def _byline(value: str | None) -> str | None:
    if not value:
        return None
    return _BYLINE_PREFIX.sub("", value.strip()) or None


def extract_page(markup: str) -> Page:
    """Blocks and metadata of a page, with trafilatura's metadata filling the page's gaps."""
    tree = parse_html(markup)
    if tree is None:
        return Page([], PageMeta())
    own = page_meta(tree)
    document = _trafilatura(tree)
    blocks: Blocks = []
    if document is not None and document.body is not None:
        blocks = element_blocks(document.body)
    if not blocks:
        body = tree.find("body")
        blocks = element_blocks(body if body is not None else tree, drop_furniture=True)

    def found(name: str) -> str | None:
        return clean_field(getattr(document, name, None)) if document is not None else None

    title = own.title or found("title")
    if title is None and blocks and blocks[0][0] == "heading":
        title = blocks[0][1]
    if title and blocks and blocks[0][0] == "heading" and _same_heading(blocks[0][1], title):
        blocks = blocks[1:]
    date = (parse_date(own.date) if own.date else None) or parse_date(found("date") or "")
    guess = None if date else _date_in_text(tree)
    meta = PageMeta(
        title=title,
        author=_byline(own.author) or _byline(found("author")),
        date=date or guess,
        site_name=own.site_name or found("sitename"),
        language=own.language or found("language"),
        url=own.url or _http_url(found("url")),
        description=own.description or found("description"),
    )
    return Page(blocks, meta, date_guessed=guess is not None)


def _date_in_text(tree: Any) -> str | None:
    """htmldate's search of the page's text for a date: a guess (an image caption, a
    sentence about the past), so it is stored as one."""
    try:
        found = find_date(copy.deepcopy(tree), extensive_search=True, original_date=True)
    except (RecursionError, ValueError):
        return None
    return parse_date(found) if isinstance(found, str) else None


def _http_url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def read_html(markup: str, origin: str | None = None) -> Article:
    """One article from a web page."""
    page = extract_page(markup)
    meta = page.meta
    return assemble(
        page.blocks,
        title=meta.title,
        date=meta.date,
        date_guessed=page.date_guessed,
        source=meta.site_name,
        url=meta.url,
        author=meta.author,
        language=meta.language,
        origin=origin,
    )
