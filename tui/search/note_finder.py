"""Notes and highlights across the library, found with the library's query language.

A note matches when every word and phrase occurs in its body, its quote, its
tags, the entity it is about or its article's title (the word being typed as
the start of a word); when its article passes the article filters (entity:,
source:, is:, after:, before:); when every tag: is on the note or on its
article; and when its colour is one of color:'s ("none": a plain note).
"""

from __future__ import annotations

from dataclasses import replace

from tui.models import Note
from tui.search.query import Query
from tui.search.searcher import Searcher, note_color
from tui.search.tokenizer import fold, fold_text, phrase_pattern, tokenize


def find_notes(searcher: Searcher, query: Query) -> list[Note]:
    """The notes matching `query`, newest first (by when they were written)."""
    notes = searcher.notes.notes
    article_query = replace(
        query, words=(), prefix=None, phrases=(), phrase_prefix=False, tags=(), colors=(), has=()
    )
    article_ids = {note.article_id for note in notes}
    passing = set(searcher.filtered(sorted(article_ids), article_query))
    found = [
        note
        for note in notes
        if note.article_id in passing
        and searcher.index.meta(note.article_id) is not None
        and (not query.colors or note_color(note) in query.colors)
        and _tags_hold(searcher, note, query)
        and _words_hold(searcher, note, query)
    ]
    found.sort(key=lambda note: (note.created, note.id), reverse=True)
    return found


def _tags_hold(searcher: Searcher, note: Note, query: Query) -> bool:
    if not query.tags:
        return True
    tags = {fold(tag) for tag in note.tags}
    meta = searcher.index.meta(note.article_id)
    if meta is not None:
        tags.update(fold(tag) for tag in meta.tags)
    state = searcher.states.get(note.article_id)
    if state is not None:
        tags.update(fold(tag) for tag in state.tags)
    return all(tag in tags for tag in query.tags)


def _words_hold(searcher: Searcher, note: Note, query: Query) -> bool:
    if not query.has_text:
        return True
    meta = searcher.index.meta(note.article_id)
    parts = [note.body, " ".join(note.tags), note.entity or ""]
    if note.selector is not None:
        parts.append(note.selector.exact)
    if meta is not None:
        parts.append(meta.title)
    text = "\n".join(parts)
    words = set(tokenize(text))
    if any(word not in words for word in query.words):
        return False
    if query.prefix is not None and not any(word.startswith(query.prefix) for word in words):
        return False
    folded = fold_text(text)
    return all(
        phrase_pattern(phrase, query.phrase_is_prefix(number)).search(folded) is not None
        for number, phrase in enumerate(query.phrases)
    )
