"""A mistake in what the user asked for: the CLI prints it as one line and exits 1."""

from __future__ import annotations

from tui.ingest.one_line_error import OneLineError


class UserError(OneLineError):
    """str() is the whole message a user sees."""
