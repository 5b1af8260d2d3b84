"""Tracking redirects that carry their target in the query: unwrapped before fetching.

A Google Alerts item links to `https://www.google.com/url?...&url=TARGET`, a
Facebook post to `https://l.facebook.com/l.php?u=TARGET`: stored as they are,
`o` opens the tracker and two alerts of one story are not seen as duplicates.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

# host (without "www.") -> path -> the query parameters that may hold the target
_TRACKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "google.com": {"/url": ("url", "q")},
    "l.facebook.com": {"/l.php": ("u",)},
    "lm.facebook.com": {"/l.php": ("u",)},
    "facebook.com": {"/l.php": ("u",)},
    "l.instagram.com": {"/": ("u",)},
    "l.messenger.com": {"/l.php": ("u",)},
    "out.reddit.com": {"": ("url",)},
    "t.umblr.com": {"/redirect": ("z",)},
    "youtube.com": {"/redirect": ("q",)},
    "slack-redir.net": {"/link": ("url",)},
    "steamcommunity.com": {"/linkfilter/": ("url", "u")},
    "bing.com": {"/ck/a": ("u",)},
}
_MOST_WRAPPINGS = 5


def is_web_address(url: str) -> bool:
    """An http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _target(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    paths = _TRACKERS.get(host)
    if paths is None:
        return None
    names = next((n for path, n in paths.items() if parts.path.startswith(path)), ())
    query = parse_qs(parts.query)
    for name in names:
        for value in query.get(name, ()):
            if is_web_address(value):
                return value
    return None


def unwrapped(url: str) -> str:
    """The address a tracking redirect leads to (wrapped several times, too); others as given."""
    url = url.strip()
    for _ in range(_MOST_WRAPPINGS):
        try:
            target = _target(url)
        except ValueError:
            return url
        if target is None:
            return url
        url = target
    return url
