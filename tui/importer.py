"""Import files into a library: read them, find their entities, store them, report.

Shared by `gloss import` and the first run that fills an empty library with the
bundled articles. The app never calls it, so the app never loads spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.annotations.annotation_import_report import AnnotationImportReport
from tui.annotations.reanchor_report import ReanchorReport
from tui.annotations.reanchoring import reanchor_notes
from tui.annotations.w3c_import import import_annotations
from tui.entities import EXTRACTOR_VERSION, NO_MODEL_SUFFIX, extract_entities, model_problem
from tui.ingest import AnnotationExportError, IngestError, read_path
from tui.models import Article
from tui.store import Library

BATCH_SIZE = 64


@dataclass
class ImportReport:
    """What one import did, file by file, for the summary and `--json`."""

    added: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    model_problem: str | None = None
    notes: ReanchorReport = field(default_factory=ReanchorReport)  # of updated articles
    annotations: AnnotationImportReport = field(default_factory=AnnotationImportReport)

    @property
    def ok(self) -> bool:
        return not self.failed and self.annotations.ok


def stored_version(problem: str | None) -> str:
    """The version stored with entities; marked when the model was missing (reindex redoes it)."""
    return EXTRACTOR_VERSION if problem is None else EXTRACTOR_VERSION + NO_MODEL_SUFFIX


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders walked recursively (hidden files skipped), in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith(".") for part in relative.parts)
                if child.is_file() and not hidden:
                    yield child
        else:
            yield path


def import_paths(
    library: Library,
    paths: Iterable[Path],
    on_file: Callable[[Path], None] | None = None,
) -> ImportReport:
    """Import every file; a bad file is reported and never stops the others."""
    report = ImportReport()
    batch: list[Article] = []
    exports: list[AnnotationExportError] = []  # notes, restored once the articles are in
    for path in expand_paths(paths):
        if on_file is not None:
            on_file(path)
        try:
            batch.extend(read_path(path))
        except AnnotationExportError as annotation_export:
            exports.append(annotation_export)
        except IngestError as error:
            report.failed.append(error)
        if len(batch) >= BATCH_SIZE:
            _store(library, batch, report)
            batch = []
    if batch:
        _store(library, batch, report)
    for export in exports:
        report.annotations.add(import_annotations(library, export.document, export.source))
    return report


def reindex(library: Library, everything: bool = False) -> tuple[int, str | None]:
    """Extract entities again where the stored version is not this extractor's (or all).

    Returns how many articles were redone and the model problem, if any.
    """
    stale = [
        article_id
        for article_id in library.article_ids()
        if everything or library.extractor_version(article_id) != EXTRACTOR_VERSION
    ]
    problem = None
    for start in range(0, len(stale), BATCH_SIZE):
        articles = [
            library.get_article(article_id) for article_id in stale[start : start + BATCH_SIZE]
        ]
        extracted = extract_entities(articles)
        problem = model_problem()
        items = [(a.id, entities) for a, entities in zip(articles, extracted, strict=True)]
        library.set_entities_many(items, stored_version(problem))
    return len(stale), problem


def _store(library: Library, articles: list[Article], report: ImportReport) -> None:
    outcomes = library.add_articles(articles)
    changed = [a for a, outcome in zip(articles, outcomes, strict=True) if outcome != "unchanged"]
    stale = [
        a
        for a, outcome in zip(articles, outcomes, strict=True)
        if outcome == "unchanged" and library.extractor_version(a.id) != EXTRACTOR_VERSION
    ]
    to_extract = changed + stale
    if to_extract:
        extracted = extract_entities(to_extract)
        report.model_problem = model_problem()
        version = stored_version(report.model_problem)
        items = [(a.id, entities) for a, entities in zip(to_extract, extracted, strict=True)]
        library.set_entities_many(items, version)
    for article, outcome in zip(articles, outcomes, strict=True):
        if outcome == "added":
            report.added.append(article)
        elif outcome == "updated":
            report.updated.append(article)
            report.notes.add(reanchor_notes(library, article))  # the text may have changed
        else:
            report.unchanged.append(article)
