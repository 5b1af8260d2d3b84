"""WCAG contrast: a theme's colours moved just enough to be read on its background.

Pure arithmetic on (red, green, blue) triples, so that it is tested without Textual;
`Paints` applies it to the theme in force.
"""

from __future__ import annotations

RGB = tuple[int, int, int]

BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)

AA_TEXT = 4.5
"""WCAG 2 level AA for normal text."""
READABLE = 5.0
"""What Gloss aims at: AA with room for the focus tint and the library's zebra stripes."""
TINTED = 4.8
"""What a highlight's background may bring READABLE text down to."""


def luminance(color: RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: RGB, other: RGB) -> float:
    """WCAG contrast ratio, 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: RGB, other: RGB, share: float) -> RGB:
    """`color` moved `share` (0 to 1) of the way to `other`."""
    return (
        round(color[0] + (other[0] - color[0]) * share),
        round(color[1] + (other[1] - color[1]) * share),
        round(color[2] + (other[2] - color[2]) * share),
    )


def contrast_text(background: RGB) -> RGB:
    """Black or white, whichever stands out more on `background`."""
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE


def readable(color: RGB, background: RGB, ratio: float = READABLE) -> RGB:
    """`color` as it is if it reaches `ratio` on `background`, else moved toward black or
    white (whichever stands out) by as little as reaches it: the hue stays recognisable."""
    extreme = contrast_text(background)
    for step in range(21):
        moved = mix(color, extreme, step / 20)
        if contrast(moved, background) >= ratio:
            return moved
    return extreme


def tint(background: RGB, hue: RGB, text: RGB, ratio: float = TINTED) -> RGB:
    """A background of `hue` laid over `background` (at most 40%), as strong as it can be
    while `text` stays readable on it: a highlight that never hides its words."""
    for step in range(8, 0, -1):
        tinted = mix(background, hue, step / 20)
        if contrast(text, tinted) >= ratio:
            return tinted
    return background


def distance(one: RGB, other: RGB) -> float:
    """How far apart two colours look, roughly (the "redmean" RGB distance), 0 to ~765."""
    mean_red = (one[0] + other[0]) / 2
    red, green, blue = (one[i] - other[i] for i in range(3))
    return float(
        ((2 + mean_red / 256) * red**2 + 4 * green**2 + (2 + (255 - mean_red) / 256) * blue**2)
        ** 0.5
    )
