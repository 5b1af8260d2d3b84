"""HTML (or trafilatura's XML) to heading and paragraph blocks of readable text.

Used for HTML inside feed entries and JSON articles, for trafilatura's
extracted body, and as the fallback when extraction finds nothing. The walk is
iterative (lxml's iterwalk), so hostile 10,000-deep nesting cannot hit
Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # no stubs; not in the mypy overrides
from lxml import html as lxml_html

from tui.models import BlockKind

Blocks = list[tuple[BlockKind, str]]

# trafilatura's output vocabulary, mapped onto the HTML tags that mean the same.
_TRAFILATURA_TAGS = {
    "head": "h2",
    "item": "li",
    "list": "ul",
    "quote": "blockquote",
    "lb": "br",
    "row": "tr",
    "cell": "td",
    "hi": "span",
    "ref": "a",
    "graphic": "img",
    "doc": "div",
    "main": "div",
}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "tfoot", "thead", "tr", "ul", "caption",
    }
) | _HEADINGS  # fmt: skip
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "iframe", "object",
        "embed", "svg", "math", "canvas", "button", "select", "option", "textarea",
        "input", "audio", "video", "map", "frame", "frameset", "applet",
    }
)  # fmt: skip
# Page furniture dropped by the fallback (never inside an extracted article).
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CELLS = frozenset({"td", "th"})
_HTML_TAG = re.compile(
    r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|a|em|strong|b|i|span|img|table|pre|code|figure)"
    r"(?:\s[^<>]{0,2000})?/?>|</(?:p|div|h[1-6]|ul|ol|li|blockquote|a|em|strong|b|i|span)>|&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """Whether a text field holds HTML markup (tags or entities), not plain text."""
    return _HTML_TAG.search(text[:65536]) is not None


def _tag(element: Any) -> str | None:
    """An element's lower-case HTML tag; None for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    tag = tag.rsplit("}", 1)[-1].lower()
    return _TRAFILATURA_TAGS.get(tag, tag)


class _Collector:
    """Inline text gathered until the next block boundary."""

    def __init__(self) -> None:
        self.blocks: Blocks = []
        self.parts: list[str] = []
        self.kind: BlockKind = "paragraph"
        self.prefix = ""
        self.preformatted = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text if self.preformatted else re.sub(r"[ \t\r\n\f\v]+", " ", text))

    def flush(self) -> None:
        raw = "".join(self.parts)
        self.parts.clear()
        if self.preformatted:
            lines = [line.rstrip() for line in raw.split("\n")]
        else:
            lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            self.blocks.append((self.kind, self.prefix + text))
        self.prefix = ""


def _events(root: Any) -> Iterator[tuple[str, Any]]:
    return iter(etree.iterwalk(root, events=("start", "end")))


def element_blocks(root: Any, *, drop_furniture: bool = False) -> Blocks:
    """Blocks from an lxml element: headings from h1-h6, paragraphs from p, li, blockquote..."""
    out = _Collector()
    skipping = 0
    open_elements: list[tuple[bool, bool]] = []  # (is a block, is preformatted) per element
    cell_seen: list[bool] = []  # per open table row: has a cell already
    for event, element in _events(root):
        tag = _tag(element)
        if event == "start":
            if skipping or tag is None or tag in _SKIP or (drop_furniture and tag in _FURNITURE):
                skipping += 1
                continue
            text = element.text or ""
            preformatted = tag == "pre" or (tag == "code" and "\n" in text)
            block = tag in _BLOCKS or preformatted
            open_elements.append((block, preformatted))
            if block:
                out.flush()
            if preformatted:
                out.preformatted += 1
            if tag in _HEADINGS:
                out.kind = "heading"
            elif tag == "li":
                out.prefix = "• "
            elif tag == "tr":
                cell_seen.append(False)
            elif tag in _CELLS and cell_seen:
                if cell_seen[-1]:
                    out.add(" | ")
                cell_seen[-1] = True
            elif tag == "br":
                out.parts.append("\n")
            out.add(text)
            continue
        if skipping:
            skipping -= 1
            if skipping == 0:
                out.add(element.tail)  # the skipped element's tail is back in the text
            continue
        block, preformatted = open_elements.pop()
        if block:
            out.flush()
        if preformatted:
            out.preformatted -= 1
        if tag in _HEADINGS:
            out.kind = "paragraph"
        elif tag == "tr" and cell_seen:
            cell_seen.pop()
        out.add(element.tail)
    out.flush()
    return out.blocks


def parse_fragment(markup: str) -> Any:
    """An HTML fragment (or whole page) as one lxml element; never raises on bad markup."""
    markup = markup.strip()
    if not markup:
        return lxml_html.fragment_fromstring("<div></div>")
    parser = lxml_html.HTMLParser(recover=True, huge_tree=True, remove_comments=True)
    try:
        return lxml_html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return lxml_html.fragment_fromstring("<div></div>")


def html_to_blocks(markup: str) -> Blocks:
    """Readable blocks from an HTML fragment (feed content, a JSON article's body)."""
    return element_blocks(parse_fragment(markup))


def html_to_line(markup: str) -> str:
    """An HTML snippet (a feed title with <b> in it) as one line of plain text."""
    if not looks_like_html(markup):
        return markup
    root = parse_fragment(markup)
    return " ".join(" ".join(text for _, text in element_blocks(root)).split())
