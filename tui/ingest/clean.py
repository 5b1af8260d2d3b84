"""The one home of control characters: strip them on the way in, defuse them on the way out.

Everything a user or a file hands Gloss is untrusted: a pasted note, a tag, a
file name, a synced library file. Text on its way in loses escape sequences and
control characters (strip_controls; clean_text also makes an article's text
canonical). Text on its way out, to the screen, stdout or an export, is made
safe again (defused), because a stored file may come from anywhere. Messages
show control characters as escapes (escaped), so a mistyped argument can be
read back and never acts on the terminal; JSON escapes them (escaped_json).
Rich markup such as "[bold]" is left as literal text: the UI never interprets
stored text as markup.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, non-characters,
# and the bidi/format controls that can reorder or hide text in a terminal.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff"
)
_CONTROLS = re.compile(f"[{_UNSAFE}]")
_CONTROLS_AND_LAYOUT = re.compile(f"[\t\n{_UNSAFE}]")
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def strip_controls(text: str) -> str:
    """LF line ends, no escape sequences, no control characters; newlines and tabs stay.

    What is kept of anything a user typed or pasted, or a file gave, before it is stored.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _ANSI_ESCAPE.sub("", text)
    return _CONTROLS.sub("", text)


def clean_text(text: str) -> str:
    """NFC, LF line ends, no escape sequences or control characters, tabs as spaces."""
    text = strip_controls(text).replace("\t", " ")
    # rstrip per line: a regex like "[ \t]+$" is quadratic on long runs of spaces.
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return unicodedata.normalize("NFC", text)


def defused(text: str, one_line: bool = False) -> str:
    """Text safe to print or draw: every control character a space (newlines and tabs too
    when one_line).

    For stored text at output, which may come from another program: the length
    stays the same, so offsets into the text (marks, notes, entities) stay right.
    """
    return (_CONTROLS_AND_LAYOUT if one_line else _CONTROLS).sub(" ", text)


def escaped(text: str) -> str:
    """Text for a one-line message: each control character, newlines too, as an escape (\\x1b).

    Unlike defused(), the user can read back what they typed; escaping twice
    changes nothing.
    """
    return _CONTROLS_AND_LAYOUT.sub(_escape, text)


def escaped_json(dumped: str) -> str:
    """JSON text with every control character escaped (\\u009b): json.dumps leaves C1 raw.

    Outside strings JSON has only ASCII punctuation and layout, so every
    match is inside a string, where the escape means the same character.
    """
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
