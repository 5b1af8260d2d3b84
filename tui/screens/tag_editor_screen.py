"""Edit an article's own tags: one line, commas or spaces between tags.

Tags that came with the import are shown but not edited: they stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.annotations.tags import tags_line
from tui.screens.prompt_screen import PromptScreen


class TagEditorScreen(PromptScreen):
    """Dismisses with the typed line (parse it with parse_tags), or None."""

    def __init__(self, title: str, imported: Sequence[str], own: Sequence[str]) -> None:
        hint = "commas or spaces between tags"
        if imported:
            hint = f"{hint} · from the import, kept: {', '.join(imported)}"
        super().__init__(f"Tags for “{title}”", tags_line(own), hint)
