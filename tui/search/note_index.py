"""Notes, indexed in memory at query time.

Notes are few (hundreds, not tens of thousands) and change often, so they stay
out of the index file: a note save then never rewrites it. Building this index
is cheap, and cheaper still when the previous one is passed in, because notes
that did not change keep their words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cached_property

from tui.models import Note
from tui.search.tokenizer import fold, tokenize


class NoteIndex:
    """Word -> notes postings, plus each article's notes and note tags."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self._words: dict[tuple[str, str], Counter[str]] = {}
        self._lengths: list[int] = []
        self._postings: dict[str, list[tuple[int, int]]] = {}

    @classmethod
    def build(cls, notes: Iterable[Note], previous: NoteIndex | None = None) -> NoteIndex:
        index = cls()
        known = previous._words if previous is not None else {}
        for position, note in enumerate(notes):
            key = (note.id, note.updated)
            words = known.get(key)
            if words is None:
                words = Counter(tokenize(note.body))
            index._words[key] = words
            index.notes.append(note)
            index._lengths.append(sum(words.values()))
            for word, count in words.items():
                index._postings.setdefault(word, []).append((position, count))
        return index

    def postings(self, word: str) -> Iterator[tuple[str, int, int, int]]:
        """(article id, note position, occurrences, words in the note) for each note with `word`."""
        for position, count in self._postings.get(word, ()):
            yield self.notes[position].article_id, position, count, self._lengths[position]

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
