"""Names the model missed, found by their form (tui/entities/missed_names.py).

Amounts with a currency's name, websites, laws with their year, places before
"district", the parent company inside a subsidiary's name. Made-up recogniser
output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

from tests.unit.entity_helpers import (
    assert_well_formed,
    by_name,
    cand,
    make_article,
    names,
    types_of,
)
from tui.entities.extractor import entities_of


def test_an_amount_written_with_the_currency_name_is_money() -> None:
    text = "The bond covered a 12.5 million euro loan and 300 dollars of fees."
    entities = entities_of(make_article(text), [])
    assert types_of(entities) == {"12.5 million euro": "money", "300 dollars": "money"}


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


def test_a_bill_the_model_missed_is_an_event_and_a_first_name_bill_is_not() -> None:
    text = "Congress passed the Northern Rivers Bill on Monday. Senator Bill Ames voted no."
    article = make_article(text)
    entities = entities_of(
        article, [cand(text, "Northern Rivers", "place"), cand(text, "Monday", "date")]
    )
    assert {(e.name, e.type) for e in entities} == {
        ("Northern Rivers Bill", "event"),
        ("Monday", "date"),
        ("Bill Ames", "person"),  # after a title: a person, never "Senator Bill"
    }


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
