"""Tracking redirects are unwrapped to the address they carry; other links are left alone."""

from __future__ import annotations

import pytest

from tui.web import unwrapped

TARGET = "https://investorplace.com/2019/07/slack-stock-truly-compelling/"


@pytest.mark.parametrize(
    "wrapped",
    [
        f"https://www.google.com/url?rct=j&sa=t&url={TARGET}&ct=ga&usg=AFQjCNEZ",
        f"https://www.google.com/url?q={TARGET}&sa=D",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Finvestorplace.com%2F2019%2F07%2F"
        "slack-stock-truly-compelling%2F&h=AT0",
        f"https://www.youtube.com/redirect?event=video&q={TARGET}",
        # wrapped twice
        "https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3D"
        "https%253A%252F%252Finvestorplace.com%252F2019%252F07%252Fslack-stock-truly-compelling"
        "%252F",
    ],
)
def test_tracking_links_give_their_target(wrapped: str) -> None:
    assert unwrapped(wrapped) == TARGET


@pytest.mark.parametrize(
    "plain",
    [
        TARGET,
        "https://www.google.com/search?q=https://example.org/",  # a search, not a redirect
        "https://www.google.com/url?q=javascript:alert(1)",  # a target that is no web page
        "https://news.ycombinator.com/item?id=30937433",
    ],
)
def test_other_links_stay(plain: str) -> None:
    assert unwrapped(plain) == plain
