"""What entity types are called, and the article pane's paints that keep the text's colour:
the reading cursor, selections, notes. Colours come from the theme (`Paints`)."""

from __future__ import annotations

from rich.style import Style

from tui.models import EntityType, Note
from tui.widgets.paints import Paints

GROUP_TITLES: dict[EntityType, str] = {
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "date": "Dates",
    "event": "Events & initiatives",
    "money": "Money",
    "other": "Other",
}

CURSOR_STYLE = Style(underline=True, bold=True)
SELECTION_STYLE = Style(reverse=True)
NOTE_STYLE = Style(underline=True)


def annotation_style(note: Note, paints: Paints) -> Style:
    """A highlight's background; a note with a body is also underlined."""
    style = paints.highlight.get(note.color or "", Style())
    return style + NOTE_STYLE if note.body else style
