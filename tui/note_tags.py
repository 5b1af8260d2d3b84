"""`#tag` words in a note's body become the note's tags."""

from __future__ import annotations

import re

_TAG = re.compile(r"(?<![\w#&])#(\w[\w/-]*)")


def tags_in(body: str) -> tuple[str, ...]:
    """Tags in order of first use, without duplicates, case kept ("#FinTech" -> "FinTech")."""
    return tuple(dict.fromkeys(match.group(1) for match in _TAG.finditer(body)))
