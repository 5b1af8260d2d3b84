"""The base of every error a user reads: its message is one line that cannot act on a terminal."""

from __future__ import annotations

from tui.ingest.clean import escaped


class OneLineError(Exception):
    """str() is the message with control characters shown escaped (\\x1b), newlines too.

    Messages often quote what the user typed or a file name, either of which
    may hold an escape sequence; escaped, it is readable and inert.
    """

    def __str__(self) -> str:
        return escaped(super().__str__())
