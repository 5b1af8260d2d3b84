"""A URL that gave no article: one line naming it and the reason."""

from __future__ import annotations

from tui.ingest.errors import IngestError


class FetchError(IngestError):
    """DNS, refused, timeout, HTTP status, too large, not an article: str() is "URL: reason".

    An IngestError, so an import reports it as it reports a file that failed.
    """
