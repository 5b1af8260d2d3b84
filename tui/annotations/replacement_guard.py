"""Refuse an update that would swap an annotated text for one sharing little of it.

A re-import by URL replaces an article's text, and notes follow their passages
to the new one (reanchoring). When the new text shares little of the old (a
page now behind a paywall, a feed's two-line summary, a note app's copy of the
notes themselves), every note would be orphaned and the old text would be
gone: the import refuses such an update instead, in one line. A text without
anchored notes may still be replaced by anything.
"""

from __future__ import annotations

import re

from tui.models import Article
from tui.store import Library, LibraryError

MIN_SHARED = 0.5
"""Below this share of the old text's three-word runs, a new text "shares little" of it."""
_RUN = 3
_WORD = re.compile(r"\w+")


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every run of three words (case-folded), or the words of a shorter text."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if len(words) < _RUN:
        return {(word,) for word in words}
    return {tuple(words[i : i + _RUN]) for i in range(len(words) - _RUN + 1)}


def shared_fraction(old: str, new: str) -> float:
    """How much of `old` is still in `new`: the share of its three-word runs found there."""
    before = _runs(old)
    if not before:
        return 1.0
    return len(before & _runs(new)) / len(before)


def replacement_problem(library: Library, article: Article) -> str | None:
    """Why storing `article` over its stored version would cost notes, or None when it would not."""
    anchored = [n for n in library.notes(article.id) if n.selector is not None and not n.orphaned]
    if not anchored:
        return None
    try:
        old = library.get_article(article.id).text
    except LibraryError:
        return None  # the stored text is lost already: the new one can only restore something
    shared = shared_fraction(old, article.text)
    if shared >= MIN_SHARED:
        return None
    notes = f"{len(anchored)} note{'s' if len(anchored) != 1 else ''}"
    return (
        f"would replace the text of article {article.id} (“{article.title}”), which {notes} "
        f"are anchored to, with one sharing {shared:.0%} of it; not imported, so no note "
        "loses its passage"
    )
