"""What the extractor version stored with an article's entities means.

The import writes it, reindex and the import compare it, the reader explains
it: one home, so the screen never learns the format and a new rule only has
to bump `EXTRACTOR_VERSION`. Tiny and import-free: the app imports it.
"""

from __future__ import annotations

# Bump when the same article would give different entities: stored with them,
# so `gloss reindex` knows what to redo.
EXTRACTOR_VERSION = "6"
# Appended to the stored version when the model was missing, so reindex redoes them.
NO_MODEL_SUFFIX = "+no-model"


def stored_version(model_problem: str | None) -> str:
    """The version to store with new entities; marked when the model was missing."""
    return EXTRACTOR_VERSION if model_problem is None else EXTRACTOR_VERSION + NO_MODEL_SUFFIX


def is_current(version: str | None) -> bool:
    """Whether entities stored under `version` are what this extractor would give now."""
    return version == EXTRACTOR_VERSION


def stored_entities_problem(version: str | None) -> str | None:
    """One line for the reader when stored entities are partial or stale; None when fine.

    No version at all (entities never extracted) is not a problem to report.
    """
    if version is not None and version.endswith(NO_MODEL_SUFFIX):
        return (
            "Only acronyms and dates: the spaCy model was missing at import. Run `gloss reindex`."
        )
    if version is not None and not is_current(version):
        return "Entities from an older Gloss: run `gloss reindex`."
    return None
