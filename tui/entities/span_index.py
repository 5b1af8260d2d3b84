"""Spans of a text that can say which of them overlap a range without looking at all of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from tui.entities.candidate import Candidate

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items on half-open spans (start, end) of one text, added and removed as rules go.

    The rules ask "what overlaps this?" for every mention; scanning every span
    each time made extraction quadratic (minutes for a long text). Each span is
    filed under every bucket of `BUCKET` characters it touches, so a question
    reads only the buckets its range touches: the work follows the lengths of
    the spans asked about, not how many spans the text has.

    Overlap is the rules' own test, `start < other_end and other_start < end`,
    checked on each item found, so an answer is the same as a full scan's, in
    the order the items were added.
    """

    BUCKET = 64

    def __init__(self, items: Iterable[tuple[int, int, T]] = ()) -> None:
        self._items: dict[int, tuple[int, int, T]] = {}
        self._buckets: dict[int, list[int]] = {}
        self._next = 0
        for start, end, item in items:
            self.add(start, end, item)

    def add(self, start: int, end: int, item: T) -> int:
        """File an item; returns its handle (handles grow in the order items are added)."""
        handle = self._next
        self._next += 1
        self._items[handle] = (start, end, item)
        for bucket in self._touched(start, end):
            self._buckets.setdefault(bucket, []).append(handle)
        return handle

    def remove(self, handle: int) -> None:
        start, end, _ = self._items.pop(handle)
        for bucket in self._touched(start, end):
            self._buckets[bucket].remove(handle)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Handles of the items overlapping [start, end), in the order they were added."""
        return sorted(set(self._overlapping(start, end)))

    def overlaps(self, start: int, end: int) -> bool:
        return next(self._overlapping(start, end), None) is not None

    def __getitem__(self, handle: int) -> T:
        return self._items[handle][2]

    def values(self) -> list[T]:
        """Every item still filed, in the order they were added."""
        return [item for _, _, item in self._items.values()]

    def _overlapping(self, start: int, end: int) -> Iterator[int]:
        items = self._items
        for bucket in self._touched(start, end):
            for handle in self._buckets.get(bucket, ()):
                other_start, other_end, _ = items[handle]
                if start < other_end and other_start < end:
                    yield handle

    def _touched(self, start: int, end: int) -> range:
        """Buckets of the characters in [start, end); an empty span's is its position's."""
        return range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1)


def candidate_index(candidates: Iterable[Candidate]) -> SpanIndex[Candidate]:
    """The candidates on their own spans: what the rules ask "is this taken?" of."""
    return SpanIndex((c.start, c.end, c) for c in candidates)
