"""A search query that cannot be run as typed."""

from __future__ import annotations

from tui.ingest.one_line_error import OneLineError


class QueryError(OneLineError, ValueError):
    """One line naming the bad part of the query; the UI shows it as it is."""
