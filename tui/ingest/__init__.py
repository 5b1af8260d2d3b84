"""Readers that turn files into Articles. No Textual, no TinyDB."""

from tui.ingest.errors import IngestError
from tui.ingest.reader import read_bytes, read_path

__all__ = ["IngestError", "read_bytes", "read_path"]
