"""`gloss import URL` and `gloss feed ...` against a real server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run, run_json
from tests.faults import read_only_mount
from tests.web_server import PAGE_CASES, WebServer
from tui.store import Library

HN = "/hn.xml"
TC = "/changing.xml"


def gloss(capsys: pytest.CaptureFixture[str], library: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--library", str(library), *args)


def refreshed(
    capsys: pytest.CaptureFixture[str], library: Path, *feeds: str
) -> tuple[int, dict[str, dict[str, object]], str]:
    code, report = run_json(capsys, "--library", str(library), "feed", "refresh", *feeds)
    return code, {row["url"]: row for row in report["feeds"]}, report["summary"]


def test_import_url_of_a_page_stores_it_at_its_final_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    code, out, err = gloss(capsys, tmp_path, "import", web_server.url("/redirect/2"))
    assert code == 0, err
    assert "1 added" in out
    with Library(tmp_path) as library:
        stored = [library.get_article(s.id) for s in library.list_articles() if s.url]
    page = next(a for a in stored if "Obama" in a.title)
    assert page.url == web_server.url("/pages/bbc-1")
    assert page.word_count > 300


def test_import_url_of_a_feed_stores_entries_with_their_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    code, report = run_json(capsys, "--library", str(tmp_path), "import", web_server.url(HN))
    assert code == 0
    assert len(report["added"]) == len(PAGE_CASES)
    with Library(tmp_path) as library:
        dalle = library.get_article(report["added"][1])
    assert dalle.title == "Dall-E 2"  # the entry's title and date, the page's text
    assert dalle.date == "2022-04-06"
    assert dalle.source == "Hacker News"
    assert "Comments" not in dalle.text and dalle.word_count > 200


def test_google_alert_links_are_stored_unwrapped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    code, report = run_json(
        capsys, "--library", str(tmp_path), "import", web_server.url("/alerts.xml")
    )
    assert code == 0
    with Library(tmp_path) as library:
        urls = {library.get_article(i).url for i in report["added"]}
    assert urls and all(str(url).startswith(web_server.url("/pages/")) for url in urls)


def test_import_url_failures_are_one_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    bad = {
        "/status/404": "HTTP 404 Not Found",
        "/loop/a": "more than 10 redirects (a loop?)",
        "/empty.html": "not an article: no article text found",
        "/huge": "too large: over 20 MB",
    }
    urls = [web_server.url(path) for path in bad]
    code, out, err = gloss(capsys, tmp_path, "import", *urls, web_server.url("/pages/cnn"))
    assert code == 1
    assert "1 added" in out and "4 failed" in out
    for path, reason in bad.items():
        assert f"failed    {web_server.url(path)}: {reason}\n" in err
    assert "Traceback" not in err


def test_wrong_and_missing_charsets_are_read_right(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    code, report = run_json(
        capsys,
        "--library",
        str(tmp_path),
        "import",
        web_server.url("/charset/wrong"),
        web_server.url("/charset/missing"),
    )
    assert code == 0
    with Library(tmp_path) as library:
        titles = [library.get_article(i).title for i in report["added"]]
    assert any("Māori" in title for title in titles)
    assert any("記事" in title for title in titles)


def test_two_feeds_refreshed_then_nothing_new_then_opml_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    library = tmp_path / "lib"
    assert gloss(capsys, library, "feed", "add", web_server.url(HN), "--tag", "tech")[0] == 0
    assert gloss(capsys, library, "feed", "add", web_server.url(TC), "--title", "TC")[0] == 0
    code, out, _ = gloss(capsys, library, "feed", "refresh")
    assert code == 0
    assert "Hacker News: 7 new, 0 updated, 0 unchanged" in out
    assert "TC: 3 new, 0 updated, 0 unchanged" in out
    assert out.splitlines()[-1] == "10 new in 2 feeds"

    code, out, _ = gloss(capsys, library, "feed", "refresh")
    assert code == 0
    assert out.splitlines()[-1] == "0 new in 2 feeds"
    assert web_server.conditional_requests == 2 and web_server.not_modified == 2
    assert all(web_server.hits[f"/pages/{case}"] == 1 for case in PAGE_CASES)
    with Library(library) as stored:
        hn = [s for s in stored.list_articles() if s.source == "Hacker News"]
    assert len(hn) == 7 and all("tech" in s.tags for s in hn)  # the feed's tag on its entries

    opml = tmp_path / "feeds.opml"
    assert gloss(capsys, library, "feed", "export", "--out", str(opml))[0] == 0
    other = tmp_path / "other"
    code, out, _ = gloss(capsys, other, "feed", "import", str(opml))
    assert code == 0 and out.splitlines()[-1] == "2 subscribed, 0 already subscribed"
    _, listed, _ = gloss(capsys, other, "feed", "list", "--json")
    feeds = {feed["url"]: feed for feed in json.loads(listed)}
    assert feeds[web_server.url(HN)]["title"] == "Hacker News"
    assert feeds[web_server.url(HN)]["tags"] == ["tech"]
    assert feeds[web_server.url(TC)]["title"] == "TC"


def test_changed_feed_counts_new_updated_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    gloss(capsys, tmp_path, "feed", "add", web_server.url(TC))
    assert refreshed(capsys, tmp_path)[1][web_server.url(TC)]["new"] == 3
    web_server.feed_version = 2
    code, rows, summary = refreshed(capsys, tmp_path)
    row = rows[web_server.url(TC)]
    assert code == 0
    assert (row["new"], row["updated"], row["unchanged"]) == (1, 1, 2)
    assert summary == "1 new in 1 feed, 1 updated"


def test_a_failed_feed_keeps_its_entries_and_state(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    gloss(capsys, tmp_path, "feed", "add", web_server.url(TC))
    refreshed(capsys, tmp_path)
    with Library(tmp_path) as library:
        before = library.feeds()[0]
        articles = len(library.list_articles())
    web_server.broken.add(TC)
    code, out, _ = gloss(capsys, tmp_path, "feed", "refresh")
    assert code == 1
    assert out.splitlines()[-1] == (
        "0 new in 1 feed, 1 failed: TechCrunch: HTTP 500 Internal Server Error"
    )
    with Library(tmp_path) as library:
        after = library.feeds()[0]
        assert len(library.list_articles()) == articles
    assert after.error == "HTTP 500 Internal Server Error"
    assert (after.etag, after.article_ids) == (before.etag, before.article_ids)
    web_server.broken.clear()
    code, rows, _ = refreshed(capsys, tmp_path)
    assert code == 0 and rows[web_server.url(TC)]["not_modified"] is True
    with Library(tmp_path) as library:
        assert library.feeds()[0].error is None


def test_a_short_entrys_page_is_fetched_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    web_server.validators = False  # every refresh reads the whole feed again
    gloss(capsys, tmp_path, "feed", "add", web_server.url(HN))
    refreshed(capsys, tmp_path)
    code, rows, _ = refreshed(capsys, tmp_path)
    row = rows[web_server.url(HN)]
    assert code == 0
    assert (row["new"], row["updated"], row["unchanged"]) == (0, 0, 7)
    assert all(web_server.hits[f"/pages/{case}"] == 1 for case in PAGE_CASES)
    with Library(tmp_path) as library:
        assert all(
            library.get_article(s.id).word_count > 200
            for s in library.list_articles()
            if s.source == "Hacker News"
        )


def test_feed_filter_in_search_and_remove(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    gloss(capsys, tmp_path, "feed", "add", web_server.url(HN))
    gloss(capsys, tmp_path, "feed", "add", web_server.url(TC), "--title", "Crunch")
    refreshed(capsys, tmp_path)
    code, out, _ = gloss(capsys, tmp_path, "search", 'feed:"hacker news"', "--json")
    assert code == 0
    assert len(json.loads(out)) == 7
    code, out, _ = gloss(capsys, tmp_path, "search", "feed:crunch", "--json")
    titles = {hit["title"] for hit in json.loads(out)}
    assert len(titles) == 3 and "Maybe BBM Music Isn’t So Silly After All" in titles
    code, out, _ = gloss(capsys, tmp_path, "feed", "remove", "Crunch")
    assert code == 0 and out.startswith("unsubscribed ")
    code, _, err = gloss(capsys, tmp_path, "feed", "remove", "Crunch")
    assert code == 1 and err == "gloss: no feed Crunch (`gloss feed list` shows them)\n"


def test_user_mistakes_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    code, _, err = gloss(capsys, tmp_path, "feed", "add", "not a url")
    assert (code, err) == (1, "gloss: not a url: not a web address (http:// or https://)\n")
    gloss(capsys, tmp_path, "feed", "add", web_server.url(HN))
    code, _, err = gloss(capsys, tmp_path, "feed", "add", web_server.url(HN))
    assert code == 1 and err.startswith(f"gloss: already subscribed to {web_server.url(HN)}")
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline", encoding="utf-8")
    code, _, err = gloss(capsys, tmp_path, "feed", "import", str(broken))
    assert code == 1 and err.startswith(f"gloss: {broken}: not OPML: broken XML")
    assert len(err.splitlines()) == 1


def test_a_long_retry_after_is_kept_and_honoured(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    url = web_server.url("/busy-long/429")
    gloss(capsys, tmp_path, "feed", "add", url)
    code, rows, _ = refreshed(capsys, tmp_path)
    assert code == 1
    assert str(rows[url]["failed"]).startswith(
        "HTTP 429 Too Many Requests: the server asks to wait until "
    )
    code, rows, _ = refreshed(capsys, tmp_path)
    assert code == 1
    assert str(rows[url]["failed"]).startswith("the server asked to wait until ")
    assert web_server.hits["/busy-long/429"] == 1  # not asked again before the time it gave


def test_a_read_only_library_refuses_before_fetching(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    source = tmp_path / "library"
    gloss(capsys, source, "feed", "add", web_server.url(HN))
    with read_only_mount(source, tmp_path / "ro") as mounted:
        for args in (("feed", "refresh"), ("import", web_server.url("/pages/cnn"))):
            code, _, err = gloss(capsys, mounted, *args)
            assert code == 1 and len(err.splitlines()) == 1 and "Traceback" not in err
            assert "cannot be written" in err or "read-only" in err
    assert sum(web_server.hits.values()) == 0


def test_a_damaged_subscription_record_is_said_and_the_rest_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    gloss(capsys, tmp_path, "feed", "add", web_server.url(HN))
    gloss(capsys, tmp_path, "feed", "add", web_server.url(TC))
    feeds_file = tmp_path / "feeds.json"
    data = json.loads(feeds_file.read_text("utf-8"))
    data["feeds"]["1"]["tags"] = "not a list"
    data["feeds"]["2"]["url"] = None
    feeds_file.write_text(json.dumps(data), "utf-8")
    code, out, err = gloss(capsys, tmp_path, "feed", "list", "--json")
    assert code == 0
    assert [feed["url"] for feed in json.loads(out)] == [web_server.url(HN)]
    assert '"tags" is the text' in err and '"url" is null' in err


def test_json_feed_is_a_feed_and_a_page_is_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, web_server: WebServer
) -> None:
    json_feed = web_server.url("/feeds/feedjira__json_feed.json")
    page = web_server.url("/pages/bbc-1")
    gloss(capsys, tmp_path, "feed", "add", json_feed)
    gloss(capsys, tmp_path, "feed", "add", page)
    code, rows, _ = refreshed(capsys, tmp_path)
    assert code == 1
    assert rows[json_feed]["new"] == 20
    assert rows[page]["failed"] == "not a feed: it is a web page"
