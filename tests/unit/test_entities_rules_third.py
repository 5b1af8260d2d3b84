"""The third round of rules, with made-up recogniser output (no model).

What the article says a name is ("the retailer Zolvo", "Jo Brandl, a
lawyer"), one-word "persons" that are shops, names the model cut in two or
glued together, dates that are ages or document numbers, amounts it missed.
Every name and text here is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.test_entities_rules import assert_well_formed, by_name, cand, make_article, names
from tui.entities.dates import is_calendar_date
from tui.entities.descriptions import described_type
from tui.entities.extractor import entities_of
from tui.models import Entity, EntityType


def types_of(entities: list[Entity]) -> dict[str, EntityType]:
    return {e.name: e.type for e in entities}


# --- dates -------------------------------------------------------------------------------------


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


# --- flights, code names, amounts ----------------------------------------------------------


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


@pytest.mark.parametrize("code", ["ZQV-19", "Kx-35"])
def test_letters_hyphen_number_is_other(code: str) -> None:
    text = f"Fears of {code} grew in Lisbon."
    article = make_article(text)
    candidates = [cand(text, code, "organization"), cand(text, "Lisbon", "place")]
    assert types_of(entities_of(article, candidates)) == {code: "other", "Lisbon": "place"}


def test_an_amount_written_with_the_currency_name_is_money() -> None:
    text = "The bond covered a 12.5 million euro loan and 300 dollars of fees."
    entities = entities_of(make_article(text), [])
    assert types_of(entities) == {"12.5 million euro": "money", "300 dollars": "money"}


# --- spans the model cut or glued ------------------------------------------------------------


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


def test_an_organization_and_its_name_with_a_head_noun_are_one() -> None:
    text = "The Kovo Unity Party withdrew. The Kovo Unity party complied."
    article = make_article(text)
    candidates = [
        cand(text, "Kovo Unity Party", "organization"),
        cand(text, "Kovo Unity", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.aliases) for e in entities] == [("Kovo Unity Party", ("Kovo Unity",))]


def test_this_committee_is_a_back_reference() -> None:
    text = "The Velland Appeals Court sat. This Court finds for Brandl, the judge said."
    article = make_article(text)
    candidates = [
        cand(text, "Velland Appeals Court", "organization"),
        cand(text, "Court", "organization", nth=2),
    ]
    assert types_of(entities_of(article, candidates)) == {"Velland Appeals Court": "organization"}


# --- what the article says a name is -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Prices rose at the supermarket Zolvo last week.", "Zolvo", "organization"),
        ("The actress Mira Kell said no.", "Mira Kell", "person"),
        ("A student named Kell said no.", "Kell", "person"),
        ("Mira Kell, a company spokesperson, said no.", "Mira Kell", "person"),
        ("Zolvo, a cybersecurity firm, said no.", "Zolvo", "organization"),
        ("Zolvo, the retailer based in Lisbon, said no.", "Zolvo", "organization"),
        (
            "Mira Kell, the Velland Government commissioner responsible for it, spoke.",
            "Mira Kell",
            "person",
        ),
        ("Mira Kell, a spokesperson for the firm, said no.", "Mira Kell", "person"),
        ("Dr Kell of Zolvo, a chemistry researcher, said no.", "Zolvo", None),
        ("Zolvo, backed by Kell, is the first company to do it.", "Kell", None),
        ("Zolvo said no.", "Zolvo", None),
    ],
)
def test_what_the_words_around_a_name_say_it_is(sentence: str, name: str, kind: str | None) -> None:
    start = sentence.index(name)
    assert described_type(sentence, start, start + len(name)) == kind


def test_a_description_outvotes_the_model_for_every_mention() -> None:
    text = (
        "Shoppers queued at the retailer Zolvo. Zolvo said stock was low. Zolvo's shelves emptied."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Zolvo", "person"),
        cand(text, "Zolvo", "person", nth=2),
        cand(text, "Zolvo", "place", nth=3),
    ]
    [zolvo] = entities_of(article, candidates)
    assert (zolvo.name, zolvo.type, len(zolvo.mentions)) == ("Zolvo", "organization", 3)


# --- one-word "persons" ---------------------------------------------------------------------------


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
