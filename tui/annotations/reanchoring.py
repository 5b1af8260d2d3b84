"""Keep notes on their passages when an article is imported again with a changed text.

The anchoring rules (kept -> exact quote ranked by context and nearness ->
fuzzy -> orphan) are tui.annotations.anchoring's; this module applies them to stored notes
and saves the outcome. A note is never deleted here: one whose passage is gone
becomes an orphan that keeps its old selector, so its quote can still be shown
and the user can re-attach it.
"""

from __future__ import annotations

from dataclasses import replace

from tui.annotations.anchoring import AnchorStatus, reanchor
from tui.annotations.reanchor_report import ReanchorReport
from tui.models import Article, Note, text_hash
from tui.store import Library


def reanchor_note(note: Note, text: str) -> tuple[Note, AnchorStatus]:
    """The note placed on `text`: a new selector, or orphaned with its old one.

    An attached note already made on this very text is left as it is; an
    orphan is always tried again (the text may have got its passage back).
    """
    selector = note.selector
    if selector is None:
        return note, AnchorStatus.KEPT
    if not note.orphaned and selector.text_hash == text_hash(text):
        return note, AnchorStatus.KEPT
    found = reanchor(selector, text)
    if found.selector is None:
        return replace(note, orphaned=True), AnchorStatus.ORPHANED
    return replace(note, selector=found.selector, orphaned=False), found.status


def reanchor_notes(library: Library, article: Article) -> ReanchorReport:
    """Re-anchor every note of the article on its (new) text and save the changed ones."""
    report = ReanchorReport()
    for note in library.notes(article.id):
        if note.selector is None:
            continue  # an article-level note has no passage to lose
        placed, status = reanchor_note(note, article.text)
        if placed != note:
            placed = library.update_note(placed)
        if status is AnchorStatus.ORPHANED:
            if not note.orphaned:
                report.orphaned_notes.append(placed)
        elif status is AnchorStatus.KEPT and not note.orphaned:
            report.kept += 1
        else:
            report.moved_notes.append(placed)
    return report
