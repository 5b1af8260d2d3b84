"""WCAG contrast arithmetic: ratios, and colours moved just enough to be read."""

from __future__ import annotations

import pytest

from tui.widgets.contrast import (
    AA_TEXT,
    BLACK,
    READABLE,
    WHITE,
    contrast,
    contrast_text,
    readable,
    tint,
)

LIGHT_GREY = (228, 228, 228)  # xterm 254, the kind of background a light theme has
SKY = (135, 215, 255)  # xterm 117: the entity colour that was 1.1:1 on it


def test_ratios_match_wcag() -> None:
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast((119, 119, 119), WHITE) == pytest.approx(4.48, abs=0.01)  # #777: just fails
    assert contrast(SKY, LIGHT_GREY) < 1.5


@pytest.mark.parametrize("background", [LIGHT_GREY, (18, 18, 18), (0, 43, 54), (119, 119, 119)])
def test_a_colour_is_moved_until_it_reads(background: tuple[int, int, int]) -> None:
    moved = readable(SKY, background)
    assert contrast(moved, background) >= READABLE or moved == contrast_text(background)
    assert contrast(moved, background) >= AA_TEXT


def test_a_readable_colour_is_left_alone_and_the_hue_kept() -> None:
    assert readable(SKY, (18, 18, 18)) == SKY
    red, green, blue = readable(SKY, LIGHT_GREY)
    assert blue > green > red, "still sky blue, only darker"


def test_a_tint_never_hides_the_text() -> None:
    text = (31, 31, 31)
    tinted = tint(LIGHT_GREY, (255, 215, 0), text)
    assert tinted != LIGHT_GREY and contrast(text, tinted) >= AA_TEXT
    assert tint(LIGHT_GREY, BLACK, (120, 120, 120)) == LIGHT_GREY, "no tint rather than unreadable"
