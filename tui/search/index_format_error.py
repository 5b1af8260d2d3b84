"""A search index file that cannot be used (corrupt, truncated, another format)."""

from __future__ import annotations


class IndexFormatError(ValueError):
    """The caller throws the file away and rebuilds: the index is derived data."""
