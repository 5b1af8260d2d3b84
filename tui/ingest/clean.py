"""Make untrusted text safe and canonical before anything stores or shows it."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the bidi/format controls that can reorder or hide
# text in a terminal; newlines and tabs are handled separately.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def clean_text(text: str) -> str:
    """NFC, LF line ends, no escape sequences or control characters, tabs as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI_ESCAPE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = text.replace("\t", " ")
    text = _TRAILING_SPACE.sub("", text)
    return unicodedata.normalize("NFC", text)


def split_blocks(text: str) -> list[str]:
    """Paragraph-like chunks separated by blank lines, trimmed, empty ones dropped."""
    return [chunk.strip() for chunk in _BLANK_LINES.split(text) if chunk.strip()]


def clean_field(value: object) -> str | None:
    """A metadata value as one clean line of text, or None when empty."""
    if value is None:
        return None
    line = " ".join(clean_text(str(value)).split())
    return line or None
