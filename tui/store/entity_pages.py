"""An entity across the library: the page the app shows and `gloss entity show` prints.

Entities are stored per article, each under the name the extractor gave it
there; the page gathers every article's entity of that name (case-insensitive),
or, for a name only ever met as an alias, of the name it is an alias of. A note
belongs to an entity by name (Note.entity), whatever article it was written in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from tui.models import (
    Article,
    ArticleSummary,
    Companion,
    Entity,
    EntityAppearance,
    EntityPage,
    EntityType,
    Note,
)
from tui.search.text_units import sentence_at
from tui.store import codec
from tui.store.errors import LibraryError
from tui.store.library_reader import LibraryReader

COMPANIONS = 12
"""The other entities a page lists: those sharing the most articles."""
LONELY_KINDS: frozenset[EntityType] = frozenset({"date", "money"})
"""Kinds left out of companions: a year or a sum appears with everything, meaning nothing."""
SENTENCE_CHARS = 300


def _timeline_order(appearance: EntityAppearance) -> tuple[bool, str, str]:
    """By date, oldest first; undated articles last."""
    article = appearance.article
    return (article.date is None, article.date or "", article.title.casefold())


class EntityPages:
    """Builds EntityPage values from the reader's cached entity, catalog and body reads."""

    def __init__(self, reader: LibraryReader, notes: Callable[[], Sequence[Note]]) -> None:
        self._reader = reader
        self._notes = notes

    def page(self, name: str) -> EntityPage | None:
        """The page of the entity called `name` (or known by it), None when no article names it."""
        named = self._naming(name)
        if not named:
            return None
        entities = [entity for _, entity in named]
        shown = Counter(entity.name for entity in entities).most_common(1)[0][0]
        kind = Counter(entity.type for entity in entities).most_common(1)[0][0]
        aliases = Counter(
            alias
            for entity in entities
            for alias in {*entity.aliases, entity.name}
            if alias.casefold() != shown.casefold()
        )
        appearances = [self._appearance(summary, entity) for summary, entity in named]
        appearances.sort(
            key=lambda a: (a.article.date is None, a.article.date or "", a.article.title)
        )
        wanted = shown.casefold()
        notes = [note for note in self._notes() if (note.entity or "").casefold() == wanted]
        notes.sort(key=lambda note: (note.created, note.id), reverse=True)
        return EntityPage(
            name=shown,
            type=kind,
            aliases=tuple(alias for alias, _ in aliases.most_common()),
            appearances=tuple(appearances),
            companions=self._companions(wanted, [summary.id for summary, _ in named]),
            notes=tuple(notes),
        )

    def _naming(self, name: str) -> list[tuple[ArticleSummary, Entity]]:
        """Every article's entity of this name; else of the name this one is an alias of."""
        named = self._reader.articles_naming(name)
        if named:
            return named
        wanted = name.strip().casefold()
        owners = Counter(
            entity["name"]
            for doc in self._reader.entity_docs().values()
            for entity in doc.get("entities", ())
            if any(alias.casefold() == wanted for alias in entity.get("aliases", ()))
        )
        return self._reader.articles_naming(owners.most_common(1)[0][0]) if owners else []

    def _appearance(self, summary: ArticleSummary, entity: Entity) -> EntityAppearance:
        first = min(entity.mentions, key=lambda mention: mention.start, default=None)
        sentence = ""
        if first is not None:
            article = self._article(summary.id)
            if article is not None:
                start, end = sentence_at(article.text, article.blocks, first.start)
                sentence = " ".join(article.text[start : max(end, first.end)].split())
                if len(sentence) > SENTENCE_CHARS:
                    sentence = sentence[: SENTENCE_CHARS - 1] + "…"
        return EntityAppearance(
            article=summary,
            mentions=entity.count,
            first=first.start if first is not None else 0,
            sentence=sentence,
        )

    def _article(self, article_id: str) -> Article | None:
        try:
            return self._reader.article(article_id, article_id)
        except LibraryError:  # a text missing from its shard: the page shows no sentence
            return None

    def _companions(self, wanted: str, article_ids: Sequence[str]) -> tuple[Companion, ...]:
        """The entities sharing most articles with this one, by case-folded name."""
        shared: Counter[str] = Counter()
        names: dict[str, Counter[str]] = {}
        kinds: dict[str, Counter[EntityType]] = {}
        docs = self._reader.entity_docs()
        for article_id in article_ids:
            seen: set[str] = set()
            for stored in docs.get(article_id, {}).get("entities", ()):
                entity = codec.entity_from(stored)
                key = entity.name.casefold()
                if key == wanted or entity.type in LONELY_KINDS or key in seen:
                    continue
                seen.add(key)
                shared[key] += 1
                names.setdefault(key, Counter())[entity.name] += 1
                kinds.setdefault(key, Counter())[entity.type] += 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:COMPANIONS]
        return tuple(
            Companion(names[key].most_common(1)[0][0], kinds[key].most_common(1)[0][0], count)
            for key, count in ranked
        )
