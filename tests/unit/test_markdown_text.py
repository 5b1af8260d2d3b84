"""A note's Markdown as styled text: rendered, never Rich markup, never a control sequence."""

from __future__ import annotations

from rich.text import Text

from tui.widgets.markdown_text import markdown_text


def styles_at(text: Text, words: str) -> str:
    start = text.plain.index(words)
    return " ".join(str(span.style) for span in text.spans if span.start <= start < span.end)


def test_emphasis_is_styled_and_the_asterisks_are_gone() -> None:
    text = markdown_text("A **bold** claim, an *aside* and `code`, ~~struck~~")
    assert text.plain == "A bold claim, an aside and code, struck"
    assert "bold" in styles_at(text, "bold claim")
    assert "italic" in styles_at(text, "aside")
    assert "strike" in styles_at(text, "struck")


def test_lists_quotes_headings_and_line_breaks() -> None:
    text = markdown_text("# Who\n\nLam said\nthen left\n\n- one\n- two\n\n1. first\n\n> quoted")
    assert text.plain.splitlines() == [
        "Who",
        "",
        "Lam said",
        "then left",
        "",
        "• one",
        "• two",
        "",
        "1. first",
        "",
        "▎ quoted",
    ]
    assert "bold" in styles_at(text, "Who")


def test_rich_markup_and_html_stay_text() -> None:
    text = markdown_text("[bold red]not markup[/] and <b>not html</b>")
    assert text.plain == "[bold red]not markup[/] and <b>not html</b>"
    assert not text.spans


def test_a_link_shows_its_address_and_makes_no_hyperlink() -> None:
    text = markdown_text("[the report](https://example.org/r)")
    assert text.plain == "the report <https://example.org/r>"
    assert all(span.style and "link" not in str(span.style) for span in text.spans)


def test_no_control_character_survives_raw_or_as_a_character_reference() -> None:
    text = markdown_text("red \x1b[31mtext\x07 and &#27;[2J and &#x9b;31m")
    assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in text.plain)
    assert "text" in text.plain
