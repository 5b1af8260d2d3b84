"""The entity pane: who and what the article names, grouped by type."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.models import ENTITY_TYPES, Entity, EntityType

GROUP_TITLES = {
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "date": "Dates",
    "event": "Events & initiatives",
    "money": "Money",
    "other": "Other",
}


def entity_row(entity: Entity) -> Text:
    """Name, then its other names dimmed, then the mention count."""
    row = Text(entity.name)
    if entity.aliases:
        row.append(f"  {', '.join(entity.aliases)}", style="dim")
    row.append(f"  {entity.count}", style="bold")
    return row


def sorted_groups(entities: Sequence[Entity]) -> list[tuple[EntityType, list[Entity]]]:
    """Types in a fixed order; in each, the most mentioned first, then by first mention."""
    groups = []
    for entity_type in ENTITY_TYPES:
        members = [entity for entity in entities if entity.type == entity_type]
        members.sort(key=lambda entity: (-entity.count, entity.first_position))
        if members:
            groups.append((entity_type, members))
    return groups


class EntitySidebar(OptionList):
    """Lists an article's entities; later issues add filtering and mention jumps."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="entities.down"),
        Binding("k", "cursor_up", "Up", show=False, id="entities.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Entities"
        self.entities: list[Entity] = []

    def show(self, entities: Sequence[Entity], problem: str | None = None) -> None:
        self.entities = list(entities)
        self.clear_options()
        if problem:
            self.add_option(Option(Text(problem, style="italic"), disabled=True))
        if not self.entities:
            self.add_option(Option(Text("No entities found.", style="dim"), disabled=True))
            return
        for entity_type, members in sorted_groups(self.entities):
            title = Text(GROUP_TITLES[entity_type].upper(), style="bold")
            self.add_option(Option(title, id=f"group-{entity_type}", disabled=True))
            for entity in members:
                self.add_option(Option(entity_row(entity)))
