"""Import files into a library: read them, skip duplicates, store them, find entities, report.

Shared by `gloss import` and the first run that fills an empty library with the
bundled articles. The app never calls it, so the app never loads spaCy.

Articles are stored in batches (one write per library file a batch touches).
While one batch's entities are found in a helper process (EntityPipeline), the
next batch is read and stored: entity extraction is most of the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Final, Literal, Protocol

from tui.annotations.reanchoring import reanchor_notes
from tui.annotations.replacement_guard import replacement_problem
from tui.annotations.w3c_import import import_annotations
from tui.entities.versions import is_current, stored_version
from tui.importing.deduplicator import Deduplicator
from tui.importing.duplicate_article import DuplicateArticle
from tui.importing.entity_pipeline import EntityPipeline
from tui.importing.folder_walk import FolderWalk
from tui.importing.import_report import ImportReport
from tui.importing.richer_copy import completed, kept_copy, reimported, richness
from tui.importing.stop_signals import StopSignals
from tui.importing.type_agreement import agree_library_types
from tui.ingest import (
    MAX_FILE_BYTES,
    AnnotationExportError,
    IngestError,
    NotAnArticle,
    PartlyRead,
    read_bytes,
    read_path,
)
from tui.ingest.language import article_language
from tui.models import Article, Entity
from tui.store import Library, LibraryError

__all__ = [
    "BATCH_SIZE",
    "STDIN",
    "STDIN_NAME",
    "ArticleSource",
    "ImportReport",
    "Importer",
    "expand_paths",
    "import_paths",
    "reindex",
]

BATCH_SIZE = 64
STDIN: Final = "-"
"""Given as a path, standard input is read instead of a file."""
STDIN_NAME: Final = "<stdin>"
"""How standard input is named in the report."""


class ArticleSource(Protocol):
    """Articles from elsewhere than a file (a URL): `name` in reports, `read()` gives them.

    `read()` raises IngestError (a FetchError is one) when there are none.
    """

    name: str

    def read(self) -> list[Article]: ...


Source = Path | Literal["-"] | ArticleSource
Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as the import goes."""


def expand_paths(paths: Iterable[Source], walk: FolderWalk) -> Iterator[Source]:
    """Files as given, folders walked by `walk` (which keeps what it left out, and why)."""
    for path in paths:
        if isinstance(path, Path) and path.is_dir():
            yield from walk.files(path)
        else:
            yield path


def import_paths(
    library: Library,
    paths: Iterable[Source],
    on_progress: Progress | None = None,
    *,
    stdin: BinaryIO | None = None,
    find_entities: bool = True,
    follow_links: bool = False,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import every file; a bad file is reported and never stops the others.

    `STDIN` among the paths reads `stdin`. Without `find_entities` (a
    benchmark's baseline) articles are stored without entities. Links in a
    folder that lead out of it are skipped unless `follow_links`. A read-only
    library is refused first (LibraryReadOnlyError), even with nothing to import.
    The run fills `report` when given: if ctrl+c stops it, that report says what
    was stored.
    """
    library.check_writable()
    walk = FolderWalk(skip=library.folder, follow_links=follow_links)
    files = list(expand_paths(paths, walk))
    importer = Importer(library, len(files), on_progress, find_entities=find_entities)
    if report is not None:
        importer.report = report
    importer.report.skipped.extend(walk.skipped)
    return importer.run(files, stdin)


def reindex(
    library: Library, everything: bool = False, on_progress: Progress | None = None
) -> tuple[int, str | None]:
    """Extract entities again where the stored version is not this extractor's (or all).

    Returns how many articles were redone and the model problem, if any. The
    texts are read before the first write (reads right after a write parse the
    whole catalog again), then go through the import's helper processes.
    An article stored before Gloss knew languages gets its language first; at the
    end, a name one article typed against the library's clear majority is retyped
    (`type_agreement`).
    A read-only library is refused before any of that, even with nothing to redo.
    `on_progress(done, total)` is called as each batch is stored.
    """
    library.check_writable()
    ids = library.article_ids()
    versions = library.extractor_versions(ids)
    stale = [i for i in ids if everything or not is_current(versions[i])]
    articles = [library.get_article(article_id) for article_id in stale]
    articles = _with_languages(library, articles)
    problem = None
    redone = 0
    if on_progress is not None and articles:
        on_progress(0, len(articles))
    with EntityPipeline[None]() as pipeline:
        # Smaller batches in a small library, so the progress bar moves (at least 8 a batch).
        size = min(BATCH_SIZE, max(8, len(articles) // 10))
        for start in range(0, len(articles), size):
            more_coming = start + size < len(articles)
            pipeline.submit(None, articles[start : start + size], more_coming=more_coming)
            for _, done, entities, found in pipeline.finished(wait=not more_coming):
                problem = problem or found
                if entities is not None:
                    items = [(a.id, e) for a, e in zip(done, entities, strict=True)]
                    library.set_entities_many(items, stored_version(found))
                    redone += len(items)
                if on_progress is not None:
                    on_progress(redone, len(articles))
    if redone and problem is None:
        with StopSignals.deferred():
            agree_library_types(library, stored_version(None))
    return redone, problem


def _with_languages(library: Library, articles: list[Article]) -> list[Article]:
    """The articles, each with a language: one stored without is given it, and stored."""
    given: list[Article] = []
    kept: list[Article] = []
    for article in articles:
        if article.language is None:
            language = article_language(article.text, None)
            if language is not None:
                article = replace(article, language=language)
                given.append(article)
        kept.append(article)
    if given:
        with StopSignals.deferred():
            library.add_articles(given)
    return kept


class Importer:
    """One import run: the report, the articles it has seen, how many files are done.

    A file counts as done once its articles are stored with their entities,
    so the progress bar does not run ahead of the slow part.
    """

    def __init__(
        self,
        library: Library,
        total: int,
        on_progress: Progress | None = None,
        *,
        find_entities: bool = True,
    ) -> None:
        self.library = library
        self.report = ImportReport()
        self.total = total
        self.done = 0
        self._on_progress = on_progress
        self._find_entities = find_entities
        # What the library held when the run started, read once: each id meets
        # it at most once per run, and reading a catalog each batch rewrites
        # costs a parse of the whole file per read.
        stored = library.ids_by_text_hash()
        self._dedup = Deduplicator(stored)
        self._stored_texts = {
            article_id: digest for digest, ids in stored.items() for article_id in ids
        }
        self._versions = library.extractor_versions(self._stored_texts)
        self._added: dict[str, int] = {}  # id added by this run -> its place in report.added
        self._slots: dict[str, int] = {}  # id to store in the place of one this run dropped
        self._dropped: set[str] = set()  # added by this run, then replaced by a richer copy

    def run(self, files: Sequence[Source], stdin: BinaryIO | None = None) -> ImportReport:
        exports: list[AnnotationExportError] = []  # notes, restored once the articles are in
        batch: list[Article] = []
        batch_files = 0  # files whose articles are all in `batch`
        if self._on_progress is not None:
            self._on_progress(0, self.total)
        with EntityPipeline[int](background=self._find_entities) as pipeline:
            for number, source in enumerate(files, 1):
                keep: list[Article] = []
                try:
                    keep, skipped = self._dedup.split(self._read(source, stdin))
                    self.report.duplicates.extend(skipped)
                    keep = self._refuse_note_losing_updates(keep)
                    keep = [self._richer_of_stored(article) for article in keep]
                    for duplicate in skipped:
                        self._fill_kept_copy(duplicate, batch, keep)
                except AnnotationExportError as annotation_export:
                    exports.append(annotation_export)
                except NotAnArticle as not_article:
                    self.report.skipped.append(not_article)
                except IngestError as error:
                    self.report.failed.append(error)
                if keep:
                    batch.extend(keep)
                    batch_files += 1
                else:
                    self._advance(1)
                if len(batch) >= BATCH_SIZE:
                    self._store(batch, batch_files, pipeline, more_coming=number < len(files))
                    batch, batch_files = [], 0
                self._save_entities(pipeline, wait=False)
            if batch:
                self._store(batch, batch_files, pipeline, more_coming=False)
            self._save_entities(pipeline, wait=True)
        for export in exports:
            found = import_annotations(self.library, export.document, export.source)
            self.report.annotations.add(found)
        return self.report

    def _refuse_note_losing_updates(self, articles: list[Article]) -> list[Article]:
        """The articles to store; an update that would orphan notes goes to `failed` instead."""
        kept: list[Article] = []
        for article in articles:
            stored = self._stored_texts.get(article.id)
            problem = None
            if stored is not None and stored != article.text_hash:
                problem = replacement_problem(self.library, article)
            if problem is None:
                kept.append(article)
            else:
                self.report.failed.append(IngestError(article.origin or STDIN_NAME, problem))
        return kept

    def _read(self, source: Source, stdin: BinaryIO | None) -> list[Article]:
        """The file's articles; one that broke off gives what it had, with a warning."""
        try:
            return _read(source, stdin)
        except PartlyRead as partial:
            self.report.warnings.append(partial)
            return partial.articles

    def _richer_of_stored(self, article: Article) -> Article:
        """A copy of a stored text that knows less (no URL, a guessed date) keeps what is stored."""
        if self._stored_texts.get(article.id) != article.text_hash:
            return article
        if article.url is not None and article.date is not None and not article.date_guessed:
            return article  # knows all that could make the stored one richer
        try:
            stored = self.library.get_article(article.id)
        except LibraryError:
            return article
        return reimported(stored, article)

    def _fill_kept_copy(
        self, duplicate: DuplicateArticle, batch: list[Article], keep: list[Article]
    ) -> None:
        """A duplicate by text that knows more goes into the copy kept: still to store in
        `batch` or `keep` (this file's), or stored (then stored again, as an update).

        Nearly the same text that knows more replaces a copy this run added (the
        fragment read before its page); a copy stored before the run only takes its
        metadata, so nothing stored earlier loses its text or id.
        """
        if duplicate.same == "same URL":
            return
        arriving = duplicate.article
        for pending in (batch, keep):
            for index, article in enumerate(pending):
                if article.id == duplicate.duplicate_of:
                    if self._replaces(duplicate, article):
                        pending[index] = completed(arriving, article, arriving.id)
                        self._swap(duplicate, article)
                    elif (better := kept_copy(article, arriving)) is not None:
                        pending[index] = better
                    return
        try:
            stored = self.library.get_article(duplicate.duplicate_of)
        except LibraryError:
            return
        if stored.id in self._added and self._replaces(duplicate, stored):
            with StopSignals.deferred():
                self.library.delete_article(stored.id)
            self._dropped.add(stored.id)
            self._slots[arriving.id] = self._added.pop(stored.id)
            keep.append(completed(arriving, stored, arriving.id))
            self._swap(duplicate, stored)
        elif (better := kept_copy(stored, arriving)) is not None:
            keep.append(better)

    def _replaces(self, duplicate: DuplicateArticle, kept: Article) -> bool:
        """Is this nearly-same text a richer copy that may take the kept one's place?"""
        arriving = duplicate.article
        stored = self._stored_texts.get(arriving.id)
        return (
            duplicate.same == "similar text"
            and (stored is None or stored == arriving.text_hash)  # never a silent text update
            and richness(arriving) > richness(kept)
        )

    def _swap(self, duplicate: DuplicateArticle, kept: Article) -> None:
        """The report and the deduplicator: `kept` is now the duplicate of the richer copy."""
        report = self.report.duplicates
        report[report.index(duplicate)] = DuplicateArticle(
            kept, duplicate.article.id, duplicate.same
        )
        self._dedup.replace(kept.id, duplicate.article)

    def _advance(self, files: int) -> None:
        self.done += files
        if self._on_progress is not None and files:
            self._on_progress(self.done, self.total)

    def _store(
        self, articles: list[Article], files: int, pipeline: EntityPipeline[int], more_coming: bool
    ) -> None:
        """Store a batch, report each article, queue the ones that need entities."""
        library, report = self.library, self.report
        with StopSignals.deferred():  # the report lists exactly what was stored
            outcomes = library.add_articles(articles)
            for article, outcome in zip(articles, outcomes, strict=True):
                if outcome == "added" and article.id in self._slots:  # a dropped copy's place
                    self._added[article.id] = self._slots.pop(article.id)
                    report.added[self._added[article.id]] = article
                elif outcome == "added":
                    self._added[article.id] = len(report.added)
                    report.added.append(article)
                elif outcome == "updated" and article.id in self._added:
                    report.added[self._added[article.id]] = article  # filled by a richer copy
                elif outcome == "updated":
                    report.updated.append(article)
                    report.notes.add(reanchor_notes(library, article))  # the text may have changed
                else:
                    report.unchanged.append(article)
            to_extract = [a for a in articles if self._find_entities and self._needs_entities(a)]
            report.entities_pending += len(to_extract)
        pipeline.submit(files, to_extract, more_coming=more_coming)

    def _needs_entities(self, article: Article) -> bool:
        """A new text has none (a changed one lost them); a metadata change keeps them."""
        if self._stored_texts.get(article.id) != article.text_hash:
            return True
        return not is_current(self._versions.get(article.id))  # an older extractor's

    def _save_entities(self, pipeline: EntityPipeline[int], *, wait: bool) -> None:
        for files, articles, entities, problem in pipeline.finished(wait=wait):
            self._set_entities(articles, entities, problem)
            self._advance(files)

    def _set_entities(
        self, articles: Sequence[Article], entities: list[list[Entity]] | None, problem: str | None
    ) -> None:
        if problem is not None and self.report.warning is None:
            self.report.warning = problem
        if entities is None or not articles:
            return  # no extractor version is stored: `gloss reindex` finds these
        items = [
            (a.id, found)
            for a, found in zip(articles, entities, strict=True)
            if a.id not in self._dropped  # replaced by a richer copy meanwhile
        ]
        with StopSignals.deferred():
            self.library.set_entities_many(items, stored_version(problem))
            self.report.entities_pending -= len(articles)


def _read(source: Source, stdin: BinaryIO | None) -> list[Article]:
    if isinstance(source, Path):
        return read_path(source)
    if not isinstance(source, str):
        return source.read()
    if stdin is None:
        raise IngestError(STDIN_NAME, "standard input is not available")
    try:
        data = stdin.read(MAX_FILE_BYTES + 1)  # more is refused as too big anyway
    except OSError as error:
        raise IngestError(STDIN_NAME, error.strerror or "cannot read it") from None
    return read_bytes(data, STDIN_NAME)
