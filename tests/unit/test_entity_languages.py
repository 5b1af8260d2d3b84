"""One model per language: French pages are read by the French model, pages in a language
without a model get only acronyms and numeric dates, never the English model's guesses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.data_paths import READABILITY, data_file
from tests.unit.entity_helpers import assert_well_formed, make_article, types_of
from tui.entities import extract_entities
from tui.entities.recognizer import Recognizer
from tui.entities.recognizers import MODEL_NAMES
from tui.entities.words import SENTENCE_WORDS
from tui.ingest import read_path
from tui.models import Article, Entity

PAGES = data_file(READABILITY)

pytestmark = pytest.mark.xdist_group("spacy")


def page(case: str) -> Article:
    [article] = read_path(PAGES / case / "source.html")
    return article


def test_a_french_page_gets_french_names_and_no_function_word() -> None:
    article = page("lemonde-1")
    [entities] = extract_entities([article])
    assert_well_formed(article, entities)
    types = types_of(entities)
    assert types["François Hollande"] == "person"
    assert types["Assemblée nationale"] == "organization"
    assert not [e.name for e in entities if e.name.casefold() in SENTENCE_WORDS]


def test_the_english_model_is_not_run_on_a_czech_page() -> None:
    article = page("aktualne")
    english = Recognizer(MODEL_NAMES["en"], parallel=False).recognize([article.text])[0]
    assert len(english) > 5  # what the sidebar showed before: English guesses on Czech
    [entities] = extract_entities([article])
    assert entities == []


def test_another_language_keeps_acronym_definitions_and_numeric_dates() -> None:
    article = replace(
        make_article(
            "Evropská centrální banka (ECB) oznámila 2022-02-24, že ECB zvýší sazby. "
            "Schůze proběhne 15.03.2022 v Praze, řekl mluvčí banky na tiskové konferenci."
        ),
        language="cs",
    )
    [entities] = extract_entities([article])
    assert_well_formed(article, entities)
    assert {(e.name, e.type, e.aliases) for e in entities} == {
        ("Evropská centrální banka", "other", ("ECB",)),  # no model to type it
        ("2022-02-24", "date", ()),
        ("15.03.2022", "date", ()),
    }


def test_a_french_page_gets_its_dates_written_out_in_french() -> None:
    """The French model has no DATE label: the rule layer finds French dates."""
    entities = french_entities(
        "Le gouvernement français a présenté le 24 février 2022 un projet de loi sur "
        "l'énergie. Le texte sera examiné par l'Assemblée nationale le 3 mars, puis par "
        "le Sénat avant le 1er janvier. Les premières mesures datent de mars 2021, "
        "selon le ministère de la Transition écologique."
    )
    dates = {e.name for e in entities if e.type == "date"}
    assert dates == {"24 février 2022", "3 mars", "1er janvier", "mars 2021"}


def test_french_date_words_are_no_date_on_an_english_page() -> None:
    article = replace(
        make_article(
            "The poster in the Lyon office read 'fermé le 3 mars' and nobody in the team "
            "could say why. The manager said the office would stay open all spring."
        ),
        language="en",
    )
    [entities] = extract_entities([article])
    assert "3 mars" not in {e.name for e in entities}


def test_a_french_page_dates_its_weekdays_as_an_english_page_does() -> None:
    """The model reads "Lundi 24" as a name; the date it opens is one date, weekday included."""
    entities = french_entities(
        "Lundi 24 février, le conseil municipal s'est réuni à Lyon pour voter le budget. "
        "Le maire a annoncé mardi 5 mai que le pont rouvrirait, et les travaux ont repris "
        "vendredi sous la pluie."
    )
    dates = {e.name for e in entities if e.type == "date"}
    assert dates == {"Lundi 24 février", "mardi 5 mai", "vendredi"}
    assert "Lundi 24" not in {e.name for e in entities}


def french_entities(text: str) -> list[Entity]:
    """The entities of a French page of this text, checked to be well formed."""
    article = replace(make_article(text), language="fr")
    [entities] = extract_entities([article])
    assert_well_formed(article, entities)
    return entities
