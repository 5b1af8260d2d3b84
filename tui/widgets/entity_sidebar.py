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

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ingest.clean import defused
from tui.models import ENTITY_TYPES, CorrectionAction, Entity, EntityType
from tui.widgets.entity_styles import GROUP_TITLES
from tui.widgets.paints import Paints

# Keys that keep their binding instead of going into the filter, even while typing it.
NOT_FILTER_KEYS = frozenset("?[]>+")
TYPING_MARK = "▏"  # after the filter in the pane's bottom edge while letters go into it


def entity_row(entity: Entity, elsewhere: int) -> Text:
    """Name, its other names dimmed, the mention count, and how many other articles name it."""
    row = Text(defused(entity.name, one_line=True))
    if entity.aliases:
        row.append(defused(f" · {', '.join(entity.aliases)}", one_line=True), style="dim")
    row.append(f"  ×{entity.count}", style="bold")
    if elsewhere:
        row.append(f"  +{elsewhere} art.", style="italic dim")
    return row


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


class EntitySidebar(OptionList):
    """Lists an article's entities; the reader screen acts on its messages."""

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
        super().__init__(id=id, markup=False)
        self.border_title = "Entities"
        self.entities: list[Entity] = []
        self.elsewhere: Mapping[str, int] = {}
        self.problem: str | None = None
        self.filter = ""
        self.typing = False  # letters go into the filter (after `/` or `f`)
        self._rows: list[Entity] = []
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
        self._rebuild()
        if keep is not None:
            key = keep.casefold()
            row = next((i for i, e in enumerate(self._rows) if e.name.casefold() == key), None)
            if row is not None:
                self.highlighted = self.get_option_index(f"entity-{row}")

    def on_mount(self) -> None:
        Paints.follow_theme(self, self.repaint)

    def show_elsewhere(self, elsewhere: Mapping[str, int]) -> None:
        """Add the other-article counts, which come later (they read every entity shard).

        Each row's text is replaced where it stands: the list, its cursor and its
        scroll stay as they are.
        """
        self.elsewhere = elsewhere
        for index in range(self.option_count):
            option = self.get_option_at_index(index)
            if option.id is not None and option.id.startswith("entity-"):
                entity = self._rows[int(option.id.removeprefix("entity-"))]
                count = elsewhere.get(entity.name, 0)
                if count:
                    self.replace_option_prompt_at_index(index, entity_row(entity, count))

    def repaint(self) -> None:
        """Show the rows again (a new theme), the cursor where it was."""
        highlighted = self.highlighted
        self._rebuild()
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    @property
    def highlighted_entity(self) -> Entity | None:
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("entity-"):
            return None
        return self._rows[int(option.id.removeprefix("entity-"))]

    def _rebuild(self) -> None:
        """All options in one add_options call rather than one at a time."""
        self.clear_options()
        self._rows = []
        self._show_filter()
        options: list[Option] = []
        if self.problem:
            problem = defused(self.problem, one_line=True)
            options.append(Option(Text(problem, style="italic"), disabled=True))
        shown = (
            [e for e in self.entities if matches(e, self.filter)] if self.filter else self.entities
        )
        if not shown:
            empty = f"Nothing matches “{self.filter}”." if self.filter else "No entities found."
            options.append(Option(Text(empty, style="dim"), disabled=True))
            self.add_options(options)
            return
        headings = Paints.of(self).heading
        for entity_type, members in sorted_groups(shown):
            title = Text(GROUP_TITLES[entity_type].upper(), style=headings[entity_type])
            options.append(Option(title, disabled=True))
            for entity in members:
                row = entity_row(entity, self.elsewhere.get(entity.name, 0))
                options.append(Option(row, id=f"entity-{len(self._rows)}"))
                self._rows.append(entity)
        self.add_options(options)
        self.highlighted = next(i for i, option in enumerate(options) if not option.disabled)

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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.stop_typing()
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.Chosen(entity))

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
