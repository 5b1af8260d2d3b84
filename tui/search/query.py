"""A parsed library search: the words to find and the filters to pass."""

from __future__ import annotations

from dataclasses import dataclass

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """What `parse_query` understood; every part must hold for an article to match.

    Words are folded (see tokenizer.fold). `prefix` is the last word as it is
    being typed, matched as the start of a word; `starred` are words written
    with a final `*`, matched the same way. Filter values are case-folded;
    dates are full ISO dates, `after` inclusive and `before` exclusive.
    """

    words: tuple[str, ...] = ()
    prefix: str | None = None
    starred: tuple[str, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    phrase_prefix: bool = False  # the last phrase is unfinished: its last word is a prefix
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # any of them (an article has one source)
    feeds: tuple[str, ...] = ()  # any of them: a feed's title, id or URL
    states: tuple[str, ...] = ()  # "read", "unread", "starred"
    has: tuple[str, ...] = ()  # "notes"
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()  # any of them: a note's highlight colour, "none" for plain notes

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.prefix or self.starred or self.phrases)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.entities
            or self.tags
            or self.sources
            or self.feeds
            or self.states
            or self.has
            or self.after
            or self.before
            or self.colors
        )

    def phrase_is_prefix(self, index: int) -> bool:
        return self.phrase_prefix and index == len(self.phrases) - 1
