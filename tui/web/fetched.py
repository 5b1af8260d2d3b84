"""What one fetch brought back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body at `url` (where the redirects ended), or nothing new (`not_modified`, a 304).

    `etag` and `last_modified` are the server's validators, to send back next time.
    """

    url: str
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
