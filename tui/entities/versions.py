"""What the extractor version stored with an article's entities means.

The import writes it, reindex and the import compare it, the reader explains
it: one home, so the screen never learns the format and a new rule only has
to bump `EXTRACTOR_VERSION`. Tiny, importing nothing heavy: the app imports it.
"""

from __future__ import annotations

from tui.ingest.language import primary_language

# Bump when the same article would give different entities: stored with them,
# so `gloss reindex` knows what to redo.
EXTRACTOR_VERSION = "8"
# The languages with a spaCy model; any other gets only acronyms and numeric dates.
MODEL_LANGUAGES = ("en", "fr")
# What the sidebar says on an article in any other language.
OTHER_LANGUAGE = "Entities: English and French only. Here, only acronyms and numeric dates."
# Appended to the stored version when the model was missing, so reindex redoes them.
NO_MODEL_SUFFIX = "+no-model"


def stored_version(model_problem: str | None) -> str:
    """The version to store with new entities; marked when the model was missing."""
    return EXTRACTOR_VERSION if model_problem is None else EXTRACTOR_VERSION + NO_MODEL_SUFFIX


def is_current(version: str | None) -> bool:
    """Whether entities stored under `version` are what this extractor would give now."""
    return version == EXTRACTOR_VERSION


def entity_language(language: str | None) -> str:
    """The language whose rules read an article: its stored tag's primary subtag, English
    when it has none (articles stored before languages were)."""
    return primary_language(language) or "en"


def stored_entities_problem(version: str | None, language: str | None = None) -> str | None:
    """One line for the reader when stored entities are partial or stale; None when fine.

    No version at all (entities never extracted) is not a problem to report.
    """
    if version is None:
        return None
    if version.endswith(NO_MODEL_SUFFIX):
        return (
            "Only acronyms and dates: the spaCy model was missing at import. Run `gloss reindex`."
        )
    if not is_current(version):
        return "Entities from an older Gloss: run `gloss reindex`."
    if entity_language(language) not in MODEL_LANGUAGES:
        return OTHER_LANGUAGE
    return None
