"""One colour per entity type, shared by the sidebar and the article's colour mode."""

from __future__ import annotations

from rich.style import Style

from tui.models import EntityType

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
