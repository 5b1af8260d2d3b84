"""Typing decisions: a name's type past the model's guess (tui/entities/kinds.py).

Places the words around a name give, "the X network", code names, brands the
model calls persons, one-word "persons" that are shops. Made-up recogniser
output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article, types_of
from tui.entities.extractor import entities_of


def test_words_around_a_name_can_say_it_is_a_place() -> None:
    text = "He visited the town of Pandeglang, then reached KSR Bangalore station by Acme Corp."
    article = make_article(text)
    candidates = [
        cand(text, "Pandeglang", "organization"),
        cand(text, "KSR Bangalore", "organization"),
        cand(text, "Acme Corp", "organization"),
    ]
    types = {e.name: e.type for e in entities_of(article, candidates)}
    assert types == {"Pandeglang": "place", "KSR Bangalore": "place", "Acme Corp": "organization"}


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


def test_no_person_is_the_x_network() -> None:
    text = "The suspects were linked to the Jamaat Ansar Bayt network. Sara Ansar spoke."
    article = make_article(text)
    candidates = [cand(text, "Ansar Bayt", "person"), cand(text, "Sara Ansar", "person")]
    entities = entities_of(article, candidates)
    group = by_name(entities, "Jamaat Ansar Bayt")
    assert group.type == "organization"
    assert by_name(entities, "Sara Ansar").type == "person"
    assert_well_formed(article, entities)


@pytest.mark.parametrize("code", ["ZQV-19", "Kx-35"])
def test_letters_hyphen_number_is_other(code: str) -> None:
    text = f"Fears of {code} grew in Lisbon."
    article = make_article(text)
    candidates = [cand(text, code, "organization"), cand(text, "Lisbon", "place")]
    assert types_of(entities_of(article, candidates)) == {code: "other", "Lisbon": "place"}


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


def test_a_one_word_person_never_named_in_full_is_an_organization() -> None:
    text = "Zolvo cut its limit. Shoppers thanked Zolvo. A daily printed in Bramm agreed."
    article = make_article(text)
    candidates = [
        cand(text, "Zolvo", "person"),
        cand(text, "Zolvo", "person", nth=2),
        cand(text, "Bramm", "person"),
    ]
    assert types_of(entities_of(article, candidates)) == {"Zolvo": "organization", "Bramm": "place"}


def test_a_one_word_person_after_a_title_or_named_in_full_stays_a_person() -> None:
    text = "Minister Kasoro spoke. Mira Kell agreed. Mira said more later."
    article = make_article(text)
    candidates = [
        cand(text, "Kasoro", "person"),
        cand(text, "Mira Kell", "person"),
        cand(text, "Mira", "person", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert by_name(entities, "Kasoro").type == "person"
    assert by_name(entities, "Mira Kell").type == "person"
    assert all(e.type == "person" for e in entities)


def test_an_organization_always_after_in_is_a_place() -> None:
    text = "Tourists were stranded in Crete. Flights in Crete resumed; Parliament met in Athens."
    article = make_article(text)
    candidates = [
        cand(text, "Crete", "organization"),
        cand(text, "Crete", "organization", nth=2),
        cand(text, "Parliament", "organization"),
    ]
    types = types_of(entities_of(article, candidates))
    assert types == {"Crete": "place", "Parliament": "organization"}
