"""Clean-ups: what a reader should not see in the sidebar (tui/entities/cleanup.py).

A dateline's "(TDI)", a leading "the", a headline phrase, "the Committee" after the
committee's full name, clock times, a span over a paragraph break, two names glued
by "and". Made-up recogniser output (no model).
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
from tui.entities.acronyms import find_definitions
from tui.entities.extractor import entities_of


def test_dateline_source_is_metadata_not_an_acronym_or_entity() -> None:
    text = "Beijing 24 February 2022 (TDI): The Asia Digital Bank (ADB) opened in Beijing."
    article = make_article(text)
    candidates = [
        cand(text, "Beijing", "place", label="GPE"),
        cand(text, "24 February 2022", "date", label="DATE"),
        cand(text, "TDI", "organization", label="ORG"),
        cand(text, "The Asia Digital Bank", "organization", label="ORG"),
    ]
    entities = entities_of(article, candidates)
    assert "TDI" not in names(entities)
    assert [d.short for d in find_definitions(text)] == ["ADB"]
    beijing = by_name(entities, "Beijing")
    assert beijing.type == "place" and beijing.mentions[0].start == 0
    assert by_name(entities, "24 February 2022").type == "date"


def test_leading_the_and_possessive_are_not_part_of_a_name() -> None:
    text = "The Asia Digital Bank's office opened. The Asia Digital Bank grew."
    article = make_article(text)
    candidates = [
        cand(text, "The Asia Digital Bank's", "organization"),
        cand(text, "The Asia Digital Bank", "organization", nth=2),
    ]
    [bank] = entities_of(article, candidates)
    assert bank.name == "Asia Digital Bank"
    assert [m.text for m in bank.mentions] == ["Asia Digital Bank", "Asia Digital Bank"]


def test_heading_only_phrase_is_dropped_but_a_heading_mention_of_a_real_entity_stays() -> None:
    article = make_article(
        ("heading", "China's Vision to consolidate Digital Leadership"),
        "China paid attention to the Asia Digital Bank.",
        ("heading", "Cooperation with Asia Digital Bank"),
        "It will grow.",
    )
    text = article.text
    candidates = [
        cand(text, "China", "place"),
        cand(text, "Digital Leadership", "organization"),
        cand(text, "China", "place", nth=2),
        cand(text, "the Asia Digital Bank", "organization"),
    ]
    entities = entities_of(article, candidates)
    assert "Digital Leadership" not in names(entities)
    bank = by_name(entities, "Asia Digital Bank")
    assert len(bank.mentions) == 2  # the heading mention is kept once the entity is real


def test_one_word_back_reference_is_dropped() -> None:
    text = (
        "The China Mobile Communication Association Metaverse Committee met. "
        "Yu said the Committee will continue."
    )
    article = make_article(text)
    candidates = [
        cand(
            text, "The China Mobile Communication Association Metaverse Committee", "organization"
        ),
        cand(text, "Committee", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert "Committee" not in names(entities)
    assert (
        len(
            by_name(entities, "China Mobile Communication Association Metaverse Committee").mentions
        )
        == 1
    )


def test_this_committee_is_a_back_reference() -> None:
    text = "The Velland Appeals Court sat. This Court finds for Brandl, the judge said."
    article = make_article(text)
    candidates = [
        cand(text, "Velland Appeals Court", "organization"),
        cand(text, "Court", "organization", nth=2),
    ]
    assert types_of(entities_of(article, candidates)) == {"Velland Appeals Court": "organization"}


def test_clock_times_and_adjective_prefixes_are_not_entities() -> None:
    text = "It launched at 1922 UTC to boost intra-Africa trade."
    article = make_article(text)
    candidates = [
        cand(text, "1922", "date"),
        cand(text, "UTC", "organization"),
        cand(text, "intra-Africa", "organization"),
    ]
    assert entities_of(article, candidates) == []


def test_a_span_over_a_paragraph_break_is_no_name() -> None:
    text = 'He read "Notes and Orders"\n\nFollowing Brandl, the court sat. Kim Brandl left.'
    article = make_article(
        'He read "Notes and Orders"', "Following Brandl, the court sat. Kim Brandl left."
    )
    assert article.text == text
    candidates = [
        cand(text, 'Notes and Orders"\n\nFollowing Brandl', "other"),
        cand(text, "Kim Brandl", "person"),
    ]
    entities = entities_of(article, candidates)
    brandl = by_name(entities, "Kim Brandl")
    assert len(brandl.mentions) == 2  # the bare "Brandl" is spread to, not eaten
    assert "Notes and Orders" not in names(entities)
    assert_well_formed(article, entities)


def test_a_town_and_its_region_are_two_places() -> None:
    text = "The plane landed at Velda, Kaross after a storm."
    article = make_article(text)
    entities = entities_of(article, [cand(text, "Velda, Kaross", "place")])
    assert types_of(entities) == {"Velda": "place", "Kaross": "place"}


def test_two_names_joined_by_and_are_two_when_each_stands_alone() -> None:
    text = "Zolvo cut prices. Bramm did too. Zolvo and Bramm have a view, said a trader."
    article = make_article(text)
    candidates = [
        cand(text, "Zolvo", "organization"),
        cand(text, "Bramm", "organization"),
        cand(text, "Zolvo and Bramm", "other"),
    ]
    entities = entities_of(article, candidates)
    assert types_of(entities) == {"Zolvo": "organization", "Bramm": "organization"}
    assert [len(e.mentions) for e in entities] == [2, 2]
