"""An entity while the rules are still merging names into it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tui.models import Entity, EntityType, Mention


@dataclass
class Draft:
    """Mentions gathered so far; `name` is fixed once a rule knows the canonical form.

    `votes` counts the types the recogniser gave the anchor's mentions, so one
    odd label ("BRI" as a person) does not decide the type.
    """

    name: str
    type: EntityType
    spans: list[tuple[int, int]] = field(default_factory=list)
    votes: Counter[EntityType] = field(default_factory=Counter)
    from_acronym: bool = False

    def surfaces(self, text: str) -> list[str]:
        return [text[start:end] for start, end in sorted(self.spans)]

    def absorb(self, other: Draft) -> None:
        self.spans.extend(other.spans)

    def to_entity(self, text: str) -> Entity:
        spans = sorted(set(self.spans))
        mentions = tuple(Mention(start, end, text[start:end]) for start, end in spans)
        seen = {_key(self.name)}
        aliases: list[str] = []
        for mention in mentions:
            key = _key(mention.text)
            if key not in seen:
                seen.add(key)
                aliases.append(" ".join(mention.text.split()))
        return Entity(name=self.name, type=self.type, aliases=tuple(aliases), mentions=mentions)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
