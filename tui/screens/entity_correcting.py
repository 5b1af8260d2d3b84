"""The reader's entity corrections: ask what each needs, make it, keep it for `u`.

A correction made from the sidebar holds in every article (the command line's
`--article` narrows one to an article). What it needs is asked in a dialog:
a new name, a type, the entity to merge into, the other name to split off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.screen import Screen

from tui.models import ENTITY_TYPES, CorrectionAction, Entity, EntityCorrection
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.prompt_screen import PromptScreen
from tui.screens.unsaved import report_unsaved
from tui.store import EntityCorrectionError, Library, LibraryError


class EntityCorrecting:
    """Corrections asked for on one reader screen, newest last, for undo."""

    def __init__(
        self, screen: Screen[None], library: Library, changed: Callable[[str | None], None]
    ) -> None:
        self.screen = screen
        self.library = library
        self.changed = changed  # show the entities again, on this name if given
        self.made: list[EntityCorrection] = []

    def ask(self, action: CorrectionAction, entity: Entity, others: Sequence[Entity]) -> None:
        """Ask what `action` needs for `entity` (`others`: the article's other entities)."""
        name = entity.name

        def answered(value: str | None) -> None:
            if value is not None and value.strip():
                self.make(action, name, value.strip())

        if action == "hide":
            self.make("hide", name, "")
        elif action == "rename":
            prompt = PromptScreen(
                f"Rename “{name}” in every article", name, "its old name stays as an alias"
            )
            self.screen.app.push_screen(prompt, answered)
        elif action == "retype":
            types = [(kind, Text(kind)) for kind in ENTITY_TYPES if kind != entity.type]
            self.screen.app.push_screen(ChoiceScreen(f"“{name}” is a…", types), answered)
        elif action == "merge":
            # the same type first (the likely target), then by name
            ranked = sorted(
                (other for other in others if other.name != name),
                key=lambda other: (other.type != entity.type, other.name.casefold()),
            )
            into = [(other.name, Text(other.name)) for other in ranked]
            title = f"Merge “{name}” into…"
            empty = "No other entity in this article."
            self.screen.app.push_screen(ChoiceScreen(title, into, empty), answered)
        elif action == "split":
            aliases = other_names(entity)
            if not aliases:
                self.screen.notify(f"“{name}” goes by no other name to split off.", markup=False)
                return
            choices = [(alias, Text(alias)) for alias in aliases]
            title = f"Split off “{name}” as an entity of its own…"
            self.screen.app.push_screen(ChoiceScreen(title, choices), answered)

    def make(self, action: CorrectionAction, name: str, value: str) -> None:
        try:
            made = self.library.correct_entity(action, name, value)
        except EntityCorrectionError as error:
            self.screen.notify(str(error), title="Not corrected", severity="warning", markup=False)
            return
        except LibraryError as error:
            report_unsaved(self.screen, error)
            return
        self.made.append(made)
        self.changed(name if action in ("retype", "split") else value if value else None)
        said = f"Corrected: {made.described}, in every article. u undoes it."
        self.screen.notify(said, markup=False)

    def undo(self) -> None:
        """Forget the last correction made here."""
        if not self.made:
            return
        last = self.made[-1]
        try:
            self.library.undo_entity_correction(last.id)
        except LibraryError as error:  # still in the list: u tries again
            report_unsaved(self.screen, error)
            return
        self.made.pop()
        self.changed(last.name)
        self.screen.notify(f"Undone: {last.described}.", markup=False)


def other_names(entity: Entity) -> list[str]:
    """The entity's aliases, then the other ways its mentions are written, each once."""
    seen = {entity.name.casefold()}
    names: list[str] = []
    for name in (*entity.aliases, *(mention.text for mention in entity.mentions)):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names
