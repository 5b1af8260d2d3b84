"""Readers that turn files into Articles. No Textual, no TinyDB.

read_path/read_bytes detect the format from the content (detect.py) and hand
the decoded text (decode.py) to one reader per format: plain_text, markdown,
html_page, feed, json_articles. Every reader builds its Article through
assemble(), which cleans all text and metadata (clean.py).
"""

from tui.ingest.errors import AnnotationExportError, IngestError
from tui.ingest.reader import MAX_FILE_BYTES, read_bytes, read_path

__all__ = ["MAX_FILE_BYTES", "AnnotationExportError", "IngestError", "read_bytes", "read_path"]
