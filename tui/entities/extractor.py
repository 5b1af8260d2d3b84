"""The pipeline, in order: recogniser, clean-ups, joins, acronyms, merging (see __init__.py)."""

from __future__ import annotations

from collections.abc import Sequence

from tui.entities.acronyms import find_definitions
from tui.entities.aliases import merge
from tui.entities.candidate import Candidate
from tui.entities.cleanup import (
    back_reference_words,
    clean_candidates,
    dateline_source,
    headings,
    in_headings,
    is_back_reference,
)
from tui.entities.dates import find_dates, french_dates, numeric_dates
from tui.entities.descriptions import describe
from tui.entities.joins import join_model_numbers, join_organizations, whole_names
from tui.entities.missed_names import (
    law_names,
    money_amounts,
    parent_organizations,
    places_before_area_words,
    website_names,
)
from tui.entities.recognizers import Recognizers
from tui.entities.titles import coordinated_names, names_after_titles, strip_titles
from tui.entities.versions import entity_language
from tui.entities.words import SENTENCE_WORDS
from tui.ingest.language import article_language
from tui.models import Article, Entity


def extract(articles: Sequence[Article], recognizers: Recognizers) -> list[list[Entity]]:
    """Entities of each article; the articles of one language go through its model in one
    batched pass; an article in a language without a model gets the rules alone."""
    languages = [language_of(article) for article in articles]
    found: list[list[Candidate] | None] = [None] * len(articles)
    for language in dict.fromkeys(languages):
        recognizer = recognizers.for_language(language)
        if recognizer is None or not recognizer.available:
            continue
        indices = [i for i, same in enumerate(languages) if same == language]
        spans = recognizer.recognize([articles[i].text for i in indices])
        for index, candidates in zip(indices, spans, strict=True):
            found[index] = candidates
    return [
        entities_of(
            article, _dates_without_model(article.text, language), model=False, language=language
        )
        if candidates is None
        else entities_of(article, candidates, language=language)
        for article, language, candidates in zip(articles, languages, found, strict=True)
    ]


def language_of(article: Article) -> str:
    """The language whose model and rules read the article: the stored one, checked against
    the text as at import (an article stored before languages were gets one here)."""
    return entity_language(article_language(article.text, article.language))


def _dates_without_model(text: str, language: str) -> list[Candidate]:
    """English dates written out on English pages, French ones on French pages, and numeric
    ones in any language."""
    if language == "en":
        return find_dates(text)
    return [*numeric_dates(text), *_written_dates(text, language)]


def _written_dates(text: str, language: str) -> list[Candidate]:
    """Dates written out in the words of a language the model finds none in (French)."""
    return french_dates(text) if language == "fr" else []


def entities_of(
    article: Article,
    candidates: Sequence[Candidate],
    *,
    model: bool = True,
    language: str = "en",
) -> list[Entity]:
    """The rule layer on one article's candidates (from the model, or dates by pattern).

    Without the model (`model=False`) only acronyms and dates are extracted:
    no person is guessed from a title alone. The rules that read English words
    (titles, "the retailer Acme", "the town of X") run on English articles only.
    """
    text = article.text
    english = language == "en"
    if model and not english:
        candidates = [*candidates, *numeric_dates(text), *_written_dates(text, language)]
    source = dateline_source(article)
    cleaned = clean_candidates(article, candidates, source)
    if not english:
        cleaned = _without_function_words(text, cleaned)
    if english:
        cleaned = strip_titles(text, cleaned)
    if model and english:
        cleaned = whole_names(text, cleaned)
        cleaned = describe(text, join_organizations(text, cleaned))
        cleaned = money_amounts(text, cleaned)
        cleaned = names_after_titles(text, website_names(text, cleaned))
        cleaned = coordinated_names(text, cleaned)
        cleaned = parent_organizations(text, law_names(text, cleaned))
        cleaned = places_before_area_words(text, cleaned)
    cleaned = join_model_numbers(text, cleaned)
    definitions = find_definitions(text, skip=[source] if source else [])
    names = [text[c.start : c.end] for c in cleaned] + [d.long for d in definitions]
    back_references = back_reference_words(names)
    cleaned = [c for c in cleaned if not is_back_reference(text, c, back_references)]
    drafts = merge(text, cleaned, definitions, english=english)
    heading_blocks = headings(article.blocks)
    entities: list[Entity] = []
    for draft in drafts:
        if all(in_headings(heading_blocks, start, end) for start, end in draft.spans):
            continue  # a headline phrase ("Digital Leadership"), not something the story names
        entities.append(draft.to_entity(text))
    return entities


def _without_function_words(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """No name of one function word: "Les", "Elle", "Deux" open sentences, they name nothing."""
    return [c for c in candidates if text[c.start : c.end].casefold() not in SENTENCE_WORDS]
