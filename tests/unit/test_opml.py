"""OPML 2.0 in and out: folders and categories as tags, the first of each URL kept."""

from __future__ import annotations

import pytest

from tui.models import Feed
from tui.web.opml import OpmlError, read_opml, write_opml

# As NetNewsWire and Miniflux write it: feeds in folders, one with a category.
EXPORTED = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Hacker News" xmlUrl="https://news.ycombinator.com/rss"
               htmlUrl="https://news.ycombinator.com/" category="/tech,startups"/>
      <outline text="World">
        <outline type="rss" text="BBC" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/>
      </outline>
    </outline>
    <outline type="rss" title="Ars" text="ars" xmlUrl="https://feeds.arstechnica.com/arstechnica/index"/>
    <outline type="rss" text="again" xmlUrl="https://news.ycombinator.com/rss"/>
    <outline type="rss" text="not the web" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>
"""


def test_read_opml_takes_folders_and_categories_as_tags() -> None:
    feeds = read_opml(EXPORTED)
    assert [(f.url, f.title, f.tags) for f in feeds] == [
        ("https://news.ycombinator.com/rss", "Hacker News", ("News", "tech", "startups")),
        ("https://feeds.bbci.co.uk/news/rss.xml", "BBC", ("News", "World")),
        ("https://feeds.arstechnica.com/arstechnica/index", "Ars", ()),
    ]


def test_written_opml_reads_back() -> None:
    feeds = [
        Feed(id="a", url="https://example.org/feed.xml", title="Example & Co", tags=("x", "y")),
        Feed(id="b", url="https://example.net/atom"),
    ]
    text = write_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert [(f.url, f.title, f.tags) for f in read_opml(text)] == [
        ("https://example.org/feed.xml", "Example & Co", ("x", "y")),
        ("https://example.net/atom", "https://example.net/atom", ()),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<opml><body><outline", "not OPML: broken XML"),
        ("<rss version='2.0'><channel/></rss>", "not OPML: no <opml> with a <body>"),
        (
            '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><opml><body><outline text="&c;"/></body>'
            "</opml>",
            "",
        ),
    ],
)
def test_bad_opml_is_refused_or_harmless(text: str, reason: str) -> None:
    if not reason:  # small internal entities are what XML allows: read, no feeds in it
        assert read_opml(text) == []
        return
    with pytest.raises(OpmlError) as caught:
        read_opml(text)
    assert str(caught.value).startswith(reason)
