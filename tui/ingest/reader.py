"""Read a file (or bytes) into articles, choosing the reader from the content.

The only exception that leaves read_bytes/read_path is IngestError: a hostile
or broken file is a message for the user, never a crash of the reader.
"""

from __future__ import annotations

import importlib
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import cast

import yaml

from tui.ingest.decode import decode
from tui.ingest.detect import JSON_SUFFIXES, Format, detect_format, prose_format
from tui.ingest.errors import IngestError, NotAnArticle, PartlyRead
from tui.ingest.file_kind import not_a_file
from tui.ingest.housekeeping_files import NOT_AN_ARTICLE, is_housekeeping_file
from tui.ingest.json_articles import NotJson
from tui.models import Article

MAX_FILE_BYTES = 20 * 1024 * 1024
_LOG = logging.getLogger(__name__)

Reader = Callable[[str, str], list[Article]]


# Each format's reader as (module, function, whether it returns one article or
# a list). They are imported on first use: a text or Markdown file never loads
# trafilatura (the HTML reader) or feedparser, so filling a new library with
# the bundled article needs neither.
READERS: dict[Format, tuple[str, str, bool]] = {
    "html": ("tui.ingest.html_page", "read_html", True),
    "feed": ("tui.ingest.feed", "read_feed", False),
    "json": ("tui.ingest.json_articles", "read_json", False),
    "markdown": ("tui.ingest.markdown", "read_markdown", True),
    "text": ("tui.ingest.plain_text", "read_plain_text", True),
}


def reader(kind: Format) -> Reader:
    """The reader of one format, as a function that gives a list of articles."""
    module, name, single = READERS[kind]
    read = getattr(importlib.import_module(module), name)
    if single:
        return lambda text, origin: [read(text, origin)]
    return cast(Reader, read)


def _is_parser_error(error: Exception) -> bool:
    """A YAML or lxml parse error (lxml is only imported by the readers that use it)."""
    return isinstance(error, yaml.YAMLError) or type(error).__module__.startswith("lxml")


def _too_big() -> str:
    return f"file is over {MAX_FILE_BYTES // (1024 * 1024)} MB"


def _read(text: str, source: str, suffix: str) -> list[Article]:
    kind = detect_format(text, suffix)
    try:
        return reader(kind)(text, source)
    except NotJson as error:
        if suffix.lower() in JSON_SUFFIXES:
            raise IngestError(source, str(error)) from None
        # "[Update] Beijing ..." starts like JSON but is prose.
        return reader(prose_format(text, suffix))(text, source)


def read_bytes(data: bytes, source: str, suffix: str = "") -> list[Article]:
    """Every article in a file's bytes; `suffix` (".md") only breaks ties the content leaves."""
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(source, _too_big())
    if not data.strip():
        raise IngestError(source, "file is empty")
    text = decode(data, source).text
    if not text.strip():
        raise IngestError(source, "file is empty")
    try:
        articles = _read(text, source, suffix)
    except PartlyRead as partial:
        partial.articles = [article for article in partial.articles if article.text]
        if not partial.articles:
            raise IngestError(source, partial.reason) from None
        raise
    except IngestError:
        raise
    except ValueError as error:
        raise IngestError(source, f"cannot read it: {error}") from None
    except RecursionError:
        raise IngestError(source, "cannot read it: structure nested too deeply") from None
    except MemoryError:
        raise IngestError(source, "cannot read it: not enough memory") from None
    except Exception as error:
        if _is_parser_error(error):
            raise IngestError(source, f"cannot read it: {type(error).__name__}: {error}") from None
        # A parser bug on hostile input must not take the app down; keep the trace for debugging.
        _LOG.debug("reader failed on %s", source, exc_info=True)
        raise IngestError(source, f"cannot read it ({type(error).__name__}: {error})") from error
    articles = [article for article in articles if article.text]
    if not articles:
        raise IngestError(source, "no article text found")
    return articles


def read_path(path: Path) -> list[Article]:
    """Every article in one file; IngestError says why when there is none.

    Only a regular file is opened: opening a named pipe waits for a writer, and
    a device may never end (or do something on open). The check is made again
    on the opened file, without waiting, in case the path changed in between.
    A licence, notice or readme is NotAnArticle, unread.
    """
    source = str(path)
    if is_housekeeping_file(path.name):
        raise NotAnArticle(source, NOT_AN_ARTICLE)
    try:
        _refuse_unless_file(path.stat().st_mode, source)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as handle:
            found = os.fstat(fd)
            _refuse_unless_file(found.st_mode, source)
            if found.st_size > MAX_FILE_BYTES:
                raise IngestError(source, _too_big())
            data = handle.read(MAX_FILE_BYTES + 1)  # a file may grow after stat()
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as error:
        raise IngestError(source, error.strerror or "cannot read it") from None
    return read_bytes(data, source, path.suffix)


def _refuse_unless_file(mode: int, source: str) -> None:
    if stat.S_ISDIR(mode):
        raise IngestError(source, "is a folder")
    if not stat.S_ISREG(mode):
        raise IngestError(source, not_a_file(mode))
