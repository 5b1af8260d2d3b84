"""Merging that respects types: a place never folds into an organization or a person, a
name run together with another is split, plurals and spacing variants join, a generic
word alone names nothing. Made-up recogniser output (no model)."""

from __future__ import annotations

from tests.unit.entity_helpers import assert_well_formed, by_name, cand, make_article, types_of
from tui.entities.extractor import entities_of


def test_a_country_does_not_fold_into_a_company_named_after_it() -> None:
    text = "The New Zealand Company sent ships. New Zealand was far. New Zealand grew."
    article = make_article(text)
    candidates = [
        cand(text, "New Zealand Company", "organization"),
        cand(text, "New Zealand", "place", nth=2),
        cand(text, "New Zealand", "place", nth=3),
    ]
    entities = entities_of(article, candidates)
    assert_well_formed(article, entities)
    assert by_name(entities, "New Zealand").type == "place"
    assert by_name(entities, "New Zealand Company").aliases == ()


def test_a_place_is_not_the_first_name_of_a_person() -> None:
    text = "Auckland Coastguard said the boat sank. Auckland is a city. Auckland grew."
    article = make_article(text)
    candidates = [
        cand(text, "Auckland Coastguard", "person"),
        cand(text, "Auckland", "place", nth=2),
        cand(text, "Auckland", "place", nth=3),
    ]
    entities = entities_of(article, candidates)
    assert by_name(entities, "Auckland").type == "place"
    assert by_name(entities, "Auckland Coastguard").aliases == ()


def test_a_surname_the_model_called_an_organization_still_joins_its_person() -> None:
    text = "Judge Victor Marrero ruled. Marrero wrote that the order stands."
    article = make_article(text)
    candidates = [
        cand(text, "Victor Marrero", "person"),
        cand(text, "Marrero", "organization", nth=2),
    ]
    [marrero] = entities_of(article, candidates)
    assert (marrero.name, marrero.type, marrero.aliases) == (
        "Victor Marrero",
        "person",
        ("Marrero",),
    )


def test_a_person_run_together_with_a_place_is_split() -> None:
    text = (
        "Carrie Lam spoke in Hong Kong. Protesters in Hong Kong Carrie Lam said would be "
        "heard. Hong Kong was calm."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Carrie Lam", "person"),
        cand(text, "Hong Kong", "place"),
        cand(text, "Hong Kong Carrie Lam", "place"),
        cand(text, "Hong Kong", "place", nth=3),
    ]
    entities = entities_of(article, candidates)
    assert_well_formed(article, entities)
    assert types_of(entities) == {"Carrie Lam": "person", "Hong Kong": "place"}
    assert by_name(entities, "Carrie Lam").count == 2
    assert by_name(entities, "Hong Kong").count == 3


def test_plural_and_spacing_variants_join() -> None:
    text = "The Houthi movement grew. The Houthis fired. MarineTraffic and Marine Traffic agree."
    article = make_article(text)
    candidates = [
        cand(text, "Houthi", "organization"),
        cand(text, "Houthis", "organization"),
        cand(text, "MarineTraffic", "organization"),
        cand(text, "Marine Traffic", "organization"),
    ]
    entities = entities_of(article, candidates)
    assert_well_formed(article, entities)
    unspaced = {("".join(e.name.split()).removesuffix("s"), e.count) for e in entities}
    assert unspaced == {("Houthi", 2), ("MarineTraffic", 2)}
    assert len(entities) == 2


def test_a_generic_word_alone_joins_its_one_name_or_goes() -> None:
    text = "CentOS Stream ships. Stream is new. The Council met. The State agreed."
    article = make_article(text)
    candidates = [
        cand(text, "CentOS Stream", "other"),
        cand(text, "Stream", "organization", nth=2),
        cand(text, "Council", "organization"),
        cand(text, "State", "organization"),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.count) for e in entities] == [("CentOS Stream", 2)]
