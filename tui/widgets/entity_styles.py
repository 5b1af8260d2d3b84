"""The article pane's paints: entity types, marks, the cursor, selections, highlights."""

from __future__ import annotations

from rich.style import Style

from tui.models import EntityType, Note

TYPE_STYLES: dict[EntityType, Style] = {
    "person": Style(color="#ffaf87"),
    "organization": Style(color="#87d7ff"),
    "place": Style(color="#afd787"),
    "date": Style(color="#d7afff"),
    "event": Style(color="#ffd75f"),
    "money": Style(color="#5fd7af"),
    "other": Style(color="#bcbcbc"),
}

GROUP_TITLES: dict[EntityType, str] = {
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "date": "Dates",
    "event": "Events & initiatives",
    "money": "Money",
    "other": "Other",
}

MARK_STYLE = Style(bgcolor="#5f5f00", color="#ffffff")
CURRENT_MARK_STYLE = Style(bgcolor="#d7af00", color="#000000", bold=True)
CURSOR_STYLE = Style(underline=True, bold=True)
SELECTION_STYLE = Style(reverse=True)

# Background colours of highlights, by the colour name stored with the note.
HIGHLIGHT_STYLES: dict[str, Style] = {
    "yellow": Style(bgcolor="#5f5f00"),
    "green": Style(bgcolor="#005f00"),
    "blue": Style(bgcolor="#00005f"),
    "pink": Style(bgcolor="#5f005f"),
}
NOTE_STYLE = Style(underline=True)


def annotation_style(note: Note) -> Style:
    """A highlight's background; a note with a body is also underlined."""
    style = HIGHLIGHT_STYLES.get(note.color or "", Style())
    return style + NOTE_STYLE if note.body else style
