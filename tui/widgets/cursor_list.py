"""A list whose current row is drawn in the cursor's colours, over its rows' own.

Tags, stars, highlight swatches and warnings carry the theme's colours, made
readable on the pane (`Paints`); on the cursor's row, whose background is the
theme's primary colour, no colour is readable both there and on the pane. So the
cursor's colours win on that row, as they do in the library's list.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class CursorList(OptionList):
    """An OptionList for rows with coloured words (notes, search results, tags)."""

    def _get_option_render(self, option: Option, style: VisualStyle) -> list[Strip]:
        strips = super()._get_option_render(option, style)
        if option is not self.highlighted_option:
            return strips
        cursor = style.rich_style
        over = Style(color=cursor.color, bgcolor=cursor.bgcolor)
        return [
            Strip(Segment.apply_style(strip, post_style=over), strip.cell_length)
            for strip in strips
        ]
