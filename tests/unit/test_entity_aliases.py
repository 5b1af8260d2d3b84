"""Alias merging and spreading: one entity per thing, every mention found.

Surnames, initials, corporate suffixes, a name in parentheses, plurals, and a
name found once found everywhere. Made-up recogniser output (no model).
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article, names
from tui.entities.extractor import entities_of


def test_surname_joins_the_full_name() -> None:
    text = "Yu Jianing, executive director, spoke. Yu added that more would come."
    article = make_article(text)
    candidates = [
        cand(text, "Yu Jianing", "person", label="PERSON"),
        cand(text, "Yu", "person", nth=2, label="PERSON"),
    ]
    [yu] = entities_of(article, candidates)
    assert (yu.name, yu.type, yu.aliases) == ("Yu Jianing", "person", ("Yu",))
    assert len(yu.mentions) == 2


def test_surname_the_model_missed_still_joins() -> None:
    text = "NASA Administrator Jim Bridenstine spoke. Bridenstine remarked it went well."
    article = make_article(text)
    candidates = [cand(text, "Jim Bridenstine", "person", label="PERSON")]
    [jim] = [e for e in entities_of(article, candidates) if e.type == "person"]
    assert jim.aliases == ("Bridenstine",)
    assert len(jim.mentions) == 2


def test_surname_shared_by_two_people_stays_apart() -> None:
    text = "Dave Lewis and Michael Lewis met. Lewis said no."
    article = make_article(text)
    candidates = [
        cand(text, "Dave Lewis", "person"),
        cand(text, "Michael Lewis", "person"),
        cand(text, "Lewis", "person", nth=3),
    ]
    entities = entities_of(article, candidates)
    assert by_name(entities, "Dave Lewis").aliases == ()
    assert by_name(entities, "Michael Lewis").aliases == ()


def test_initials_join_the_one_name_they_abbreviate_in_the_article() -> None:
    text = "It flew from the United States. The US flag and a U.S. citizen."
    article = make_article(text)
    candidates = [
        cand(text, "the United States", "place"),
        cand(text, "US", "place"),
        cand(text, "U.S.", "place"),
    ]
    [usa] = entities_of(article, candidates)
    assert usa.name == "United States"
    assert set(usa.aliases) == {"US", "U.S."}


def test_a_shorter_tail_of_one_longer_name_joins_it() -> None:
    text = "The new Boeing 737 Max flew. The 737 Max had a flaw."
    article = make_article(text)
    candidates = [cand(text, "Boeing", "organization"), cand(text, "737 Max", "other", nth=2)]
    [plane] = entities_of(article, candidates)
    assert (plane.name, plane.aliases) == ("Boeing 737 Max", ("737 Max",))


def test_corporate_suffix_merge_and_same_spelling_majority_type() -> None:
    text = "Mahan Air was banned. Mahan flies to Syria. Mahan's permit was suspended."
    article = make_article(text)
    candidates = [
        cand(text, "Mahan Air", "organization"),
        cand(text, "Mahan", "person", nth=2),
        cand(text, "Syria", "place"),
    ]
    entities = entities_of(article, candidates)
    mahan = by_name(entities, "Mahan Air")
    assert mahan.aliases == ("Mahan",)
    assert len(mahan.mentions) == 3
    assert_well_formed(article, entities)


def test_an_organization_and_its_name_with_a_head_noun_are_one() -> None:
    text = "The Kovo Unity Party withdrew. The Kovo Unity party complied."
    article = make_article(text)
    candidates = [
        cand(text, "Kovo Unity Party", "organization"),
        cand(text, "Kovo Unity", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.aliases) for e in entities] == [("Kovo Unity Party", ("Kovo Unity",))]


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
