"""No debris in the sidebar: citation marks, bullets, code, table rows, links and brackets
that never close are cut off a name, or the name is dropped."""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import assert_well_formed, cand, make_article
from tui.entities.dates import is_calendar_date
from tui.entities.extractor import entities_of


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Moriori culture.[28][29", "Moriori culture"),
        ("• Haynsworth", "Haynsworth"),
        ("Middle (South Island", "Middle"),
        ("Australian[s", "Australian"),
        ("House of Representatives.[72", "House of Representatives"),
    ],
)
def test_a_name_is_cut_back_to_the_name(phrase: str, name: str) -> None:
    article = make_article(f"Reports name {phrase} again and again in the story.")
    text = article.text
    [entity] = entities_of(article, [cand(text, phrase, "organization")])
    assert entity.name == name
    assert_well_formed(article, [entity])


@pytest.mark.parametrize(
    "phrase",
    [
        "SessionManager').object('/org",
        "Name | Region | Pop",
        "I]t",
        "www.mbie.govt.nz",
        "doi:10.1111/pala.12284",
        "FYAqxDo='p",
        "Twitter @LucasNolan",
    ],
)
def test_what_is_no_name_at_all_is_dropped(phrase: str) -> None:
    article = make_article(f"Reports name {phrase} again and again in the story.")
    assert entities_of(article, [cand(article.text, phrase, "organization")]) == []


def test_a_name_with_an_apostrophe_or_a_website_stays_whole() -> None:
    article = make_article("D'Urville Island and Angie’s List and Snopes.com were named.")
    text = article.text
    found = entities_of(
        article,
        [
            cand(text, "D'Urville Island", "place"),
            cand(text, "Angie’s List", "organization"),
            cand(text, "Snopes.com", "organization"),
        ],
    )
    assert [e.name for e in found] == ["D'Urville Island", "Angie’s List", "Snopes.com"]


def test_a_phone_number_is_no_date() -> None:
    assert not is_calendar_date("02 9876 2010")
    assert not is_calendar_date("555-2010")
    assert is_calendar_date("12/05/2019") and is_calendar_date("2019/20")


@pytest.mark.parametrize(
    ("sentence", "span", "name"),
    [
        (
            "Crowds marked the “Orange Revolution” in Kyiv.",
            "Orange Revolution”",
            "Orange Revolution",
        ),
        (
            'Crowds marked the "Orange Revolution" in Kyiv.',
            'the "Orange Revolution',
            "Orange Revolution",
        ),
        (
            "Stalls near QVM [Queen Victoria Market] and towers.",
            "Queen Victoria Market] and",
            "Queen Victoria Market",
        ),
        ("Leaders met at the (Davos Agenda) talks.", "Davos Agenda)", "Davos Agenda"),
    ],
)
def test_a_quoted_or_bracketed_name_keeps_its_name(sentence: str, span: str, name: str) -> None:
    """A quote or bracket the model took half of is cut off, not the name with it: an event
    in quotes ("the “Orange Revolution”") stays in the sidebar, and "the" is no name."""
    article = make_article(sentence)
    found = entities_of(article, [cand(article.text, span, "event")])
    assert [(e.name, e.type) for e in found] == [(name, "event")]
    assert_well_formed(article, found)
