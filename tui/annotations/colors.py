"""Highlight colours for the command line and the exports.

The names themselves are defined once, in tui.models.HIGHLIGHT_COLORS (the
reader's colour picker uses the same tuple); this adds the default and the CSS
an export needs for readers outside the terminal.
"""

from __future__ import annotations

from tui.models import HIGHLIGHT_COLORS

DEFAULT_HIGHLIGHT_COLOR = HIGHLIGHT_COLORS[0]

HIGHLIGHT_CSS: dict[str, str] = {
    "yellow": "#fff59d",
    "green": "#c5e1a5",
    "blue": "#90caf9",
    "pink": "#f8bbd0",
}
"""Light backgrounds for each colour, for exports read outside the terminal (W3C stylesheet)."""

__all__ = ["DEFAULT_HIGHLIGHT_COLOR", "HIGHLIGHT_COLORS", "HIGHLIGHT_CSS"]
