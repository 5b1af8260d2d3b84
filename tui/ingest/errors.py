"""The errors the readers raise: a file Gloss cannot turn into articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ingest.clean import clean_text
from tui.ingest.one_line_error import OneLineError

if TYPE_CHECKING:
    from tui.models import Article


class IngestError(OneLineError):
    """A file that cannot be imported; str() is the one line a user sees."""

    def __init__(self, source: str, reason: str) -> None:
        reason = " ".join(clean_text(reason).split())
        super().__init__(f"{source}: {reason}")  # a file name may hold anything: str() escapes it
        self.source = source
        self.reason = reason


class NotAnArticle(IngestError):
    """A file that plainly holds no article (a licence, a data sidecar): an import skips it
    with this reason and does not fail."""

    def __init__(self, source: str, what: str) -> None:
        super().__init__(source, f"not an article ({what})")


class PartlyRead(IngestError):
    """A file read only leniently (a truncated or ill-formed feed): the import keeps
    `articles` and says `reason` as a warning; the file does not fail."""

    def __init__(self, source: str, articles: list[Article], reason: str) -> None:
        super().__init__(source, reason)
        self.articles = articles


class AnnotationExportError(IngestError):
    """A W3C Web Annotation export (or Gloss's Markdown export): notes, not articles.

    The seam for the annotation importer: catch this (it is an IngestError, so
    code that only knows IngestError still shows a clear message) and hand
    `document`, the parsed W3C JSON, to the importer.
    """

    def __init__(
        self,
        source: str,
        document: object,
        reason: str = "W3C annotation exports are imported by the notes importer, not as articles",
    ) -> None:
        super().__init__(source, reason)
        self.document = document
