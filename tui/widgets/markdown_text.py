"""A note's Markdown as a rich Text: what the notes pane and the notes screen show.

Parsed with markdown-it (CommonMark, raw HTML left as text) and built piece by
piece into a Text, so nothing in a note is ever read as Rich markup. Every
piece is defused after parsing too: a character reference (`&#27;`) decodes to
a control character there. Links show their text underlined and their address
dimmed, never as a terminal hyperlink.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.style import Style
from rich.text import Text

from tui.ingest.clean import defused

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
_INLINE_STYLES = {
    "strong_open": Style(bold=True),
    "em_open": Style(italic=True),
    "s_open": Style(strike=True),
    "link_open": Style(underline=True),
}
CODE_STYLE = Style(bold=True, dim=True)
QUOTE_MARK = "▎ "
RULE = "─" * 12


class _Builder:
    """Walks markdown-it's tokens, keeping the line prefix of nested quotes and lists."""

    def __init__(self) -> None:
        self.text = Text()
        self.prefixes: list[str] = []  # one per open blockquote or list item
        self.marker: str | None = None  # a list item's bullet, for its first line only
        self.lists: list[int | None] = []  # the next number of each open list (None: bullets)
        self.blocks = 0
        self.gap = False  # a top-level list or quote begins: a blank line before it

    def line_start(self) -> None:
        """Begin a block on a new line (after a blank one at the top level)."""
        if self.blocks:
            self.text.append("\n\n" if self.gap or not self.prefixes else "\n")
        self.gap = False
        self.blocks += 1
        self.prefix(first=True)

    def prefix(self, first: bool = False) -> None:
        parts = list(self.prefixes)
        if first and self.marker is not None and parts:
            parts[-1] = self.marker
            self.marker = None
        if parts:
            self.text.append("".join(parts), style="dim")

    def newline(self) -> None:
        self.text.append("\n")
        self.prefix()

    def add(self, text: str, style: Style | str = "") -> None:
        self.text.append(defused(text), style=style)

    def block(self, token: Token) -> None:
        kind = token.type
        if kind in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            self.gap = self.gap or not self.prefixes
        if kind == "blockquote_open":
            self.prefixes.append(QUOTE_MARK)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            self.lists.append(None if kind == "bullet_list_open" else int(start or 1))
        elif kind == "list_item_open":
            number = self.lists[-1] if self.lists else None
            marker = "• " if number is None else f"{number}. "
            if number is not None:
                self.lists[-1] = number + 1
            self.prefixes.append(" " * len(marker))
            self.marker = marker
        elif kind in ("blockquote_close", "list_item_close"):
            self.prefixes.pop()
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind in ("paragraph_open", "heading_open"):
            self.line_start()
        elif kind == "inline":
            self.inline(token.children or [])
        elif kind in ("fence", "code_block"):
            self.line_start()
            for number, line in enumerate(token.content.rstrip("\n").split("\n")):
                if number:
                    self.newline()
                self.add(line, CODE_STYLE)
        elif kind == "hr":
            self.line_start()
            self.text.append(RULE, style="dim")
        elif kind == "html_block":
            self.line_start()
            self.add(token.content.rstrip("\n"))

    def inline(self, children: list[Token]) -> None:
        styles: list[Style] = []
        href: list[str] = []
        for child in children:
            kind = child.type
            style = Style.combine(styles) if styles else Style()
            if kind in _INLINE_STYLES:
                styles.append(_INLINE_STYLES[kind])
                if kind == "link_open":
                    href.append(str(child.attrGet("href") or ""))
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _INLINE_STYLES:
                if styles:
                    styles.pop()
                if kind == "link_close" and href:
                    self.add(f" <{href.pop()}>", "dim")
            elif kind in ("text", "html_inline"):
                self.add(child.content, style)
            elif kind == "code_inline":
                self.add(child.content, style + CODE_STYLE)
            elif kind in ("softbreak", "hardbreak"):
                self.newline()
            elif kind == "image":
                self.add(f"[image: {child.content}]", style + Style(italic=True))


def markdown_text(source: str) -> Text:
    """The note's Markdown rendered as styled text; headings bold, lists with bullets."""
    builder = _Builder()
    tokens = _PARSER.parse(defused(source))
    heading = False
    start = 0
    for token in tokens:
        if token.type == "heading_open":
            heading = True
            builder.line_start()
            start = len(builder.text)
            continue
        if token.type == "heading_close":
            builder.text.stylize(Style(bold=True), start)
            heading = False
            continue
        if heading and token.type == "inline":
            builder.inline(token.children or [])
            continue
        builder.block(token)
    return builder.text
