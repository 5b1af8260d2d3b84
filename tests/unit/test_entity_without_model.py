"""Without the spaCy model: acronyms and dates still, no person guessed, one line saying why.

Also what the recogniser does around the model: no spaCy on import, no work for
no articles, huge texts cut at blank lines.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.data_paths import REPO
from tests.unit.entity_helpers import assert_well_formed, make_article, names
from tui.entities import extract_entities
from tui.entities.extractor import extract
from tui.entities.recognizer import _chunks
from tui.entities.recognizers import Recognizers

SEED_LIKE = (
    "Beijing 24 February 2022 (TDI): The China Mobile Communication Association Metaverse "
    "Committee (CMCAMC) has signed with the Asia Digital Bank (ADB). CMCAMC was set up on "
    "October 15, 2021 in Beijing. ADB will cooperate with the CMCAMC. Yu Jianing spoke."
)


def test_missing_model_still_gives_acronyms_and_dates() -> None:
    recognizers = Recognizers(parallel=False, model_names={"en": "gloss_no_such_model_package"})
    assert recognizers.problem == (
        "spaCy model gloss_no_such_model_package is not installed: "
        "only acronyms and dates are extracted"
    )
    article = make_article(SEED_LIKE)
    [entities] = extract([article], recognizers)
    assert_well_formed(article, entities)
    summary = {(e.name, e.type, e.aliases) for e in entities}
    assert (
        "China Mobile Communication Association Metaverse Committee",
        "organization",
        ("CMCAMC",),
    ) in summary
    assert ("Asia Digital Bank", "organization", ("ADB",)) in summary
    assert {e.name for e in entities if e.type == "date"} == {
        "24 February 2022",
        "October 15, 2021",
    }
    assert not any(e.type == "person" for e in entities)  # that needs the model


def test_spacy_not_installed_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # makes `import spacy` fail
    recognizers = Recognizers(parallel=False)
    assert recognizers.problem == "spaCy is not installed: only acronyms and dates are extracted"
    [entities] = extract([make_article(SEED_LIKE)], recognizers)
    assert "Asia Digital Bank" in names(entities)


def test_without_the_model_no_person_is_guessed_from_a_title() -> None:
    article = make_article("President Tomas Verhoeven spoke on Monday.")
    missing = Recognizers(parallel=False, model_names={"en": "gloss_no_such_model_package"})
    [entities] = extract([article], missing)
    assert [e.name for e in entities] == ["Monday"]


def test_importing_gloss_entities_does_not_import_spacy() -> None:
    code = "import sys, tui.entities; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_no_articles_no_work() -> None:
    assert extract_entities([]) == []


def test_huge_texts_are_cut_at_blank_lines_with_right_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tui.entities.recognizer.CHUNK_CHARS", 50)
    texts = ["short", "\n\n".join(f"Paragraph number {i} of the long one." for i in range(10))]
    pieces = list(_chunks(texts))
    assert len(pieces) > 3
    for index, text in enumerate(texts):
        rebuilt = "".join(piece for i, _, piece in pieces if i == index)
        assert rebuilt == text
        for i, offset, piece in pieces:
            if i == index:
                assert text[offset : offset + len(piece)] == piece
                assert len(piece) <= 50
