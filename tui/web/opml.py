"""OPML 2.0 subscription lists, in and out: how newsboat, Miniflux and NetNewsWire move feeds.

Reading takes every outline with an `xmlUrl`, at any depth; the text of the
outlines it sits in (folders) and its `category` become its tags. Writing
puts each feed as one `type="rss"` outline, its tags in `category`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate

from tui.models import Feed
from tui.web.tracking import is_web_address


class OpmlError(ValueError):
    """Not an OPML file Gloss can read: the message says why."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """A subscription as an OPML file lists it."""

    url: str
    title: str
    tags: tuple[str, ...]


def read_opml(text: str) -> list[OpmlFeed]:
    """The feeds an OPML document lists, first of each URL kept; OpmlError when it is not OPML."""
    try:
        root = ET.fromstring(text)  # expat refuses entity expansion bombs
    except ET.ParseError as error:
        raise OpmlError(f"not OPML: broken XML ({error})") from None
    if root.tag != "opml" or root.find("body") is None:
        raise OpmlError("not OPML: no <opml> with a <body>")
    found: dict[str, OpmlFeed] = {}

    def walk(element: ET.Element, folders: tuple[str, ...]) -> None:
        for outline in element.findall("outline"):
            url = (outline.get("xmlUrl") or "").strip()
            name = (outline.get("title") or outline.get("text") or "").strip()
            if url:
                categories = (outline.get("category") or "").replace("/", ",").split(",")
                tags = (*folders, *(c.strip() for c in categories if c.strip()))
                if is_web_address(url) and url not in found:
                    found[url] = OpmlFeed(url, name, tuple(dict.fromkeys(tags)))
            else:
                walk(outline, (*folders, name) if name else folders)

    walk(root.find("body"), ())  # type: ignore[arg-type]  # checked above
    return list(found.values())


def write_opml(feeds: Sequence[Feed], title: str = "Gloss subscriptions") -> str:
    """An OPML 2.0 document listing the feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        if feed.tags:
            attributes["category"] = ",".join(feed.tags)
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
