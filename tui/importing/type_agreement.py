"""The library's agreement on a name's type: one article's odd guess gives way to the many.

The model types a name from one sentence; the library has read it in many.
"Crete" typed a place in 30 articles and an organization in one is a place in
that one too. Only person, organization and place are retyped, only when at
least MIN_ARTICLES articles name it and SHARE of them agree, and never when
the article already has another entity of that name and type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from tui.models import Entity, EntityType
from tui.store import Library

MIN_ARTICLES = 5
SHARE = 0.8
_NAME_TYPES: tuple[EntityType, ...] = ("person", "organization", "place")


def agreed_types(articles_entities: Sequence[Sequence[Entity]]) -> dict[str, EntityType]:
    """Case-folded name -> the type the articles agree on, where they clearly do."""
    votes: dict[str, Counter[EntityType]] = {}
    for entities in articles_entities:
        for entity in entities:
            if entity.type in _NAME_TYPES:
                votes.setdefault(entity.name.casefold(), Counter())[entity.type] += 1
    agreed: dict[str, EntityType] = {}
    for name, counts in votes.items():
        kind, count = counts.most_common(1)[0]
        total = sum(counts.values())
        if total >= MIN_ARTICLES and count >= SHARE * total and count < total:
            agreed[name] = kind
    return agreed


def retyped(entities: Sequence[Entity], agreed: dict[str, EntityType]) -> list[Entity] | None:
    """The article's entities with odd types corrected; None when nothing changes."""
    taken = {(e.name.casefold(), e.type) for e in entities}
    changed = False
    out: list[Entity] = []
    for entity in entities:
        kind = agreed.get(entity.name.casefold())
        if (
            kind is not None
            and entity.type in _NAME_TYPES
            and kind != entity.type
            and (entity.name.casefold(), kind) not in taken
        ):
            entity = replace(entity, type=kind)
            changed = True
        out.append(entity)
    return out if changed else None


def agree_library_types(library: Library, version: str) -> int:
    """Retype, across the whole library, names one article typed against the rest;
    returns how many articles changed. Reads every entity shard: a reindex's last step."""
    ids = library.article_ids()
    stored = [(article_id, library.entities(article_id)) for article_id in ids]
    versions = library.extractor_versions(ids)
    agreed = agreed_types([entities for _, entities in stored])
    items: list[tuple[str, list[Entity]]] = []
    for article_id, entities in stored:
        if versions[article_id] != version:
            continue  # an article left stale keeps what it has until it is redone
        fixed = retyped(entities, agreed)
        if fixed is not None:
            items.append((article_id, fixed))
    if items:
        library.set_entities_many(items, version)
    return len(items)
