"""Notes from what a user typed: a quote found in the text, #tags, a colour; re-attaching.

The command line and the reader both make notes; the rules for what a valid
note is (a known colour, tags written the way Obsidian writes them, a quote that
names exactly one passage) live here so both follow them. Messages of the
ValueErrors raised here are meant for users.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from tui.annotations.anchoring import make_selector
from tui.annotations.colors import DEFAULT_HIGHLIGHT_COLOR, HIGHLIGHT_COLORS
from tui.annotations.tags import merge_tags, tags_in
from tui.ingest.clean import defused, strip_controls
from tui.models import Article, Note
from tui.search.text_find import find_spans, near_miss
from tui.store import Library, LibraryError, NoteNotFoundError

MIN_NOTE_PREFIX = 4
"""A note id may be shortened to a unique prefix this long, as article ids can."""


def show_quote(quote: str) -> str:
    """A quote fit for a one-line message: printable, at most 40 characters."""
    flat = " ".join(defused(quote, one_line=True).split())
    return f"'{flat[:39]}…'" if len(flat) > 40 else f"'{flat}'"


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Span of the quote in text; without `occurrence` it must occur exactly once.

    Found as the reader's find finds text (tui/search/text_find.py: smart case,
    any spacing, straight quotes and hyphens for curly ones and dashes). Not
    found, the message suggests the passage most like it, if one is close.
    """
    quote = unicodedata.normalize("NFC", quote.strip())
    if not quote:
        raise ValueError("the quote is empty")
    spans = find_spans(text, quote)
    count = len(spans)
    if not spans:
        close = near_miss(text, quote)
        hint = f"; did you mean {show_quote(close)}?" if close else ""
        raise ValueError(f"quote {show_quote(quote)} not found in the text{hint}")
    if occurrence is None:
        if count > 1:
            raise ValueError(
                f"quote {show_quote(quote)} occurs {count} times; "
                f"pick one with --occurrence 1..{count}"
            )
        occurrence = 1
    if not 1 <= occurrence <= count:
        times = "once" if count == 1 else f"{count} times"
        raise ValueError(
            f"quote {show_quote(quote)} occurs {times}; --occurrence must be 1..{count}"
        )
    return spans[occurrence - 1]


def new_note(
    article: Article,
    body: str = "",
    quote: str | None = None,
    occurrence: int | None = None,
    tags: Iterable[str] = (),
    color: str | None = None,
) -> Note:
    """An unsaved note (no id yet) on a quoted passage, or on the whole article.

    A quoted passage without a body or colour is a plain highlight in the
    default colour; a colour without a passage is refused, it would mark nothing.
    """
    body = strip_controls(body).strip()
    all_tags = merge_tags(tags, tags_in(body))
    if color is not None and color not in HIGHLIGHT_COLORS:
        raise ValueError(f"unknown colour {color!r}: use one of {', '.join(HIGHLIGHT_COLORS)}")
    if quote is None:
        if occurrence is not None:
            raise ValueError("--occurrence picks among a quote's occurrences: give --quote too")
        if color is not None:
            raise ValueError("a colour highlights a passage: give the passage with --quote")
        if not body and not all_tags:
            raise ValueError("an article note needs a body (--body) or a tag")
        return Note(id="", article_id=article.id, body=body, tags=all_tags)
    start, end = locate_quote(article.text, quote, occurrence)
    if not body and color is None:
        color = DEFAULT_HIGHLIGHT_COLOR
    return Note(
        id="",
        article_id=article.id,
        body=body,
        selector=make_selector(article.text, start, end),
        color=color,
        tags=all_tags,
    )


def find_note(library: Library, note_id: str) -> Note:
    """The note with this id, or the only one whose id starts with it (4+ characters)."""
    wanted = note_id.strip().lower()
    notes = library.notes()
    for note in notes:
        if note.id.lower() == wanted:
            return note
    matches = [note for note in notes if note.id.lower().startswith(wanted)]
    if len(wanted) >= MIN_NOTE_PREFIX and len(matches) == 1:
        return matches[0]
    if len(wanted) >= MIN_NOTE_PREFIX and matches:
        raise LibraryError(
            f"{note_id!r} matches {len(matches)} notes in library {library.folder}: "
            "type more characters of the id"
        )
    raise NoteNotFoundError(note_id, library.folder)


def reattach(library: Library, note_id: str, start: int, end: int) -> Note:
    """Put a note (an orphan, usually) on text[start:end] of its article's current text.

    Raises ValueError for an empty span or one outside the text, and the
    Library's errors for an unknown note or a missing article.
    """
    note = find_note(library, note_id)
    article = library.get_article(note.article_id)
    selector = make_selector(article.text, start, end)
    return library.update_note(replace(note, selector=selector, orphaned=False))
