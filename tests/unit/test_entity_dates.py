"""Dates: only what a reader can place on a calendar stays a date.

Ages and document numbers, "yesterday", "this past Friday", a holiday the model
calls a date. Made-up recogniser output (no model).
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import (
    assert_well_formed,
    by_name,
    cand,
    make_article,
    names,
    types_of,
)
from tui.entities.dates import french_dates, is_calendar_date
from tui.entities.extractor import entities_of


@pytest.mark.parametrize(
    ("phrase", "is_date"),
    [
        ("67", False),  # "the mayor, 67, said": an age
        ("1430/2019", False),  # "resolution No. 1430/2019": a document number
        ("2011", True),
        ("2019/20", True),
        ("12/05/2019", True),
        ("March 4", True),
    ],
)
def test_numbers_alone_are_a_date_only_with_a_year(phrase: str, is_date: bool) -> None:
    assert is_calendar_date(phrase) is is_date


def test_only_calendar_dates_stay() -> None:
    text = "Yesterday, on Monday, after the last five years and 18 months, it opened in July 2019."
    article = make_article(text)
    candidates = [
        cand(text, "Yesterday", "date"),
        cand(text, "Monday", "date"),
        cand(text, "the last five years", "date"),
        cand(text, "18 months", "date"),
        cand(text, "July 2019", "date"),
    ]
    assert [e.name for e in entities_of(article, candidates)] == ["Monday", "July 2019"]


def test_this_past_and_this_coming_are_not_part_of_a_weekday() -> None:
    text = "This past Friday the board met; it meets again this coming Friday, the week of May 3."
    article = make_article(text)
    candidates = [
        cand(text, "This past Friday", "date"),
        cand(text, "this coming Friday", "date"),
        cand(text, "the week of May 3", "date"),
    ]
    entities = entities_of(article, candidates)
    friday = by_name(entities, "Friday")
    assert [m.text for m in friday.mentions] == ["Friday", "Friday"]
    assert "May 3" in names(entities)
    assert_well_formed(article, entities)


def test_a_holiday_the_model_calls_a_date_is_an_event() -> None:
    text = "Shops closed for Founders Day and for the long weekend."
    article = make_article(text)
    candidates = [cand(text, "Founders Day", "date"), cand(text, "the long weekend", "date")]
    assert types_of(entities_of(article, candidates)) == {"Founders Day": "event"}


def test_french_dates_written_out_are_found_without_their_article() -> None:
    text = (
        "Le sommet a eu lieu le 24 février 2022 à Paris. Il reprendra le 3 mars, puis "
        "le 1er janvier. En mars 2021, rien. Le 32 mars et 12 martiens ne sont pas des dates."
    )
    found = [text[c.start : c.end] for c in french_dates(text)]
    assert found == ["24 février 2022", "3 mars", "1er janvier", "mars 2021"]


def test_a_french_weekday_is_a_date_and_part_of_the_date_it_opens() -> None:
    """As in English ("Tuesday 5 May", "Friday"), by the gold's guidelines."""
    text = (
        "Il a annoncé mardi 5 mai que le pont rouvrirait. Lundi 24 février, rien. "
        "Il a plu vendredi."
    )
    found = [text[c.start : c.end] for c in french_dates(text)]
    assert found == ["mardi 5 mai", "Lundi 24 février", "vendredi"]
    assert is_calendar_date("vendredi") and is_calendar_date("mardi 5 mai")
