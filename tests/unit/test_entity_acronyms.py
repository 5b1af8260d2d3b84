"""Acronyms the article defines itself, and how every bare short form joins its long form.

Made-up recogniser output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article
from tui.entities.acronyms import find_definitions
from tui.entities.extractor import entities_of


def test_initials_keep_the_whole_long_form_where_schwartz_hearst_truncates() -> None:
    text = "The China Mobile Communication Association Metaverse Committee (CMCAMC) has signed."
    [definition] = find_definitions(text)
    assert definition.short == "CMCAMC"
    assert definition.long == "China Mobile Communication Association Metaverse Committee"
    assert definition.method == "initials"


def test_schwartz_hearst_still_finds_what_initials_cannot() -> None:
    text = 'It was named "severe acute respiratory syndrome coronavirus 2" (SARS-CoV-2) today.'
    [definition] = find_definitions(text)
    assert definition.long == "severe acute respiratory syndrome coronavirus 2"
    assert definition.method == "schwartz-hearst"


@pytest.mark.parametrize(
    "sentence",
    [
        "It is part of the 14th Five-Year Plan period (2021-2025).",
        "A court in Berlin (Germany) ruled on Monday.",
        "It fell eight metres (about 25 feet) into the mud.",
        "The Supreme Court of Justice (Oberster Gerichtshof ) of Austria agreed.",
    ],
)
def test_parentheses_that_define_nothing(sentence: str) -> None:
    assert find_definitions(sentence) == []


def test_possessive_before_the_parenthesis_is_not_part_of_the_long_form() -> None:
    text = "The Bank of Japan's (BOJ) board met. BOJ governors disagreed."
    candidates = [cand(text, "The Bank of Japan's", "organization", label="ORG")]
    article = make_article(text)
    entities = entities_of(article, candidates)
    boj = by_name(entities, "Bank of Japan")
    assert boj.aliases == ("BOJ",)
    assert [m.text for m in boj.mentions] == ["Bank of Japan", "BOJ", "BOJ"]


def test_dateline_parenthesis_is_never_read_as_a_definition() -> None:
    # Read as a definition, "(DM)" would match "Delhi 24 March" letter by letter.
    text = "Delhi 24 March 2022 (DM): Officials met. DM readers were told."
    article = make_article(text)
    entities = entities_of(article, [cand(text, "24 March 2022", "date")])
    assert [(e.name, e.aliases) for e in entities] == [("24 March 2022", ())]


def test_every_bare_short_form_joins_the_long_form_with_its_type() -> None:
    text = (
        "It signed with the Belt & Road Initiative (BRI) partners. BRI members agreed. "
        "Later BRI economies joined."
    )
    article = make_article(text)
    candidates = [
        cand(text, "the Belt & Road Initiative", "organization", label="ORG"),
        cand(text, "BRI", "person", nth=2, label="PERSON"),  # the model's slip
    ]
    entities = entities_of(article, candidates)
    [bri] = entities
    assert bri.name == "Belt & Road Initiative"
    assert bri.type == "event"
    assert bri.aliases == ("BRI",)
    assert len(bri.mentions) == 4  # the long form and all three bare "BRI"


def test_acronym_the_model_missed_entirely_is_still_linked() -> None:
    text = "The Asia Digital Bank (ADB) grew. ADB will cooperate. The ADB is digital."
    entities = entities_of(make_article(text), [])
    [adb] = entities
    assert (adb.name, adb.type, adb.aliases) == ("Asia Digital Bank", "organization", ("ADB",))
    assert len(adb.mentions) == 4


@pytest.mark.parametrize(
    ("sentence", "short", "long"),
    [
        ("The site Letters from Lisbon (LFL) said so.", "LFL", "Letters from Lisbon"),
        ("The site Letters from Lisbon (LL) said so.", "LL", "Letters from Lisbon"),
        ("Friends of the Earth (FoE) said so.", "FoE", "Friends of the Earth"),
        ("Doctors against Hunger (DH) said so.", "DH", "Doctors against Hunger"),
        ("The Banco de la Nación (BN) said so.", "BN", "Banco de la Nación"),
        ("The Institut für Weltwirtschaft (IfW) said so.", "IfW", "Institut für Weltwirtschaft"),
        ("Voices from Inside the Wall (VIW) said so.", "VIW", "Voices from Inside the Wall"),
        (
            "The Office for Budget Responsibility (OBR) said so.",
            "OBR",
            "Office for Budget Responsibility",
        ),
    ],
)
def test_function_words_in_a_long_form_may_give_no_letter(
    sentence: str, short: str, long: str
) -> None:
    [definition] = find_definitions(sentence)
    assert (definition.short, definition.long) == (short, long)
    assert definition.method == "initials"


def test_acronym_of_a_name_the_model_did_not_type_is_an_organization() -> None:
    # The model saw only the place inside the long form, and typed some other
    # three-letter word: neither decides what "Letters from Lisbon" is.
    text = "The news site Letters from Lisbon (LFL) reported it. LFL said the USA would act."
    article = make_article(text)
    candidates = [cand(text, "Lisbon", "place"), cand(text, "USA", "place")]
    entities = entities_of(article, candidates)
    lfl = by_name(entities, "Letters from Lisbon")
    assert (lfl.type, lfl.aliases, len(lfl.mentions)) == ("organization", ("LFL",), 3)
    assert by_name(entities, "USA").type == "place"
    assert_well_formed(article, entities)


def test_acronym_short_form_votes_count_only_the_short_form() -> None:
    text = "The news site Letters from Lisbon (LFL) reported it. LFL said so."
    candidates = [cand(text, "LFL", "other", nth=2)]
    [lfl] = entities_of(make_article(text), candidates)
    assert lfl.type == "other"  # the model's own type for the short form still counts


def test_lower_case_long_form_of_an_untyped_acronym_stays_other() -> None:
    text = "It uses artificial general intelligence (AGI) methods. AGI is hard."
    [agi] = entities_of(make_article(text), [])
    assert (agi.name, agi.type) == ("artificial general intelligence", "other")


def test_reversed_acronym_definition() -> None:
    text = "It backs an HPC (High Performance Computing) group. HPC needs power."
    [definition] = find_definitions(text)
    assert (definition.short, definition.long, definition.method) == (
        "HPC",
        "High Performance Computing",
        "reversed",
    )
    [hpc] = entities_of(make_article(text), [])
    assert (hpc.name, hpc.aliases, len(hpc.mentions)) == ("High Performance Computing", ("HPC",), 3)


def test_parenthesis_after_an_acronym_that_does_not_spell_it_is_no_definition() -> None:
    assert find_definitions("The USA (since 1776) and NATO (Brussels office) met.") == []
