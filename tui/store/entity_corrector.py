"""The user's entity corrections applied to what the extractor found, at every read.

Stored entities stay as the extractor made them; corrections are applied when
they are read (the sidebar, counts, `articles_naming`, the search index), so
an import or `gloss reindex --all` that replaces the entities keeps them, and
undoing one is forgetting it. They apply in the order they were made: a
rename then a retype of the new name both hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tui.models import ENTITY_TYPES, Entity, EntityCorrection, Mention
from tui.store import codec


class EntityCorrector:
    """Applies one library's corrections to an article's entities (as models or documents)."""

    def __init__(self, corrections: Sequence[EntityCorrection]) -> None:
        self.corrections = tuple(corrections)
        self._names = frozenset(c.name.casefold() for c in self.corrections)

    def entities(self, article_id: str, entities: Sequence[Entity]) -> list[Entity]:
        """The article's entities with every correction that applies to it made, in order."""
        found = list(entities)
        if not self._touches(entity.name for entity in found):
            return found
        for correction in self.corrections:
            if correction.article_id in (None, article_id):
                found = corrected(found, correction)
        return found

    def doc(self, doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """An entity document with the corrections made; the same document when none applies."""
        if doc is None or not self._touches(e.get("name", "") for e in doc.get("entities", ())):
            return doc
        stored = [codec.entity_from(entity) for entity in doc["entities"]]
        fixed = self.entities(str(doc.get("article_id", "")), stored)
        return {**doc, "entities": [codec.entity_doc(entity) for entity in fixed]}

    def _touches(self, names: Any) -> bool:
        return bool(self._names) and any(
            isinstance(name, str) and name.casefold() in self._names for name in names
        )


def corrected(entities: list[Entity], correction: EntityCorrection) -> list[Entity]:
    """One correction made to one article's entities (unchanged when it names none of them)."""
    key = correction.name.casefold()
    targets = [entity for entity in entities if entity.name.casefold() == key]
    if not targets:
        return entities
    action, value = correction.action, correction.value
    if action == "hide":
        return [entity for entity in entities if entity not in targets]
    if action == "retype":
        kind = next((t for t in ENTITY_TYPES if t == value), None)
        if kind is None:
            return entities
        return [replace(e, type=kind) if e in targets else e for e in entities]
    for target in targets:
        if action in ("rename", "merge"):
            entities = _folded(entities, target, value)
        elif action == "split":
            entities = _split(entities, target, value)
    return entities


def _folded(entities: list[Entity], source: Entity, name: str) -> list[Entity]:
    """`source` under another name: merged into the entity of that name if the article has one."""
    key = name.casefold()
    into = next((e for e in entities if e is not source and e.name.casefold() == key), None)
    if into is None:
        renamed = replace(source, name=name, aliases=_aliases(source, name, ()))
        return [renamed if e is source else e for e in entities]
    mentions = sorted({*into.mentions, *source.mentions}, key=lambda m: (m.start, m.end))
    merged = replace(
        into, aliases=_aliases(source, into.name, into.aliases), mentions=tuple(mentions)
    )
    return [merged if e is into else e for e in entities if e is not source]


def _aliases(source: Entity, name: str, kept: Sequence[str]) -> tuple[str, ...]:
    """Every other name of the merged entity, its former name included, each once."""
    seen = {name.casefold()}
    aliases: list[str] = []
    for alias in (*kept, source.name, *source.aliases):
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            aliases.append(alias)
    return tuple(aliases)


def _split(entities: list[Entity], source: Entity, alias: str) -> list[Entity]:
    """The mentions written as `alias` become an entity of that name (of the same type)."""
    key = alias.casefold()
    moved = tuple(m for m in source.mentions if m.text.casefold() == key)
    named = next((a for a in source.aliases if a.casefold() == key), None)
    if not moved and named is None:
        return entities
    name = named or moved[0].text
    kept: tuple[Mention, ...] = tuple(m for m in source.mentions if m not in moved)
    rest = replace(
        source, aliases=tuple(a for a in source.aliases if a.casefold() != key), mentions=kept
    )
    split_off = Entity(name=name, type=source.type, mentions=moved)
    changed = [rest if e is source else e for e in entities if e is not source or kept]
    changed.append(split_off)
    existing = next((e for e in changed[:-1] if e.name.casefold() == key), None)
    if existing is not None:
        return _folded(changed, split_off, existing.name)
    return changed
