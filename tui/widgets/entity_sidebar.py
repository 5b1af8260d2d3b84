"""The entity pane: who and what the article names, grouped by type.

`/` or `f` starts a filter (names and aliases), as in every list of Gloss: only
then do letters go into it, so the global keys (`q`, `l`, ...) keep their meaning.
`enter` asks the reader to mark every mention of the chosen entity; `>` asks for
the other articles naming it. `R` `T` `M` `S` `H` ask to correct it (rename,
retype, merge, split, hide) in every article, `u` to undo the last correction;
`i` opens its page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message

from tui.ingest.clean import defused
from tui.models import ENTITY_TYPES, CorrectionAction, Entity, EntityType
from tui.widgets.entity_styles import GROUP_TITLES
from tui.widgets.line_list import LineList
from tui.widgets.paints import Paints

# Keys that keep their binding instead of going into the filter, even while typing it.
NOT_FILTER_KEYS = frozenset("?[]>+")
TYPING_MARK = "▏"  # after the filter in the pane's bottom edge while letters go into it

SidebarRow: TypeAlias = Entity | EntityType | Text
"""An entity, its type's heading, or a line of its own (what went wrong, nothing found)."""


def entity_row_parts(entity: Entity, elsewhere: int) -> list[tuple[str, str]]:
    """Name, its other names dimmed, the mention count, and how many other articles name it."""
    parts = [(defused(entity.name, one_line=True), "")]
    if entity.aliases:
        parts.append((defused(f" · {', '.join(entity.aliases)}", one_line=True), "dim"))
    parts.append((f"  ×{entity.count}", "bold"))
    if elsewhere:
        parts.append((f"  +{elsewhere} art.", "italic dim"))
    return parts


def entity_row(entity: Entity, elsewhere: int) -> Text:
    return Text.assemble(*entity_row_parts(entity, elsewhere))


def entity_row_plain(entity: Entity, elsewhere: int) -> str:
    """entity_row(...).plain without the Text: every row is measured, few are drawn."""
    return "".join(text for text, _ in entity_row_parts(entity, elsewhere))


def matches(entity: Entity, query: str) -> bool:
    needle = query.casefold()
    return any(needle in name.casefold() for name in (entity.name, *entity.aliases))


def sorted_groups(entities: Sequence[Entity]) -> list[tuple[EntityType, list[Entity]]]:
    """Types in a fixed order; in each, the most mentioned first, then by first mention."""
    groups = []
    for entity_type in ENTITY_TYPES:
        members = [entity for entity in entities if entity.type == entity_type]
        members.sort(key=lambda entity: (-entity.count, entity.first_position))
        if members:
            groups.append((entity_type, members))
    return groups


class EntitySidebar(LineList):
    """Lists an article's entities; the reader screen acts on its messages.

    A LineList: the rows are data (`lines`), and only the rows on screen are built
    and drawn, so an article with 600 entities costs what one with 20 does.
    """

    BINDINGS = [
        Binding("slash,f", "start_filter", "Filter", key_display="/", id="entities.filter"),
        Binding("backspace", "erase", "Erase filter", show=False, id="entities.erase"),
        Binding("escape", "clear_filter", "Clear filter", id="entities.clear_filter"),
        Binding(
            "greater_than_sign", "others", "Other articles", key_display=">", id="entities.others"
        ),
        Binding("plus", "note", "Note on entity", key_display="+", id="entities.note"),
        Binding("R", "correct('rename')", "Rename", show=False, id="entities.rename"),
        Binding("T", "correct('retype')", "Retype", show=False, id="entities.retype"),
        Binding("M", "correct('merge')", "Merge into…", show=False, id="entities.merge"),
        Binding("S", "correct('split')", "Split alias off", show=False, id="entities.split"),
        Binding("H", "correct('hide')", "Hide", show=False, id="entities.hide"),
        Binding("u", "undo", "Undo correction", id="entities.undo"),
        Binding("i", "page", "Entity page", id="entities.page"),
    ]

    class Chosen(Message):
        """The user wants every mention of this entity marked in the article."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class OthersWanted(Message):
        """The user wants the other articles that name this entity."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class NoteWanted(Message):
        """The user wants to write a note about this entity."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class CorrectionWanted(Message):
        """The user wants to correct the extractor's entity: rename, retype, merge, split, hide."""

        def __init__(self, entity: Entity, action: CorrectionAction) -> None:
            super().__init__()
            self.entity = entity
            self.action = action

    class UndoWanted(Message):
        """The user wants the last entity correction undone."""

    class PageWanted(Message):
        """The user wants this entity's page: every article naming it, companions, notes."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Entities"
        self.entities: list[Entity] = []
        self.elsewhere: Mapping[str, int] = {}
        self.problem: str | None = None
        self.filter = ""
        self.typing = False  # letters go into the filter (after `/` or `f`)
        self.lines: list[SidebarRow] = []
        self._rows: list[Entity] = []  # the entities listed, in their order
        self.can_undo = False  # the reader has a correction to undo

    def show(
        self,
        entities: Sequence[Entity],
        elsewhere: Mapping[str, int] | None = None,
        problem: str | None = None,
        keep: str | None = None,
    ) -> None:
        """Show these entities; `elsewhere` counts other articles per entity name.

        `keep`: the name of the entity to stay on (one just corrected), if it is listed.
        """
        self.entities = list(entities)
        self.elsewhere = elsewhere or {}
        self.problem = problem
        self.filter = ""
        self.typing = False
        self._rebuild(keep)

    def on_mount(self) -> None:
        Paints.follow_theme(self, self.repaint_rows)

    def show_elsewhere(self, elsewhere: Mapping[str, int]) -> None:
        """Add the other-article counts, which come later (they read every entity shard).

        Only the rows whose count changed are drawn again, and only if on screen: the
        list, its cursor and its scroll stay as they are.
        """
        before, self.elsewhere = self.elsewhere, elsewhere
        for index, line in enumerate(self.lines):
            if isinstance(line, Entity):
                name = line.name
                if before.get(name, 0) != elsewhere.get(name, 0):
                    self.refresh_row(index)

    @property
    def highlighted_entity(self) -> Entity | None:
        if self.cursor is None or self.cursor >= len(self.lines):
            return None
        line = self.lines[self.cursor]
        return line if isinstance(line, Entity) else None

    def row_count(self) -> int:
        return len(self.lines)

    def row_enabled(self, index: int) -> bool:
        return isinstance(self.lines[index], Entity)

    def row_plain(self, index: int) -> str:
        line = self.lines[index]
        if isinstance(line, Entity):
            return entity_row_plain(line, self.elsewhere.get(line.name, 0))
        return super().row_plain(index)

    def row_prompt(self, index: int) -> Text:
        line = self.lines[index]
        if isinstance(line, Entity):
            return entity_row(line, self.elsewhere.get(line.name, 0))
        if isinstance(line, Text):
            return line
        return Text(GROUP_TITLES[line].upper(), style=Paints.of(self).heading[line])

    def choose(self, index: int) -> None:
        self.stop_typing()
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def _rebuild(self, keep: str | None = None) -> None:
        """The rows as data, the cursor on the entity named `keep` (else the first).

        Nothing is measured or drawn here but the rows too wide for one line."""
        self._show_filter()
        lines: list[SidebarRow] = []
        if self.problem:
            lines.append(Text(defused(self.problem, one_line=True), style="italic"))
        shown = (
            [e for e in self.entities if matches(e, self.filter)] if self.filter else self.entities
        )
        self._rows = []
        if not shown:
            empty = f"Nothing matches “{self.filter}”." if self.filter else "No entities found."
            lines.append(Text(empty, style="dim"))
        cursor = None
        kept = keep.casefold() if keep is not None else None
        for entity_type, members in sorted_groups(shown):
            lines.append(entity_type)
            for entity in members:
                if cursor is None and entity.name.casefold() == kept:
                    cursor = len(lines)
                lines.append(entity)
                self._rows.append(entity)
        self.lines = lines
        self.rows_changed(cursor)

    def _show_filter(self) -> None:
        """The filter in the pane's bottom edge, with a typing mark while letters go into it."""
        shown = f"filter: {self.filter}{TYPING_MARK if self.typing else ''}"
        self.border_subtitle = Text(shown) if self.filter or self.typing else ""

    def on_key(self, event: events.Key) -> None:
        """After `/` or `f`, printable keys go into the filter; before, they are bindings."""
        character = event.character
        if not self.typing:
            return
        if event.is_printable and character and character not in NOT_FILTER_KEYS:
            event.stop()
            event.prevent_default()
            self.filter += character
            self._rebuild()

    def action_start_filter(self) -> None:
        self.typing = True
        self._show_filter()
        self.refresh_bindings()

    def stop_typing(self) -> None:
        """Letters are bindings again; the filter stays."""
        if self.typing:
            self.typing = False
            self._show_filter()
            self.refresh_bindings()

    def on_blur(self) -> None:
        self.stop_typing()

    def action_erase(self) -> None:
        if self.filter:
            self.filter = self.filter[:-1]
            self._rebuild()

    def action_clear_filter(self) -> None:
        self.filter = ""
        self.typing = False
        self._rebuild()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_filter":
            return not self.typing
        if action == "erase":
            return bool(self.filter)
        if action == "clear_filter":
            return bool(self.filter) or self.typing
        if action in ("others", "note", "correct", "page"):
            return self.highlighted_entity is not None
        if action == "undo":
            return self.can_undo
        return True

    def action_others(self) -> None:
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.OthersWanted(entity))

    def action_page(self) -> None:
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.PageWanted(entity))

    def action_note(self) -> None:
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.NoteWanted(entity))

    def action_correct(self, action: CorrectionAction) -> None:
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.CorrectionWanted(entity, action))

    def action_undo(self) -> None:
        self.post_message(self.UndoWanted())
