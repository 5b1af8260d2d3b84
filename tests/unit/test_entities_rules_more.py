"""More of the rule layer, with made-up recogniser output (no model).

Acronyms whose long form has function words, CamelCase brands the model calls
persons, plurals, titles before names, names the context gives...
Every text here is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.test_entities_rules import assert_well_formed, by_name, cand, make_article, names
from tui.entities.acronyms import find_definitions
from tui.entities.extractor import entities_of

# --- acronyms with function words -----------------------------------------------------------


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


# --- types from the form of a name ------------------------------------------------------------


def test_camel_case_majority_decides_the_entity() -> None:
    # A one-word "person" never named in full nor after a title is a brand.
    text = "ZapTech launched it. ZapTech's boss spoke. Analysts praised ZapTech."
    candidates = [
        cand(text, "ZapTech", "person"),
        cand(text, "ZapTech", "person", nth=2),
        cand(text, "ZapTech", "place", nth=3),
    ]
    [zap] = entities_of(make_article(text), candidates)
    assert (zap.name, zap.type, len(zap.mentions)) == ("ZapTech", "organization", 3)


# --- plurals ----------------------------------------------------------------------------------


def test_singular_and_plural_of_a_name_are_one_entity_and_spread() -> None:
    text = (
        "Workers of the Northern Railways struck. The Northern Railways said no. "
        "A branch of the Northern Railway agreed."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Northern Railways", "organization"),
        cand(text, "Northern Railways", "organization", nth=2),
    ]
    [rail] = entities_of(article, candidates)
    assert (rail.name, rail.aliases, len(rail.mentions)) == (
        "Northern Railways",
        ("Northern Railway",),
        3,
    )


def test_a_person_the_article_also_names_in_the_plural_is_a_thing() -> None:
    text = "The last Star Glider flight ended. The Star Gliders were retired in 2011."
    article = make_article(text)
    candidates = [
        cand(text, "Star Glider", "person"),
        cand(text, "Star Gliders", "organization"),
    ]
    [glider] = [e for e in entities_of(article, candidates) if e.type != "date"]
    assert glider.type == "other"
    assert set(names([glider])) == {"Star Glider", "Star Gliders"}


def test_two_people_are_not_singular_and_plural() -> None:
    text = "James Williams met James William."
    candidates = [
        cand(text, "James Williams", "person"),
        cand(text, "James William", "person", nth=2),
    ]
    entities = entities_of(make_article(text), candidates)
    assert {e.name for e in entities} == {"James Williams", "James William"}


# --- titles -----------------------------------------------------------------------------------


def test_name_after_a_title_is_a_person_even_when_the_model_missed_it() -> None:
    text = (
        "On Sunday Presidents Tomas Verhoeven of Norland and Ada Lind of Sorland signed. "
        "Later commissioner Ilse Brandt spoke."
    )
    article = make_article(text)
    candidates = [cand(text, "Norland", "place"), cand(text, "Sorland", "place")]
    entities = entities_of(article, candidates)
    assert by_name(entities, "Tomas Verhoeven").type == "person"
    assert by_name(entities, "Ilse Brandt").type == "person"
    assert_well_formed(article, entities)


@pytest.mark.parametrize(
    "text",
    [
        "It was said by a hospital spokesperson. The police came.",  # a sentence ends
        "Wayne Tseng, Lord Mayor Candidate and a candidate.",  # "candidate" is a common noun
        "Said the President On Monday and more.",
        "Minister Foreign Affairs Ministry met.",  # ends in an organisational head
        "The President Zorvath spoke.",  # one word, in no full name the article gives
    ],
)
def test_what_follows_a_title_is_not_always_a_name(text: str) -> None:
    entities = entities_of(make_article(text), [])
    assert not any(e.type == "person" for e in entities), entities


def test_one_word_after_a_title_when_the_full_name_is_known() -> None:
    text = "Princess Ubolra Mahidol spoke. Princess Ubolra left."
    [person] = entities_of(make_article(text), [])
    assert (person.name, person.aliases, len(person.mentions)) == (
        "Ubolra Mahidol",
        ("Ubolra",),
        2,
    )


def test_title_is_cut_from_a_name() -> None:
    text = (
        "Karla Mendes drove. Today with my Loco Pilot Karla we ran. President Obrecht "
        "spoke. General Motors agreed."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Karla Mendes", "person"),
        cand(text, "Loco Pilot Karla", "organization"),
        cand(text, "President Obrecht", "person"),
        cand(text, "General Motors", "organization"),
    ]
    entities = entities_of(article, candidates)
    karla = by_name(entities, "Karla Mendes")
    assert karla.aliases == ("Karla",)
    assert by_name(entities, "Obrecht").type == "person"
    assert by_name(entities, "General Motors").type == "organization"
    assert_well_formed(article, entities)


def test_without_the_model_no_person_is_guessed_from_a_title() -> None:
    from tui.entities.extractor import extract
    from tui.entities.recognizer import Recognizer

    article = make_article("President Tomas Verhoeven spoke on Monday.")
    [entities] = extract([article], Recognizer("gloss_no_such_model_package", parallel=False))
    assert [e.name for e in entities] == ["Monday"]


# --- names the context gives -------------------------------------------------------------------


def test_another_name_in_parentheses_joins_the_name() -> None:
    text = (
        "The High Tribunal (Hoher Gerichtshof) of Norland ruled. "
        "The Hoher Gerichtshof said more. A court in Berlin (Germany) agreed."
    )
    article = make_article(text)
    candidates = [
        cand(text, "The High Tribunal", "organization"),
        cand(text, "Hoher Gerichtshof", "person"),
        cand(text, "Norland", "place"),
        cand(text, "The Hoher Gerichtshof", "organization"),
        cand(text, "Berlin", "place"),
        cand(text, "Germany", "place"),
    ]
    entities = entities_of(article, candidates)
    tribunal = by_name(entities, "High Tribunal")
    assert tribunal.type == "organization"
    assert tribunal.aliases == ("Hoher Gerichtshof",)
    assert len(tribunal.mentions) == 3
    assert by_name(entities, "Germany").type == "place"
    assert_well_formed(article, entities)


@pytest.mark.parametrize(
    "gloss",
    ["Northern Folk and Island Folk", "New York", "Unit 2"],
)
def test_a_gloss_or_a_place_in_parentheses_is_not_another_name(gloss: str) -> None:
    text = f"The Acme Holdings ({gloss}) said so."
    candidates = [cand(text, "Acme Holdings", "organization")]
    if gloss == "New York":
        candidates.append(cand(text, "New York", "place"))
    entities = entities_of(make_article(text), candidates)
    assert by_name(entities, "Acme Holdings").aliases == ()


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


def test_websites_are_organizations() -> None:
    text = (
        "The news site zeit24.at reported it, as did Acme.com and News.com.au. "
        "Mail info@example.com or see https://example.org/page."
    )
    article = make_article(text)
    candidates = [cand(text, "News.com.au", "place")]
    entities = entities_of(article, candidates)
    assert {(e.name, e.type) for e in entities} == {
        ("zeit24.at", "organization"),
        ("Acme.com", "organization"),
        ("News.com.au", "organization"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met in Zarmi, Korlu's capital, on Sunday. Korlu's president spoke.",
        "Leaders met in Zarmi, the capital of Korlu, on Sunday. Korlu's president spoke.",
    ],
)
def test_a_capital_and_its_country_are_places(text: str) -> None:
    article = make_article(text)
    candidates = [
        cand(text, "Zarmi", "organization"),
        cand(text, "Korlu", "person"),
        cand(text, "Sunday", "date"),
        cand(text, "Korlu", "person", nth=2),
    ]
    types = {e.name: e.type for e in entities_of(article, candidates)}
    assert types["Zarmi"] == "place"
    if "Korlu's capital" in text:
        assert types["Korlu"] == "place"  # one vote each way: the first (place) wins


def test_a_numbered_flight_is_other_not_its_airline() -> None:
    text = "The recorder from Zephyr Air Flight 302 was found. Zephyr Air paid."
    candidates = [
        cand(text, "Zephyr Air Flight 302", "organization"),
        cand(text, "Zephyr Air", "organization", nth=2),
    ]
    types = {e.name: e.type for e in entities_of(make_article(text), candidates)}
    assert types == {"Zephyr Air Flight 302": "other", "Zephyr Air": "organization"}


def test_the_parent_of_a_subsidiary_named_after_a_place() -> None:
    text = (
        "The case was Smith vs. Chirpr Norland Limited. A Chirpr user in Norland posted. "
        "Chirpr said no."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Smith", "person"),
        cand(text, "Chirpr Norland Limited", "organization"),
        cand(text, "Norland", "place", nth=2),
    ]
    entities = entities_of(article, candidates)
    chirpr = by_name(entities, "Chirpr")
    assert (chirpr.type, len(chirpr.mentions)) == ("organization", 2)
    assert by_name(entities, "Chirpr Norland Limited").aliases == ()
    assert_well_formed(article, entities)


def test_no_parent_without_a_place_between() -> None:
    text = "Acme Widgets Limited grew. Acme said so."
    candidates = [cand(text, "Acme Widgets Limited", "organization")]
    assert "Acme" not in names(entities_of(make_article(text), candidates))


def test_a_law_the_model_missed_keeps_its_year() -> None:
    text = (
        "The bloc's Digital Markets Directive 2000 applies. This Agreement holds. In 2000 it began."
    )
    article = make_article(text)
    candidates = [cand(text, "2000", "date"), cand(text, "2000", "date", nth=2)]
    entities = entities_of(article, candidates)
    assert {(e.name, e.type) for e in entities} == {
        ("Digital Markets Directive 2000", "event"),
        ("2000", "date"),
    }


def test_no_person_is_the_x_network() -> None:
    text = "The suspects were linked to the Jamaat Ansar Bayt network. Sara Ansar spoke."
    article = make_article(text)
    candidates = [cand(text, "Ansar Bayt", "person"), cand(text, "Sara Ansar", "person")]
    entities = entities_of(article, candidates)
    group = by_name(entities, "Jamaat Ansar Bayt")
    assert group.type == "organization"
    assert by_name(entities, "Sara Ansar").type == "person"
    assert_well_formed(article, entities)


def test_untagged_name_before_district_is_a_place() -> None:
    text = (
        "Korvath district lies south. The Indian state of Zed grew. "
        "Korvath Divisional Manager Ana Lee said Korvath was calm."
    )
    article = make_article(text)
    candidates = [cand(text, "Ana Lee", "person")]
    entities = entities_of(article, candidates)
    korvath = by_name(entities, "Korvath")
    assert korvath.type == "place"
    # The "Korvath" of "Korvath Divisional Manager" is part of a longer name.
    assert [m.start for m in korvath.mentions] == [0, text.rindex("Korvath")]
    assert "Indian" not in names(entities)


def test_a_plural_title_covers_the_next_name() -> None:
    text = "On Sunday Presidents Tomas Verhoeven of Norland and Ada Lind of Sorland signed it."
    article = make_article(text)
    candidates = [
        cand(text, "Norland", "place"),
        cand(text, "Ada Lind", "organization"),  # the model's slip
        cand(text, "Sorland", "place"),
    ]
    types = {e.name: e.type for e in entities_of(article, candidates)}
    assert types["Tomas Verhoeven"] == "person"
    assert types["Ada Lind"] == "person"


def test_a_singular_title_does_not_cover_the_next_name() -> None:
    text = "President Tomas Verhoeven of Norland and Acme Shipping signed it."
    candidates = [cand(text, "Norland", "place"), cand(text, "Acme Shipping", "organization")]
    types = {e.name: e.type for e in entities_of(make_article(text), candidates)}
    assert types["Acme Shipping"] == "organization"


def test_longer_names_spread_first_whichever_entity_they_belong_to() -> None:
    text = "Korvath grew. The Korvath Division met. Later Korvath Division staff left Korvath."
    article = make_article(text)
    candidates = [
        cand(text, "Korvath", "place"),
        cand(text, "Korvath Division", "organization"),
    ]
    entities = entities_of(article, candidates)
    assert len(by_name(entities, "Korvath Division").mentions) == 2
    assert len(by_name(entities, "Korvath").mentions) == 2
    assert_well_formed(article, entities)
