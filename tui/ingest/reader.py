"""Read a file (or bytes) into articles, choosing the reader from the content."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from tui.ingest.errors import IngestError
from tui.ingest.markdown import has_front_matter, read_markdown
from tui.ingest.plain_text import read_plain_text
from tui.models import Article

MAX_FILE_BYTES = 20 * 1024 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


def decode(data: bytes, source: str) -> str:
    """UTF-8 when it is, else the encoding charset-normalizer finds; binary is refused."""
    if b"\x00" in data[:8192]:
        raise IngestError(source, "binary file, not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(source, "cannot tell the text encoding")
    return str(best)


def read_bytes(data: bytes, source: str, suffix: str = "") -> list[Article]:
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(source, f"file is over {MAX_FILE_BYTES // (1024 * 1024)} MB")
    text = decode(data, source)
    if not text.strip():
        raise IngestError(source, "file is empty")
    try:
        if suffix.lower() in MARKDOWN_SUFFIXES or has_front_matter(text):
            article = read_markdown(text, origin=source)
        else:
            article = read_plain_text(text, origin=source)
    except (ValueError, TypeError) as error:
        raise IngestError(source, f"cannot read it: {error}") from None
    if not article.text:
        raise IngestError(source, "no article text found")
    return [article]


def read_path(path: Path) -> list[Article]:
    """Every article in one file; IngestError says why when there is none."""
    source = str(path)
    try:
        if path.is_dir():
            raise IngestError(source, "is a folder")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IngestError(source, f"file is over {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as error:
        raise IngestError(source, error.strerror or "cannot read it") from None
    return read_bytes(data, source, path.suffix)
