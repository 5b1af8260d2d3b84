"""Notes, indexed in memory at query time.

Notes stay out of the index file (they change often: a note save then never
rewrites it). Building this index is cheap, and cheaper still when the previous
one is passed in, because notes that did not change keep their words.

A library may hold tens of thousands of notes (two per article in the 10k
bench library), so the words are kept compact: each note's as one flat tuple of
interned words and counts, each word's postings as one array of (position,
count) pairs, rather than a Counter per note and a tuple per posting.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cached_property

from tui.models import Note
from tui.search.tokenizer import fold, tokenize

NoteWords = tuple[str | int, ...]
"""A note's distinct words, each followed by its count: (word, count, word, count, ...)."""


class NoteIndex:
    """Word -> notes postings, plus each article's notes and note tags."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self._words: dict[tuple[str, str], NoteWords] = {}
        self._lengths: array[int] = array("I")
        self._postings: dict[str, array[int]] = {}  # position, count, position, count, ...

    @classmethod
    def build(cls, notes: Iterable[Note], previous: NoteIndex | None = None) -> NoteIndex:
        index = cls()
        known = previous._words if previous is not None else {}
        postings = index._postings
        for position, note in enumerate(notes):
            key = (note.id, note.updated)
            words = known.get(key)
            if words is None:
                words = _note_words(note.body)
            index._words[key] = words
            index.notes.append(note)
            length = 0
            for word, count in _pairs(words):
                found = postings.get(word)
                if found is None:
                    found = postings[word] = array("I")
                found.append(position)
                found.append(count)
                length += count
            index._lengths.append(length)
        return index

    def postings(self, word: str) -> Iterator[tuple[str, int, int, int]]:
        """(article id, note position, occurrences, words in the note) for each note with `word`."""
        found = self._postings.get(word, ())
        for at in range(0, len(found), 2):
            position = found[at]
            yield self.notes[position].article_id, position, found[at + 1], self._lengths[position]

    def stats(self) -> tuple[int, float]:
        docs = len(self.notes)
        return docs, (sum(self._lengths) / docs if docs else 0.0)

    def expand(self, prefix: str, limit: int) -> list[str]:
        found = [word for word in self._postings if word.startswith(prefix)]
        found.sort(key=lambda word: len(self._postings[word]), reverse=True)
        return found[:limit]

    @cached_property
    def by_article(self) -> dict[str, list[Note]]:
        grouped: dict[str, list[Note]] = {}
        for note in self.notes:
            grouped.setdefault(note.article_id, []).append(note)
        return grouped

    @cached_property
    def tags_by_article(self) -> dict[str, set[str]]:
        """Folded note tags of each article."""
        tags: dict[str, set[str]] = {}
        for note in self.notes:
            if note.tags:
                tags.setdefault(note.article_id, set()).update(fold(t) for t in note.tags)
        return tags


def _note_words(body: str) -> NoteWords:
    """A note's words and counts; the words interned (they recur from note to note)."""
    flat: list[str | int] = []
    for word, count in Counter(tokenize(body)).items():
        flat += (sys.intern(word), count)
    return tuple(flat)


def _pairs(words: NoteWords) -> Iterator[tuple[str, int]]:
    for at in range(0, len(words), 2):
        word, count = words[at], words[at + 1]
        assert isinstance(word, str) and isinstance(count, int)
        yield word, count
