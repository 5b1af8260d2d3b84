"""Readers that turn files into Articles. No Textual, no TinyDB.

read_path/read_bytes detect the format from the content (detect.py) and hand
the decoded text (decode.py) to one reader per format: plain_text, markdown,
html_page, feed, json_articles. Every reader builds its Article through
assemble(), which cleans all text and metadata (clean.py).

The readers are imported on first use: the app imports this package for its
errors and text cleaning, and must not pay for trafilatura at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ingest.errors import AnnotationExportError, IngestError, NotAnArticle, PartlyRead

if TYPE_CHECKING:
    from tui.ingest.reader import MAX_FILE_BYTES, read_bytes, read_path

_FROM_READER = frozenset({"MAX_FILE_BYTES", "read_bytes", "read_path"})

__all__ = [
    "MAX_FILE_BYTES",
    "AnnotationExportError",
    "IngestError",
    "NotAnArticle",
    "PartlyRead",
    "read_bytes",
    "read_path",
]


def __getattr__(name: str) -> object:
    if name in _FROM_READER:
        from tui.ingest import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
