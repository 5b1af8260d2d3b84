"""Undo a response's Content-Encoding without ever holding more than the size limit.

A gzip bomb (kilobytes that inflate to gigabytes) is stopped as soon as the
inflated bytes pass the limit: each chunk is inflated at most that far.
"""

from __future__ import annotations

import zlib

ENCODINGS = "gzip, deflate"
"""What Gloss says it accepts (never br or zstd: it cannot bound those here)."""


class TooLarge(Exception):
    """More bytes than the limit."""


class Inflater:
    """Feed it the raw chunks in order; it gives the body, or raises TooLarge past `limit`."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        coding = encoding.strip().lower()
        if coding in ("", "identity"):
            self._zlib = None
        elif coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or raw, as servers send
        else:
            raise ValueError(f"content encoded as {coding!r}, which Gloss does not read")

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            raise TooLarge
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._zlib is None:
            self._keep(chunk)
            return
        try:
            data = self._zlib.decompress(chunk, self.limit - self._size + 1)
            self._keep(data)
            while self._zlib.unconsumed_tail:
                data = self._zlib.decompress(
                    self._zlib.unconsumed_tail, self.limit - self._size + 1
                )
                self._keep(data)
        except zlib.error as error:
            raise ValueError(f"broken compressed body ({error})") from None

    def body(self) -> bytes:
        if self._zlib is not None:
            self._keep(self._zlib.flush())
        return b"".join(self._parts)
