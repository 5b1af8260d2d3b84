"""A real HTTP server on 127.0.0.1 for the network tests: the corpora's feeds and pages, and faults.

It listens on a random free loopback port, in threads of this process, and
counts what it is asked (requests per path, conditional requests, the
User-Agents, the most requests in flight at once) so tests can check Gloss's
manners from the server's side. Nothing it serves points beyond loopback:
the feeds whose entries link to articles have those links rewritten to this
server's own pages.

Paths:
  /feeds/NAME              a corpora feed as it is, with ETag and Last-Modified
  /pages/CASE              a readability page (source.html), text/html; charset=utf-8
  /hn.xml                  the Hacker News feed ("Comments" items) linking to /pages/CASE
  /changing.xml            TechCrunch's first items; `feed_version = 2` changes one, adds one
  /alerts.xml              Google Alerts' feed, its google.com/url links aimed at /pages/CASE
  /status/CODE             that status, a short HTML body
  /redirect/N              a 302 chain of N steps to /pages/bbc-1; /moved is a 301 to it
  /loop/a, /loop/b         redirects to each other, forever
  /slow                    answers after `slow_seconds` (longer than the tests' timeout)
  /huge                    a body larger than Gloss accepts, Content-Length declared
  /huge-stream             the same without Content-Length
  /bomb                    a small gzip body that inflates past the limit
  /charset/wrong           a UTF-8 page labelled ISO-8859-1
  /charset/missing         a Shift-JIS feed with no charset in Content-Type
  /busy/CODE               CODE (429 or 503) with Retry-After: 1 the first time, then a feed
  /busy-long/CODE          CODE with Retry-After: 3600, always
  /empty.html              a page with no article in it
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.data_paths import FEEDS, READABILITY, data_file

PAGE_CASES = ("bbc-1", "ars-1", "cnn", "nytimes-1", "guardian-1", "heise", "lemonde-1")
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
HUGE_BYTES = 24 * 1024 * 1024  # over Gloss's 20 MB limit
BOMB_BYTES = 64 * 1024 * 1024


def _items(feed: str) -> tuple[str, list[str], str]:
    """An RSS feed split into what comes before its items, the items, and what follows."""
    parts = re.split(r"(?s)(<item>.*?</item>)", feed)
    items = [part for part in parts if part.startswith("<item>")]
    head = parts[0]
    tail = parts[-1]
    return head, items, tail


class WebServer:
    """The server and what it saw; `url(path)` is the address of one of its paths."""

    def __init__(self, port: int = 0) -> None:
        self.hits: Counter[str] = Counter()
        self.conditional_requests = 0
        self.not_modified = 0
        self.user_agents: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.feed_version = 1
        self.slow_seconds = 30.0
        self.broken: set[str] = set()  # paths answered with 500 for now
        self.validators = True  # False: no ETag or Last-Modified, never 304
        self.held: set[str] = set()  # paths that wait for `release()` before answering
        self.holding = threading.Event()  # set when a held request is waiting
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.web = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._bomb: bytes | None = None

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- what is served ---------------------------------------------------------

    def page(self, case: str) -> bytes:
        return data_file(READABILITY / case / "source.html").read_bytes()

    def feed_file(self, name: str) -> bytes:
        return data_file(FEEDS / name).read_bytes()

    def hn_feed(self) -> bytes:
        """Hacker News: each item's link aimed at one of this server's pages, in turn."""
        text = self.feed_file("feedjira__RSSWithComments.xml").decode("utf-8")
        head, items, tail = _items(text)
        kept = []
        for number, item in enumerate(items[: len(PAGE_CASES)]):
            link = self.url(f"/pages/{PAGE_CASES[number]}")
            kept.append(re.sub(r"<link>[^<]*</link>", f"<link>{link}</link>", item, count=1))
        return (head + "".join(kept) + tail).encode("utf-8")

    def changing_feed(self) -> bytes:
        """TechCrunch's first three items; version 2 rewrites the first and adds a fourth."""
        text = self.feed_file("feedjira__TechCrunch.xml").decode("utf-8")
        head, items, tail = _items(text)
        kept = items[:3]
        if self.feed_version >= 2:
            kept = [kept[0].replace("<p>", "<p>Updated: this story has changed. ", 1), *kept[1:]]
            kept.insert(0, items[3])
        return (head + "".join(kept) + tail).encode("utf-8")

    def alerts_feed(self) -> bytes:
        """Google Alerts, each google.com/url?url=... aimed at this server's pages."""
        text = self.feed_file("feedjira__google_alerts_atom.xml").decode("utf-8")
        count = 0

        def local(match: re.Match[str]) -> str:
            nonlocal count
            case = PAGE_CASES[count % len(PAGE_CASES)]
            count += 1
            return match.group(1) + self.url(f"/pages/{case}")

        text = re.sub(r"(google\.com/url\?[^\"]*?url=)https?://[^&\"]+", local, text)
        return text.encode("utf-8")

    def bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9)
        return self._bomb

    @contextmanager
    def request(self, path: str, headers: dict[str, str]) -> Iterator[None]:
        with self._lock:
            self.hits[path] += 1
            self.user_agents.append(headers.get("user-agent", ""))
            if "if-none-match" in headers or "if-modified-since" in headers:
                self.conditional_requests += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    def release(self) -> None:
        self._released.set()

    def hold_here(self) -> None:
        self.holding.set()
        while not self._released.is_set() and not self._stopping.is_set():
            self._released.wait(0.05)

    def wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    server_version = "GlossTestServer/1"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest shows failures, not every request

    @property
    def web(self) -> WebServer:
        web: WebServer = self.server.web  # type: ignore[attr-defined]
        return web

    def do_GET(self) -> None:
        headers = {key.lower(): value for key, value in self.headers.items()}
        path = self.path.split("?", 1)[0]
        # The client may give up (a timeout, a size limit): what the test wanted.
        gave_up = contextlib.suppress(BrokenPipeError, ConnectionResetError)
        with self.web.request(path, headers), gave_up:
            self._answer(path, headers)

    def _send(
        self,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _cached(self, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        """Served with ETag and Last-Modified; a conditional request that matches gets 304."""
        if not self.web.validators:
            self._send(body, content_type)
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag or (
            "if-none-match" not in headers and headers.get("if-modified-since") == LAST_MODIFIED
        ):
            with self.web._lock:
                self.web.not_modified += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(body, content_type, extra={"ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _redirect(self, status: int, to: str) -> None:
        self.send_response(status)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _answer(self, path: str, headers: dict[str, str]) -> None:
        web = self.web
        rss = "application/rss+xml; charset=utf-8"
        if path in web.held:
            web.hold_here()
        if path in web.broken:
            self._send(b"<html><body>broken</body></html>", status=500)
        elif path.startswith("/feeds/"):
            self._cached(web.feed_file(path.removeprefix("/feeds/")), "application/xml", headers)
        elif path.startswith("/pages/"):
            self._send(web.page(path.removeprefix("/pages/")))
        elif path == "/hn.xml":
            self._cached(web.hn_feed(), rss, headers)
        elif path == "/changing.xml":
            self._cached(web.changing_feed(), rss, headers)
        elif path == "/alerts.xml":
            self._cached(web.alerts_feed(), "application/atom+xml", headers)
        elif path.startswith("/status/"):
            code = int(path.removeprefix("/status/"))
            self._send(f"<html><body><p>status {code}</p></body></html>".encode(), status=code)
        elif path.startswith("/redirect/"):
            left = int(path.removeprefix("/redirect/"))
            self._redirect(302, f"/redirect/{left - 1}" if left > 1 else "/pages/bbc-1")
        elif path == "/moved":
            self._redirect(301, web.url("/pages/bbc-1"))
        elif path == "/loop/a":
            self._redirect(302, "/loop/b")
        elif path == "/loop/b":
            self._redirect(302, "/loop/a")
        elif path == "/slow":
            web.wait(web.slow_seconds)
            self._send(web.page("bbc-1"))
        elif path == "/huge":
            self._stream(HUGE_BYTES, declared=True)
        elif path == "/huge-stream":
            self._stream(HUGE_BYTES, declared=False)
        elif path == "/bomb":
            self._send(web.bomb(), extra={"Content-Encoding": "gzip"})
        elif path == "/charset/wrong":
            self._send(web.page("guardian-1"), "text/html; charset=iso-8859-1")
        elif path == "/charset/missing":
            self._send(web.feed_file("feedparser__shiftjis.xml"), "application/xml")
        elif path.startswith("/busy/"):
            code = int(path.removeprefix("/busy/"))
            if web.hits[path] == 1:
                self._send(b"busy", "text/plain", status=code, extra={"Retry-After": "1"})
            else:
                self._cached(web.hn_feed(), rss, headers)
        elif path.startswith("/busy-long/"):
            code = int(path.removeprefix("/busy-long/"))
            self._send(b"busy", "text/plain", status=code, extra={"Retry-After": "3600"})
        elif path == "/empty.html":
            self._send(b"<html><head><title>Nothing</title></head><body></body></html>")
        else:
            self._send(b"<html><body>not found</body></html>", status=404)

    def _stream(self, size: int, declared: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
        sent = 0
        while sent < size and not self.web._stopping.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)


def started(port: int = 0) -> WebServer:
    """A running server; stop() it when done (the `web_server` fixture does)."""
    server = WebServer(port).start()
    deadline = time.monotonic() + 5
    while not server._thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    return server


if __name__ == "__main__":  # `python -m tests.web_server [PORT]`: the README's example session
    import sys

    serving = started(int(sys.argv[1]) if len(sys.argv) > 1 else 8000)
    print(f"serving the test corpora on {serving.base} (ctrl+c stops)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        serving.stop()
