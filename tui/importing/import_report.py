"""What one import did, article by article and file by file."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.annotations.annotation_import_report import AnnotationImportReport
from tui.annotations.reanchor_report import ReanchorReport
from tui.importing.duplicate_article import DuplicateArticle
from tui.ingest import IngestError
from tui.models import Article


@dataclass
class ImportReport:
    """Every article read ends in exactly one of added, updated, unchanged or duplicates;
    every file that gave none, and every update refused to keep notes on their
    passages, is in failed; a folder's entry left unread (a link out of it, a pipe)
    and a file that is plainly not an article (a licence, a data sidecar) are in
    skipped, which does not fail the import; a file that broke off after some
    articles (a truncated feed) gave those, and is in warnings. The summary and
    `--json` are printed from it.
    """

    added: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    duplicates: list[DuplicateArticle] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)  # left out: not read, or no article
    warnings: list[IngestError] = field(default_factory=list)  # read in part (a truncated feed)
    warning: str | None = None  # why entities are missing or partial (no model, ...)
    notes: ReanchorReport = field(default_factory=ReanchorReport)  # of updated articles
    annotations: AnnotationImportReport = field(default_factory=AnnotationImportReport)
    # Stored articles whose entities are not stored yet: non-zero only when an import
    # was stopped (ctrl+c, SIGTERM); `gloss reindex` finds them.
    entities_pending: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and self.annotations.ok
