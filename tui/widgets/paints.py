"""Gloss's own colours, taken from the theme in force and made readable on it.

Entity types, the sidebar's headings, find marks, highlights, tags, stars and
warnings once were fixed xterm colours, pale on a light theme (1.1:1). Each now
comes from one of the theme's variables, moved toward black or white until it
reaches WCAG AA on the background it is drawn on (`contrast.readable`). A type
whose theme colour would look like another type's takes its own hue instead, so
colouring by type (`c`) still tells the types apart. Terminal-palette themes
(ansi-dark, ansi-light) keep the terminal's colours: their background is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.style import Style
from textual.color import Color
from textual.widget import Widget

from tui.models import ENTITY_TYPES, HIGHLIGHT_COLORS, EntityType
from tui.widgets.contrast import RGB, contrast_text, distance, mix, readable, tint

TYPE_VARIABLES: dict[EntityType, str] = {
    "person": "accent",
    "organization": "primary",
    "place": "success",
    "date": "secondary",
    "event": "warning",
    "money": "error",
    "other": "foreground",
}
"""The theme variable each entity type takes its colour from."""

TYPE_HUES: dict[EntityType, RGB] = {
    "person": (255, 175, 135),
    "organization": (135, 215, 255),
    "place": (175, 215, 135),
    "date": (215, 175, 255),
    "event": (255, 215, 95),
    "money": (95, 215, 175),
    "other": (188, 188, 188),
}
"""Each type's own hue, for a theme whose colour for it is too like another type's."""

TOO_ALIKE = 90.0
"""Below this distance (contrast.distance) two types' colours are taken for one."""

HIGHLIGHT_HUES: dict[str, RGB] = {
    "yellow": (255, 215, 0),
    "green": (0, 200, 0),
    "blue": (0, 120, 255),
    "pink": (255, 0, 175),
}
ANSI_HIGHLIGHTS: dict[str, str] = {
    "yellow": "bright_yellow",
    "green": "bright_green",
    "blue": "bright_cyan",
    "pink": "bright_magenta",
}
"""Terminal-palette themes: bright backgrounds under black text."""

_NAMES = (
    "background",
    "foreground",
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
)
"""The theme variables Gloss's colours come from."""


@dataclass(frozen=True)
class Paints:
    """The styles Gloss paints with, for one theme on one background."""

    entity: Mapping[EntityType, Style]
    heading: Mapping[EntityType, Style]
    highlight: Mapping[str, Style]
    entity_on: Mapping[str, Mapping[EntityType, Style]]
    """The entity colours on each highlight's background (`c` inside a highlight)."""
    mark: Style
    current_mark: Style
    tag: Style
    star: Style
    alert: Style
    key: Style

    @classmethod
    def of(cls, widget: Widget) -> Paints:
        """The paints for text drawn on this widget, in the app's theme (cached by theme
        and background: widgets ask at every repaint)."""
        app = widget.app
        values = app.theme_variables or app.get_css_variables()
        background = widget.background_colors[1].rgb
        key = (background, *(values[name] for name in _NAMES))
        paints = _MADE.get(key)
        if paints is None:
            if Color.parse(values["background"]).ansi is not None:
                paints = _terminal_paints(values)
            else:
                colors = {name: Color.parse(values[name]).rgb for name in _NAMES}
                paints = _theme_paints(background, colors)
            _MADE[key] = paints
        return paints

    @staticmethod
    def follow_theme(widget: Widget, repaint: Callable[[], object]) -> None:
        """Call `repaint` whenever the theme changes, once its colours are in force."""
        widget.app.theme_changed_signal.subscribe(widget, lambda _theme: repaint())


_MADE: dict[tuple[object, ...], Paints] = {}


def _theme_paints(background: RGB, colors: Mapping[str, RGB]) -> Paints:
    text = readable(colors["foreground"], background)
    chosen: dict[EntityType, RGB] = {}
    for entity_type in ENTITY_TYPES:
        color = colors[TYPE_VARIABLES[entity_type]]
        if entity_type == "other":  # the plain text, a little muted
            color = mix(color, background, 0.3)
        color = readable(color, background)
        if any(distance(color, other) < TOO_ALIKE for other in chosen.values()):
            color = readable(TYPE_HUES[entity_type], background)
        chosen[entity_type] = color
    entity = {name: Style(color=_hex(color)) for name, color in chosen.items()}
    tints = {name: tint(background, HIGHLIGHT_HUES[name], text) for name in HIGHLIGHT_COLORS}
    warning = colors["warning"]
    mark_background = tint(background, warning, text)
    return Paints(
        entity=entity,
        heading={name: style + Style(bold=True) for name, style in entity.items()},
        highlight={
            name: Style(bgcolor=_hex(tinted), color=_hex(text)) for name, tinted in tints.items()
        },
        entity_on={
            name: {kind: Style(color=_hex(readable(c, tinted))) for kind, c in chosen.items()}
            for name, tinted in tints.items()
        },
        mark=Style(bgcolor=_hex(mark_background), color=_hex(readable(text, mark_background))),
        current_mark=Style(bgcolor=_hex(warning), color=_hex(contrast_text(warning)), bold=True),
        tag=Style(color=_hex(readable(colors["secondary"], background))),
        star=Style(color=_hex(readable(warning, background)), bold=True),
        alert=Style(color=_hex(readable(colors["error"], background)), bold=True),
        key=Style(color=_hex(readable(colors["accent"], background)), bold=True),
    )


def _terminal_paints(values: Mapping[str, str]) -> Paints:
    def color(name: str) -> str:
        return Color.parse(values[name]).rich_color.name

    entity = {name: Style(color=color(TYPE_VARIABLES[name])) for name in ENTITY_TYPES}
    return Paints(
        entity=entity,
        heading={name: style + Style(bold=True) for name, style in entity.items()},
        highlight={
            name: Style(bgcolor=ANSI_HIGHLIGHTS[name], color="black") for name in HIGHLIGHT_COLORS
        },
        entity_on={name: entity for name in HIGHLIGHT_COLORS},
        mark=Style(reverse=True),
        current_mark=Style(reverse=True, bold=True, underline=True),
        tag=Style(color=color("secondary")),
        star=Style(color=color("warning"), bold=True),
        alert=Style(color=color("error"), bold=True),
        key=Style(color=color("accent"), bold=True),
    )


def _hex(color: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color)
