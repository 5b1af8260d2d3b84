"""The one error the readers raise: a file Gloss cannot turn into an article."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be imported; str() is the one line a user sees."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
