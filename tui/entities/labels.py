"""spaCy's OntoNotes labels as Gloss's seven entity types."""

from __future__ import annotations

from tui.models import EntityType

# TIME is dropped: "4:00 A.M." or "midnight" is not something a reader looks
# an article up by, and it is never the date of anything on its own. NORP
# ("Chinese", "Malaysian") is an adjective, not an entity, and CARDINAL,
# ORDINAL, QUANTITY and PERCENT are bare numbers.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",  # the French model's labels: PER, ORG, LOC and MISC (not shown)
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "EVENT": "event",
    "LAW": "event",
    "MONEY": "money",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LANGUAGE": "other",
}


def entity_type(label: str) -> EntityType | None:
    """Gloss's type for a spaCy label, or None when Gloss does not show that kind."""
    return LABEL_TYPES.get(label)
