"""Made-up articles and recogniser output for the entity rule tests (no model needed).

Each test writes its own text and says which spans "the model" found in it
(`cand`), so a rule is tested without spaCy and without a real article.
"""

from __future__ import annotations

from tui.entities.candidate import Candidate
from tui.models import Article, Block, BlockKind, Entity, EntityType


def make_article(*blocks: str | tuple[BlockKind, str]) -> Article:
    """Blocks joined by a blank line, as the readers build canonical text."""
    spans: list[Block] = []
    parts: list[str] = []
    position = 0
    for block in blocks:
        kind, body = block if isinstance(block, tuple) else ("paragraph", block)
        if parts:
            position += 2
        spans.append(Block(kind, position, position + len(body)))
        parts.append(body)
        position += len(body)
    text = "\n\n".join(parts)
    return Article(id="t", title="t", text=text, blocks=tuple(spans))


def cand(text: str, phrase: str, kind: EntityType, nth: int = 1, label: str = "X") -> Candidate:
    """A recogniser span over the nth occurrence of `phrase`."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return Candidate(start, start + len(phrase), kind, label)


def by_name(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert len(matches) == 1, [(e.name, e.type, e.aliases) for e in entities]
    return matches[0]


def names(entities: list[Entity]) -> set[str]:
    return {e.name for e in entities} | {alias for e in entities for alias in e.aliases}


def assert_well_formed(article: Article, entities: list[Entity]) -> None:
    seen: list[tuple[int, int]] = []
    for entity in entities:
        assert entity.mentions, entity
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for mention in entity.mentions:
            assert article.text[mention.start : mention.end] == mention.text
            assert not any(mention.start < e and s < mention.end for s, e in seen), mention
            seen.append((mention.start, mention.end))
        assert entity.name not in entity.aliases
        assert len({a.casefold() for a in entity.aliases}) == len(entity.aliases)
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)


def types_of(entities: list[Entity]) -> dict[str, EntityType]:
    return {e.name: e.type for e in entities}
