"""The seed article through the real spaCy model and Gloss's rules.

Every fact here is something spaCy alone gets wrong or a reader would check in
the sidebar: CMCAMC under its long form, ADB found every time, BRI an event
and not a person, "Yu" merged into Yu Jianing, the dateline's date kept and
its "(TDI)" not taken for an acronym.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.entities import extract_entities, model_problem
from tui.ingest import read_path
from tui.models import Article, Entity

SEED = Path(__file__).resolve().parents[2] / "content" / "000_d50ad6537b36c490.txt"
CMCAMC_LONG = "China Mobile Communication Association Metaverse Committee"


@pytest.fixture(scope="module")
def article() -> Article:
    return read_path(SEED)[0]


@pytest.fixture(scope="module")
def entities(article: Article) -> list[Entity]:
    """Loads the model once for the module (about a second)."""
    [found] = extract_entities([article])
    return found


def holding(entities: list[Entity], form: str) -> list[Entity]:
    """Entities named `form` or having it as an alias."""
    return [e for e in entities if e.name == form or form in e.aliases]


def word_spans(text: str, word: str) -> set[tuple[int, int]]:
    return {m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?!\w)", text)}


def spans(entity: Entity) -> set[tuple[int, int]]:
    return {(m.start, m.end) for m in entity.mentions}


def test_the_model_is_there() -> None:
    assert model_problem() is None


def test_cmcamc_is_one_entity_under_its_long_form(article: Article, entities: list[Entity]) -> None:
    [cmcamc] = holding(entities, "CMCAMC")
    assert cmcamc.name == CMCAMC_LONG
    assert cmcamc.aliases == ("CMCAMC",)
    assert cmcamc.type == "organization"
    assert word_spans(article.text, "CMCAMC") <= spans(cmcamc)
    assert holding(entities, CMCAMC_LONG) == [cmcamc]


def test_adb_is_the_asia_digital_bank_everywhere(article: Article, entities: list[Entity]) -> None:
    [adb] = holding(entities, "ADB")
    assert (adb.name, adb.type, adb.aliases) == ("Asia Digital Bank", "organization", ("ADB",))
    # spaCy alone finds one "ADB" in three.
    assert word_spans(article.text, "ADB") <= spans(adb)
    assert holding(entities, "Asia Digital Bank") == [adb]


def test_bri_is_an_event_never_a_person(article: Article, entities: list[Entity]) -> None:
    [bri] = holding(entities, "BRI")
    assert (bri.name, bri.type, bri.aliases) == ("Belt & Road Initiative", "event", ("BRI",))
    assert word_spans(article.text, "BRI") <= spans(bri)
    assert not any("BRI" in (e.name, *e.aliases) for e in entities if e.type == "person")


def test_yu_joins_yu_jianing(article: Article, entities: list[Entity]) -> None:
    [yu] = holding(entities, "Yu")
    assert (yu.name, yu.type, yu.aliases) == ("Yu Jianing", "person", ("Yu",))
    assert article.text.index("Yu added") in {m.start for m in yu.mentions}
    assert [e.name for e in entities if e.type == "person"] == ["Yu Jianing"]


@pytest.mark.parametrize("name", ["Beijing", "Malaysia"])
def test_places(entities: list[Entity], name: str) -> None:
    [place] = holding(entities, name)
    assert place.type == "place"


def test_asean(entities: list[Entity]) -> None:
    assert len(holding(entities, "ASEAN")) == 1


def test_both_dates_and_the_dateline_is_not_an_acronym(
    article: Article, entities: list[Entity]
) -> None:
    dates = {e.name: e for e in entities if e.type == "date"}
    assert "24 February 2022" in dates and "October 15, 2021" in dates
    assert dates["24 February 2022"].mentions[0].start == article.text.index("24 February 2022")
    assert holding(entities, "TDI") == []
    assert not any(e.name.startswith(("the ", "The ")) for e in entities)


def test_back_reference_and_headline_phrase_are_not_entities(entities: list[Entity]) -> None:
    assert holding(entities, "Committee") == []
    assert holding(entities, "Digital Leadership") == []


def test_offsets_order_and_aliases_are_well_formed(
    article: Article, entities: list[Entity]
) -> None:
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
    seen: list[tuple[int, int]] = []
    for entity in entities:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for m in entity.mentions:
            assert article.text[m.start : m.end] == m.text
            assert not any(m.start < e and s < m.end for s, e in seen)
            seen.append((m.start, m.end))
        assert entity.name not in entity.aliases
        assert len(set(entity.aliases)) == len(entity.aliases)


def test_same_result_when_batched_with_other_articles(
    article: Article, entities: list[Entity]
) -> None:
    other = read_path(SEED)[0]
    batched = extract_entities([other, article, other])
    assert batched[1] == entities
