"""A mistake in what the user asked for: the CLI prints it as one line and exits 1."""

from __future__ import annotations


class UserError(Exception):
    """str() is the whole message a user sees."""
