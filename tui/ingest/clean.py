"""Make untrusted text safe and canonical before anything stores or shows it.

Every reader's text and metadata go through here (assemble() enforces it), so a
file cannot smuggle escape sequences, control characters or lone surrogates into
the store or the terminal. Rich markup such as "[bold]" is left as literal text:
the UI never interprets stored text as markup.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, lone surrogates, non-characters, and the bidi/format
# controls that can reorder or hide text in a terminal; newlines and tabs are
# handled separately.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def clean_text(text: str) -> str:
    """NFC, LF line ends, no escape sequences or control characters, tabs as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _ANSI_ESCAPE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = text.replace("\t", " ")
    # rstrip per line: a regex like "[ \t]+$" is quadratic on long runs of spaces.
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return unicodedata.normalize("NFC", text)


def split_blocks(text: str) -> list[str]:
    """Paragraph-like chunks separated by blank lines, trimmed, empty ones dropped."""
    return [chunk.strip() for chunk in _BLANK_LINES.split(text) if chunk.strip()]


def clean_block(text: str) -> str:
    """One block's text: clean, trimmed, single line breaks kept, no blank lines inside.

    A blank line inside a block would make the canonical text ambiguous, since
    blocks are joined by exactly one blank line.
    """
    lines = (line.strip() for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def clean_field(value: object) -> str | None:
    """A metadata value as one clean line of text, or None when empty.

    Only scalars are accepted: str() of a nested structure from hostile YAML or
    JSON could be huge (aliases) and is never a sensible title or author.
    """
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, str | int | float):
        return None
    line = " ".join(clean_text(str(value)).split())
    return line or None
