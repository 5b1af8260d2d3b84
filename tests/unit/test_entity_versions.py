"""What a stored extractor version means: the reader's line and reindex's test share one rule."""

from __future__ import annotations

from tui.entities.versions import (
    EXTRACTOR_VERSION,
    NO_MODEL_SUFFIX,
    is_current,
    stored_entities_problem,
    stored_version,
)


def test_entities_of_this_extractor_need_no_word() -> None:
    assert stored_entities_problem(EXTRACTOR_VERSION) is None
    assert is_current(stored_version(None))


def test_never_extracted_is_not_reported_but_is_not_current_either() -> None:
    assert stored_entities_problem(None) is None
    assert not is_current(None)


def test_entities_made_without_the_model_say_so_and_are_redone() -> None:
    version = stored_version("spaCy is not installed")
    assert version == EXTRACTOR_VERSION + NO_MODEL_SUFFIX
    line = stored_entities_problem(version)
    assert line is not None and "spaCy model was missing" in line and "gloss reindex" in line
    assert "\n" not in line
    assert not is_current(version)


def test_an_older_extractor_is_named_as_such() -> None:
    older = str(int(EXTRACTOR_VERSION) - 1)
    assert stored_entities_problem(older) == "Entities from an older Gloss: run `gloss reindex`."
    assert not is_current(older)
    assert stored_entities_problem(older + NO_MODEL_SUFFIX) != stored_entities_problem(older)


def test_a_page_in_another_language_says_entities_are_english_and_french_only() -> None:
    line = stored_entities_problem(EXTRACTOR_VERSION, "cs")
    assert line is not None and line.startswith("Entities: English and French only")
    assert stored_entities_problem(EXTRACTOR_VERSION, "fr-FR") is None
    assert stored_entities_problem(EXTRACTOR_VERSION, None) is None  # stored before languages
