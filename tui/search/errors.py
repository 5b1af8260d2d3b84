"""What search can refuse: a query that cannot run as typed, an index file that cannot be used."""

from __future__ import annotations

from tui.ingest.one_line_error import OneLineError


class QueryError(OneLineError, ValueError):
    """One line naming the bad part of the query; the UI shows it as it is."""


class IndexFormatError(ValueError):
    """A corrupt, truncated or other-format index file: the caller throws it away and
    rebuilds, since the index is derived data."""
