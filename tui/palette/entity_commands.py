"""Command palette entries "Jump to: <entity>" and "Entity page: <entity>" for the
article being read.

Jumping marks every mention in the article pane, as `enter` in the entity
sidebar does; the page is the one `i` opens there. Entity names come from
article text: they go in as Rich Text.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from tui.ingest.clean import defused
from tui.models import Entity
from tui.palette.article_commands import highlight
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_styles import GROUP_TITLES

if TYPE_CHECKING:
    from tui.app import GlossApp


class EntityCommands(Provider):
    """One entry per entity of the current article, most mentioned first."""

    @property
    def gloss(self) -> GlossApp:
        from tui.app import GlossApp

        assert isinstance(self.app, GlossApp)
        return self.app

    def entities(self) -> list[Entity]:
        try:
            view = self.gloss.reader.query_one(ArticleView)
        except LookupError:
            return []
        return sorted(view.entities, key=lambda entity: (-entity.count, entity.first_position))

    def jump(self, entity: Entity) -> None:
        self.gloss.open_reader()
        self.gloss.reader.mark_entity(entity)

    @staticmethod
    def help_for(entity: Entity) -> str:
        mentions = f"{entity.count} mention{'s' if entity.count != 1 else ''}"
        return escape(f"{GROUP_TITLES[entity.type]} · {mentions} in this article")

    async def discover(self) -> Hits:
        for entity in self.entities()[:5]:
            yield DiscoveryHit(
                Text(defused(f"Jump to: {entity.name}", one_line=True)),
                partial(self.jump, entity),
                help=self.help_for(entity),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entity in self.entities():
            for verb, command in (
                ("Jump to", partial(self.jump, entity)),
                ("Entity page", partial(self.gloss.open_entity, entity.name)),
            ):
                label = f"{verb}: {entity.name}"
                names = [label, *(f"{verb}: {alias}" for alias in entity.aliases)]
                score = max(matcher.match(name) for name in names)
                if score > 0:
                    yield Hit(score, highlight(matcher, label), command, help=self.help_for(entity))
