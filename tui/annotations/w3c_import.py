"""Restore notes from a W3C Web Annotation export (ours or another tool's).

Each annotation is placed on the library's *current* text of its article with
the same rules as a re-import (tui.annotations.anchoring.reanchor), so an export made
before the article changed still lands on the right passages; one whose
passage is gone is stored as an orphan, never dropped. Notes the library
already has (same id) are skipped, so importing a file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tui.annotations.anchoring import AnchorStatus, make_selector, quote_starts, reanchor
from tui.annotations.annotation_import_report import AnnotationImportReport
from tui.annotations.w3c import ARTICLE_URN, parse_annotation, types_of
from tui.ingest.clean import escaped
from tui.models import Article, Note, Selector
from tui.store import Library, LibraryError

_MAX_PAGES = 10_000
_CONTAINERS = {"AnnotationCollection", "AnnotationPage"}


def annotations_in(document: object) -> list[object]:
    """The annotations of a collection (its embedded pages), a page, a list or one annotation."""
    if isinstance(document, list):
        found: list[object] = []
        for item in document:
            found.extend(annotations_in(item) if types_of(item) & _CONTAINERS else [item])
        return found
    kinds = types_of(document)
    if "Annotation" in kinds:
        return [document]
    if not isinstance(document, dict) or not kinds & _CONTAINERS:
        raise ValueError("it is not an Annotation, AnnotationPage or AnnotationCollection")
    page: object = document.get("first") if "AnnotationCollection" in kinds else document
    if isinstance(page, str):
        raise ValueError("its annotation pages are links, not in the file: export them inline")
    items: list[object] = []
    for _ in range(_MAX_PAGES):
        if not isinstance(page, dict):
            break
        page_items = page.get("items", [])
        items.extend(page_items if isinstance(page_items, list) else [page_items])
        page = page.get("next")
    return items


def _label(source: str, item: object, number: int) -> str:
    """How a failure names an annotation: its file, then its id or its number in the file."""
    given = item.get("id", item.get("@id")) if isinstance(item, dict) else None
    name = given[:100] if isinstance(given, str) and given else f"#{number}"
    name = escaped(name)
    return f"{source}: annotation {name}" if source else f"annotation {name}"


def _holds(selector: Selector, text: str) -> bool:
    """Was this selector made on exactly this text, at this place?"""
    start, end = selector.start, selector.end
    return 0 <= start < end <= len(text) and make_selector(text, start, end) == selector


def place_note(note: Note, text: str) -> tuple[Note, AnchorStatus]:
    """The imported note on the article's current text (orphaned, old selector kept, if lost)."""
    selector = note.selector
    if selector is None:
        return replace(note, orphaned=False), AnchorStatus.KEPT
    if not selector.exact:  # a position without a quote: trust it if it fits the text
        if selector.end > len(text):
            raise ValueError(
                f"its TextPositionSelector {selector.start}..{selector.end} is outside "
                f"the article's text ({len(text)} characters)"
            )
        placed = make_selector(text, selector.start, selector.end)
        return replace(note, selector=placed, orphaned=False), AnchorStatus.KEPT
    if _holds(selector, text):
        return replace(note, orphaned=False), AnchorStatus.KEPT
    if not selector.prefix and not selector.suffix:
        return _place_bare_quote(note, selector, text)
    found = reanchor(selector, text)
    if found.selector is None:
        return replace(note, orphaned=True), AnchorStatus.ORPHANED
    return replace(note, selector=found.selector, orphaned=False), found.status


def _place_bare_quote(note: Note, selector: Selector, text: str) -> tuple[Note, AnchorStatus]:
    """A quote without context (other tools may omit it): one occurrence, or the one at its offset.

    With no context to rank several occurrences, any other choice would be a guess.
    """
    starts = quote_starts(text, selector.exact)
    if selector.start in starts:
        start = selector.start
    elif len(starts) == 1:
        start = starts[0]
    else:
        return replace(note, orphaned=True), AnchorStatus.ORPHANED
    placed = make_selector(text, start, start + len(selector.exact))
    status = AnchorStatus.KEPT if start == selector.start else AnchorStatus.MOVED
    return replace(note, selector=placed, orphaned=False), status


def _article_finder(library: Library) -> Callable[[str, str], Article | None]:
    """Finds an annotation's article by Gloss id, urn or URL, reading each text once."""
    summaries = library.list_articles()
    ids = {summary.id for summary in summaries}
    by_url = {summary.url: summary.id for summary in summaries if summary.url}
    loaded: dict[str, Article] = {}

    def find(article_id: str, source: str) -> Article | None:
        candidates = [article_id, by_url.get(source, "")]
        if source.startswith(ARTICLE_URN):
            candidates.append(source[len(ARTICLE_URN) :])
        for candidate in candidates:
            if candidate in ids:
                if candidate not in loaded:
                    loaded[candidate] = library.get_article(candidate)
                return loaded[candidate]
        return None

    return find


def import_annotations(
    library: Library, document: object, source: str = ""
) -> AnnotationImportReport:
    """Store the document's annotations as notes; the report says what became of each."""
    report = AnnotationImportReport()
    try:
        items = annotations_in(document)
    except ValueError as error:
        report.failed.append((source or "the document", str(error)))
        return report
    present = {note.id for note in library.notes()}
    find_article = _article_finder(library)
    placed_notes: list[tuple[str, Note, AnchorStatus]] = []
    for number, item in enumerate(items, 1):
        label = _label(source, item, number)
        try:
            note, target = parse_annotation(item)
            if note.id in present:
                report.skipped.append(note.id)
                continue
            article = find_article(note.article_id, target)
            if article is None:
                shown = note.article_id or target
                if note.article_id and not target.startswith(ARTICLE_URN):
                    shown = f"{note.article_id} ({target})"
                raise ValueError(
                    f"its article {shown[:300]} is not in the library: import the article first"
                )
            placed, status = place_note(replace(note, article_id=article.id), article.text)
        except (ValueError, LibraryError) as error:
            report.failed.append((label, str(error)))
            continue
        if placed.id:
            present.add(placed.id)
        placed_notes.append((label, placed, status))
    try:  # one write per notes shard, not one per note
        stored_notes = library.add_notes([note for _, note, _ in placed_notes])
    except LibraryError as error:
        report.failed.extend((label, str(error)) for label, _, _ in placed_notes)
        return report
    for (_, _, status), stored in zip(placed_notes, stored_notes, strict=True):
        if status is AnchorStatus.ORPHANED:
            report.orphaned.append(stored)
        else:
            report.restored.append(stored)
    return report
