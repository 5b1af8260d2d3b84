"""RSS 1.0/2.0, Atom and JSON Feed files from corpora/feeds, checked against its manifest."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from tests.data_paths import BROKEN_INPUTS, FEEDS, data_file, manifest
from tui.ingest import IngestError, PartlyRead, read_bytes, read_path
from tui.ingest.html_blocks import html_to_line
from tui.models import Article


def read_partly(data: bytes, name: str) -> list[Article]:
    """The articles of a feed read only leniently (PartlyRead carries them)."""
    try:
        return read_bytes(data, name, ".xml")
    except PartlyRead as partial:
        return partial.articles


def _manifest() -> list[dict[str, Any]]:
    feeds: list[dict[str, Any]] = manifest(FEEDS)["feeds"]
    return feeds


def _readable(feeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [feed for feed in feeds if feed["item_count"] > 0]


def _plain(title: str) -> str:
    """A manifest title as Gloss stores it: tags gone, one line, NFC."""
    return unicodedata.normalize("NFC", " ".join(html_to_line(title).split()))


@pytest.mark.parametrize("feed", _readable(_manifest()), ids=lambda feed: feed["file"])
def test_feed_matches_manifest(feed: dict[str, Any]) -> None:
    articles = read_path(FEEDS / feed["file"])
    assert len(articles) == feed["item_count"]
    titles = [article.title for article in articles]
    assert titles[:3] == [_plain(title) for title in feed["item_titles"][:3]]
    expected_source = _plain(feed["feed_title"]) if feed["feed_title"] else None
    assert {article.source for article in articles} == {expected_source}
    for article in articles:
        assert article.text.strip()
        assert article.origin == str(FEEDS / feed["file"])


def test_every_corpus_file_is_in_the_manifest() -> None:
    on_disk = {
        path.name for path in FEEDS.iterdir() if path.is_file() and path.name != "manifest.json"
    }
    assert on_disk == {feed["file"] for feed in _manifest()}


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("feed-rs__rss_1.0_iso8859.xml", "Förderung"),
        ("feed-rs__rss_2.0_encoding_1.xml", "Inovação"),
        ("feedparser__shiftjis.xml", "DrecomRSSに"),
    ],
)
def test_non_utf8_feeds_decode_right(name: str, word: str) -> None:
    articles = read_path(FEEDS / name)
    everything = " ".join(f"{a.title} {a.source} {a.text}" for a in articles)
    assert word in everything
    assert "Ã" not in everything and "\ufffd" not in everything


def test_shift_jis_summary_is_read() -> None:
    [article] = read_path(FEEDS / "feedparser__shiftjis.xml")
    assert article.text.startswith("色々調べてたら、MT3.2がRSS1.0をサポートしていないことが判明。")


def test_html_in_content_becomes_readable_blocks() -> None:
    articles = read_path(FEEDS / "feedjira__TechCrunch.xml")
    first = articles[0]
    assert "<" not in first.text and "&amp;" not in first.text
    assert first.text.startswith("Angie’s List, which offers consumers a way to review")
    assert len(first.blocks) > 3  # paragraphs kept apart
    assert first.url and first.url.startswith("http")
    assert first.date == "2011-11-02"


def test_html_in_description_becomes_text() -> None:
    [article] = read_path(FEEDS / "feed-rs__rss_2.0_encoding_1.xml")
    assert article.text.startswith("A nova tecnologia permitiu criar as três cores primárias")
    assert "<div" not in article.text and "<img" not in article.text


def test_html_in_atom_titles_is_stripped() -> None:
    articles = read_path(FEEDS / "feedjira__google_alerts_atom.xml")
    assert articles[1].title == "Slack Stock Has a Compelling Story and the Numbers to Back It Up"
    assert all("<b>" not in a.title and "<b>" not in a.text for a in articles)


def test_link_only_items_keep_their_title_and_link() -> None:
    articles = read_path(FEEDS / "feedjira__RSSWithComments.xml")
    assert articles[1].title == "Dall-E 2"
    assert articles[1].url and articles[1].url.startswith("https://")


def test_relative_atom_links_are_resolved_against_the_feed() -> None:
    articles = read_path(FEEDS / "feedjira__SamRuby.xml")
    assert articles[0].url == "http://intertwingly.net/blog/2013/01/30/Plex"


def test_json_feed_fields() -> None:
    articles = read_path(FEEDS / "feedjira__json_feed.json")
    first = articles[0]
    assert first.source == "inessential.com"
    assert first.author == "Brent Simmons"
    assert first.language == "en-US"
    assert first.date == "2017-06-02"
    assert first.url == "http://inessential.com/2017/06/02/james_dempsey_and_the_breakpoints_benefi"
    assert "<p>" not in first.text


def test_ill_formed_feeds_still_read_every_item() -> None:
    for feed in _manifest():
        if feed.get("feedparser", {}).get("bozo") and feed["item_count"]:
            assert len(read_path(FEEDS / feed["file"])) == feed["item_count"], feed["file"]


def test_truncated_feed_without_items_names_the_channel() -> None:
    with pytest.raises(IngestError, match="Reuters: Most Read Articles") as caught:
        read_path(data_file(BROKEN_INPUTS / "feed-rs__rss_2.0_invalid_1.xml"))
    assert "no readable items" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_truncated_feed_keeps_the_items_before_the_cut() -> None:
    data = (FEEDS / "feedjira__RSSWithComments.xml").read_bytes()
    cut = data[: data.index(b"<item>", data.index(b"<item>") + 1) + 60]
    with pytest.raises(PartlyRead, match=r"broken XML .*no element found"):
        read_bytes(cut, "cut.xml", ".xml")
    articles = read_partly(cut, "cut.xml")
    assert articles[0].title == "AWS Lambda Function URLs: Built-In HTTPS Endpoints for Lambda"
    assert articles[0].source == "Hacker News"


def test_feed_detected_from_content_whatever_the_name() -> None:
    data = (FEEDS / "feed-rs__atom_example_2.xml").read_bytes()
    assert len(read_bytes(data, "saved-page.html", ".html")) == 2
    assert len(read_bytes(data, "noextension", "")) == 2


def test_entry_dates_and_authors_and_tags() -> None:
    articles = read_path(FEEDS / "feedparser__large_atom_feed_that_needs_css_sanitisation.xml")
    assert articles[0].date == "2009-09-09"
    assert "Nokia" in articles[0].tags
    rdf = read_path(FEEDS / "feedjira__HREFConsideredHarmful.xml")
    assert rdf[0].date == "2008-09-02"


def test_rich_markup_and_escapes_in_a_feed_stay_literal_or_go() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>[bold]Feed[/bold]</title>'
        b"<item><title>Hi \x1b[31mred</title><description>&lt;p&gt;[link=file:///etc]x[/link]"
        b" \x1b]8;;http://evil\x07click\x1b]8;;\x07&lt;/p&gt;</description></item></channel></rss>"
    )
    with pytest.raises(PartlyRead, match="not well-formed"):  # ESC is no XML character
        read_bytes(data, "evil.rss", ".rss")
    [article] = read_partly(data, "evil.rss")
    assert article.source == "[bold]Feed[/bold]"
    assert "\x1b" not in article.title + article.text
    assert "[link=file:///etc]x[/link]" in article.text
