"""Joining passes: one name where the model cut it short or in two (tui/entities/joins.py).

Model numbers and flights, hyphenated surnames, generation suffixes, legal forms.
Made-up recogniser output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article, types_of
from tui.entities.extractor import entities_of


def test_model_number_makes_a_product() -> None:
    text = "A Falcon 9 rocket and the new Boeing 737 Max flew."
    article = make_article(text)
    candidates = [
        cand(text, "Falcon", "organization"),
        cand(text, "Boeing", "organization"),
        cand(text, "Max", "person"),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.type) for e in entities] == [
        ("Falcon 9", "other"),
        ("Boeing 737 Max", "other"),
    ]


def test_number_before_a_person_is_a_product_but_a_year_is_not() -> None:
    text = "A flaw on the 737 Max was found. In 2019 Jo Biden said so."
    article = make_article(text)
    candidates = [cand(text, "Max", "person"), cand(text, "Jo Biden", "person")]
    entities = entities_of(article, candidates)
    assert [(e.name, e.type) for e in entities] == [("737 Max", "other"), ("Jo Biden", "person")]


def test_a_numbered_flight_is_other_not_its_airline() -> None:
    text = "The recorder from Zephyr Air Flight 302 was found. Zephyr Air paid."
    candidates = [
        cand(text, "Zephyr Air Flight 302", "organization"),
        cand(text, "Zephyr Air", "organization", nth=2),
    ]
    types = {e.name: e.type for e in entities_of(make_article(text), candidates)}
    assert types == {"Zephyr Air Flight 302": "other", "Zephyr Air": "organization"}


def test_a_lower_case_flight_is_other_and_its_number_no_date() -> None:
    text = "Zephyr Air flight 802 landed late. Zephyr Air apologised."
    article = make_article(text)
    candidates = [
        cand(text, "Zephyr Air", "organization"),
        cand(text, "802", "date"),
        cand(text, "Zephyr Air", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert types_of(entities) == {"Zephyr Air flight 802": "other", "Zephyr Air": "organization"}


def test_a_hyphenated_surname_cut_short_is_the_whole_word() -> None:
    text = "Premier Kaso Ban-o-rak spoke. Rivals ran against Ban-o-rak; Yemen-based groups too."
    article = make_article(text)
    candidates = [
        cand(text, "Kaso Ban-o-rak", "person"),
        cand(text, "Ban", "person", nth=2),
        cand(text, "Yemen", "place"),
    ]
    entities = entities_of(article, candidates)
    person = by_name(entities, "Kaso Ban-o-rak")
    assert person.aliases == ("Ban-o-rak",)
    assert by_name(entities, "Yemen").mentions[0].text == "Yemen"


def test_a_generation_suffix_is_part_of_the_name_and_the_surname_still_joins() -> None:
    text = "Lawyer Kim R. Brandl, Jr. filed it. District Attorney Brandl's office agreed."
    article = make_article(text)
    candidates = [
        cand(text, "Kim R. Brandl", "person"),
        cand(text, "Brandl", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.type, e.aliases) for e in entities] == [
        ("Kim R. Brandl, Jr.", "person", ("Brandl",))
    ]


def test_a_legal_form_makes_an_organization_and_joins_the_name_before_it() -> None:
    text = "Zolvo Ipari Kft. (Zolvo Limited) bought it. Zolvo's loan was secret."
    article = make_article(text)
    candidates = [
        cand(text, "Zolvo", "organization"),
        cand(text, "Ipari Kft", "person"),
        cand(text, "Zolvo Limited", "organization"),
        cand(text, "Zolvo", "organization", nth=3),
    ]
    entities = entities_of(article, candidates)
    [zolvo] = entities
    assert (zolvo.name, zolvo.type) == ("Zolvo Ipari Kft.", "organization")
    assert set(zolvo.aliases) == {"Zolvo Limited", "Zolvo"}
    assert_well_formed(article, entities)


def test_a_legal_form_at_the_end_of_a_sentence_keeps_no_full_stop() -> None:
    text = "It was sold to Bramm Corp. The rest stayed."
    entities = entities_of(make_article(text), [cand(text, "Bramm Corp", "person")])
    assert types_of(entities) == {"Bramm Corp": "organization"}


def test_a_place_right_before_an_organization_is_part_of_its_name() -> None:
    text = "The Velland District Court ruled on it."
    article = make_article(text)
    candidates = [cand(text, "Velland", "place"), cand(text, "District Court", "organization")]
    assert types_of(entities_of(article, candidates)) == {"Velland District Court": "organization"}
