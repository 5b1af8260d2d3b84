"""The fetcher against a real server on 127.0.0.1: redirects, faults, limits, manners."""

from __future__ import annotations

import socket
import threading

import pytest

from tests.web_server import WebServer
from tui.web import Fetcher, FetchError, FetchLimits
from tui.web.fetcher import USER_AGENT, RetryLater

QUICK = FetchLimits(per_request=1.0, overall=30.0)


def fetch_error(url: str, limits: FetchLimits = QUICK) -> str:
    with Fetcher(limits) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    line = str(caught.value)
    assert "\n" not in line
    return line


def test_redirect_chain_ends_at_the_page_and_keeps_its_address(web_server: WebServer) -> None:
    with Fetcher(QUICK) as fetcher:
        fetched = fetcher.fetch(web_server.url("/redirect/3"))
    assert fetched.url == web_server.url("/pages/bbc-1")
    assert b"Obama" in fetched.data
    assert web_server.hits["/redirect/1"] == 1


def test_permanent_redirect_is_followed(web_server: WebServer) -> None:
    with Fetcher(QUICK) as fetcher:
        assert fetcher.fetch(web_server.url("/moved")).url == web_server.url("/pages/bbc-1")


def test_redirect_loop_is_one_line_naming_the_url(web_server: WebServer) -> None:
    url = web_server.url("/loop/a")
    assert fetch_error(url) == f"{url}: more than 10 redirects (a loop?)"


@pytest.mark.parametrize(("code", "phrase"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_http_error_names_the_status(web_server: WebServer, code: int, phrase: str) -> None:
    url = web_server.url(f"/status/{code}")
    assert fetch_error(url) == f"{url}: HTTP {code} {phrase}"


def test_slow_server_times_out(web_server: WebServer) -> None:
    url = web_server.url("/slow")
    assert fetch_error(url) == f"{url}: timed out after 1 s"


@pytest.mark.parametrize("path", ["/huge", "/huge-stream", "/bomb"])
def test_body_over_the_limit_is_refused(web_server: WebServer, path: str) -> None:
    url = web_server.url(path)
    assert fetch_error(url) == f"{url}: too large: over 20 MB"


def test_refused_connection_is_said(web_server: WebServer) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    assert fetch_error(url) == f"{url}: connection refused by 127.0.0.1"


def test_not_a_web_address(web_server: WebServer) -> None:  # the guard, in case
    assert fetch_error("ftp://example.org/x") == (
        "ftp://example.org/x: not a web address (http:// or https://)"
    )


def test_user_agent_names_gloss_and_its_version(web_server: WebServer) -> None:
    with Fetcher(QUICK) as fetcher:
        fetcher.fetch(web_server.url("/pages/bbc-1"))
    assert web_server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("Gloss/0.")


def test_conditional_request_gets_304(web_server: WebServer) -> None:
    url = web_server.url("/feeds/feedjira__TechCrunch.xml")
    with Fetcher(QUICK) as fetcher:
        first = fetcher.fetch(url)
        again = fetcher.fetch(url, first.etag, first.last_modified)
    assert first.etag and first.last_modified and not first.not_modified
    assert again.not_modified and again.data == b""
    assert web_server.conditional_requests == 1
    assert web_server.not_modified == 1


@pytest.mark.parametrize("code", [429, 503])
def test_busy_server_is_retried_after_its_retry_after(web_server: WebServer, code: int) -> None:
    waits: list[float] = []
    with Fetcher(QUICK, sleep=waits.append) as fetcher:
        fetched = fetcher.fetch(web_server.url(f"/busy/{code}"))
    assert b"Hacker News" in fetched.data
    assert waits == [1.0]
    assert web_server.hits[f"/busy/{code}"] == 2


def test_a_wait_longer_than_allowed_is_not_waited_for(web_server: WebServer) -> None:
    waits: list[float] = []
    limits = FetchLimits(per_request=1.0, longest_wait=0.5)
    url = web_server.url("/busy/503")
    with Fetcher(limits, sleep=waits.append) as fetcher, pytest.raises(RetryLater) as caught:
        fetcher.fetch(url)
    assert waits == []
    assert caught.value.until is not None
    assert str(caught.value).startswith(f"{url}: HTTP 503 Service Unavailable: the server asks")


def test_one_request_at_a_time_per_host(web_server: WebServer) -> None:
    urls = [web_server.url(f"/pages/{case}") for case in ("bbc-1", "cnn", "ars-1", "heise")]
    with Fetcher(FetchLimits(per_request=5.0, at_once=4)) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(url,)) for url in urls * 2]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(web_server.hits.values()) == 8
    assert web_server.most_in_flight == 1


def test_tracking_link_is_unwrapped_before_fetching(web_server: WebServer) -> None:
    page = web_server.url("/pages/cnn")
    with Fetcher(QUICK) as fetcher:
        fetched = fetcher.fetch(f"https://www.google.com/url?rct=j&sa=t&url={page}&ct=ga")
    assert fetched.url == page
    assert web_server.hits["/pages/cnn"] == 1


def test_the_whole_run_has_a_time_limit_too(web_server: WebServer) -> None:
    limits = FetchLimits(per_request=5.0, overall=1.0)
    url = web_server.url("/slow")
    with Fetcher(limits) as fetcher:
        with pytest.raises(FetchError) as first:
            fetcher.fetch(url)
        with pytest.raises(FetchError) as second:
            fetcher.fetch(web_server.url("/pages/cnn"))
    assert str(first.value) == f"{url}: the run's 1 s are up"
    assert str(second.value).endswith(": not fetched: the run's 1 s are up")
    assert web_server.hits["/pages/cnn"] == 0
