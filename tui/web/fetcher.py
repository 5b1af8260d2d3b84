"""Fetch web pages and feeds as a good citizen of the web.

One `Fetcher` per run (an import, a refresh): at most `limits.at_once`
requests at a time and one at a time per host; each request bounded in time
(`limits.per_request`) and in size, inflated bytes included (`limits.max_bytes`);
the whole run bounded too (`limits.overall`). Redirects are followed (the final
address is kept), a conditional GET sends the validators a feed stored, 304 is
"nothing new", and 429/503 are retried after the server's Retry-After (or a
short backoff) when that wait is short, a bounded number of times.
Every failure is a FetchError: "URL: reason", one line.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from tui import __version__
from tui.ingest import MAX_FILE_BYTES
from tui.web.fetch_error import FetchError
from tui.web.fetched import Fetched
from tui.web.inflater import ENCODINGS, Inflater, TooLarge
from tui.web.tracking import is_web_address, unwrapped

USER_AGENT = f"Gloss/{__version__} (terminal news reader; httpx/{httpx.__version__})"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/html;q=0.9, application/xhtml+xml;q=0.9, text/*;q=0.8, */*;q=0.5"
)
_DNS = re.compile(r"name or service not known|nodename nor servname|name resolution|getaddrinfo")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long, how much and how many: the bounds of one run."""

    per_request: float = 20.0  # seconds for one request, body included
    overall: float = 300.0  # seconds for the whole run
    max_bytes: int = MAX_FILE_BYTES  # per response, after inflating
    at_once: int = 4  # requests in flight, one per host
    max_redirects: int = 10
    retries: int = 2  # of a 429 or 503
    longest_wait: float = 30.0  # a Retry-After longer than this is not waited for


class RetryLater(FetchError):
    """429 or 503 asking for a wait longer than the run allows: `until` is when to try again."""

    def __init__(self, source: str, reason: str, until: datetime | None) -> None:
        super().__init__(source, reason)
        self.until = until


class Fetcher:
    """A client for one run; use it in a `with` block. Thread-safe: refreshes run in threads."""

    def __init__(
        self, limits: FetchLimits | None = None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.limits = limits or FetchLimits()
        self._sleep = sleep
        self._started = time.monotonic()
        self._slots = threading.BoundedSemaphore(self.limits.at_once)
        self._hosts: dict[str, threading.Lock] = {}
        self._hosts_guard = threading.Lock()
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ENCODINGS},
            timeout=httpx.Timeout(self.limits.per_request),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _host_lock(self, url: str) -> threading.Lock:
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_guard:
            return self._hosts.setdefault(host, threading.Lock())

    def _time_left(self, url: str) -> float:
        left = self.limits.overall - (time.monotonic() - self._started)
        if left <= 0:
            raise FetchError(url, f"not fetched: {self._run_over()}")
        return min(left, self.limits.per_request)

    def _run_over(self) -> str:
        return f"the run's {self.limits.overall:g} s are up"

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The body at `url` (a tracking link unwrapped first), or a 304's "nothing new"."""
        url = unwrapped(url)
        if not is_web_address(url):
            raise FetchError(url, "not a web address (http:// or https://)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.limits.retries + 1):
            with self._slots, self._host_lock(url):
                status, result, wait = self._once(url, headers)
            if result is not None:
                return result
            reason = f"HTTP {status} {_phrase(status)}"
            if wait is None:
                wait = min(2.0**attempt, self.limits.longest_wait)  # no Retry-After: back off
            until = datetime.now(UTC).timestamp() + wait
            moment = datetime.fromtimestamp(until, UTC)
            if attempt == self.limits.retries or wait > self.limits.longest_wait:
                when = moment.strftime("%Y-%m-%d %H:%M UTC")
                raise RetryLater(url, f"{reason}: the server asks to wait until {when}", moment)
            if wait > self._time_left(url):
                raise RetryLater(url, f"{reason}: no time left to wait {wait:g} s", moment)
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, Fetched | None, float | None]:
        """One request: (status, the result or None for a 429/503, the wait it asked for)."""
        timeout = self._time_left(url)
        deadline = time.monotonic() + timeout
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                final = str(response.url)
                status = response.status_code
                if status in (429, 503):
                    return status, None, _retry_after(response.headers.get("Retry-After"))
                if status == 304:
                    return status, self._validated(final, response, b"", True), None
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {_phrase(status)}")
                body = self._body(url, response, deadline)
                return status, self._validated(final, response, body, False), None
        except httpx.TooManyRedirects:
            most = self.limits.max_redirects
            raise FetchError(url, f"more than {most} redirects (a loop?)") from None
        except httpx.TimeoutException:
            if timeout < self.limits.per_request:  # the run's time ran out first
                raise FetchError(url, self._run_over()) from None
            raise FetchError(url, f"timed out after {timeout:g} s") from None
        except httpx.ConnectError as error:
            raise FetchError(url, _connect_problem(url, error)) from None
        except httpx.InvalidURL as error:
            raise FetchError(url, f"not a web address ({error})") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(url, "not a web address (http:// or https://)") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"{type(error).__name__}: {error}") from None

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.limits.max_bytes
        too_large = f"too large: over {limit // (1024 * 1024)} MB"
        encoding = response.headers.get("Content-Encoding", "")
        declared = response.headers.get("Content-Length", "")
        if not encoding and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, too_large)
        try:
            inflater = Inflater(encoding, limit)
            for chunk in response.iter_raw():
                inflater.feed(chunk)
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {self.limits.per_request:g} s")
            return inflater.body()
        except TooLarge:
            raise FetchError(url, too_large) from None
        except ValueError as error:
            raise FetchError(url, str(error)) from None

    @staticmethod
    def _validated(url: str, response: httpx.Response, body: bytes, not_modified: bool) -> Fetched:
        return Fetched(
            url=url,
            data=body,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            not_modified=not_modified,
        )


def _phrase(status: int) -> str:
    try:
        return httpx.codes.get_reason_phrase(status)
    except ValueError:
        return ""


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _connect_problem(url: str, error: httpx.ConnectError) -> str:
    text = str(error)
    host = urlsplit(url).hostname or url
    if _DNS.search(text.lower()):
        return f"DNS: no address for {host}"
    if "refused" in text.lower():
        return f"connection refused by {host}"
    return f"cannot connect to {host} ({text})"
