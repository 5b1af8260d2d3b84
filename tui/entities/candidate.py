"""A span some recogniser thinks names an entity, before the rule layer judges it."""

from __future__ import annotations

from dataclasses import dataclass

from tui.models import EntityType


@dataclass(frozen=True, slots=True)
class Candidate:
    """Code-point offsets into the article text, Gloss's type, and where it came from.

    `label` keeps the recogniser's own label ("ORG", "DATE", "regex") so a rule
    or a benchmark can tell a model guess from a pattern match.
    """

    start: int
    end: int
    type: EntityType
    label: str
