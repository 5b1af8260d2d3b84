"""Titles before names: "President Tomas Verhoeven", "my Loco Pilot Karla".

Made-up recogniser output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article
from tui.entities.extractor import entities_of


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
