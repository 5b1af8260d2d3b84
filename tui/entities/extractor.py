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
from tui.entities.dates import find_dates
from tui.entities.descriptions import describe
from tui.entities.joins import join_model_numbers, join_organizations, whole_names
from tui.entities.missed_names import (
    law_names,
    money_amounts,
    parent_organizations,
    places_before_area_words,
    website_names,
)
from tui.entities.recognizer import Recognizer
from tui.entities.titles import coordinated_names, names_after_titles, strip_titles
from tui.models import Article, Entity


def extract(articles: Sequence[Article], recognizer: Recognizer) -> list[list[Entity]]:
    """Entities of each article; all articles go through the model in one batched pass."""
    found = recognizer.recognize([article.text for article in articles])
    fallback = not recognizer.available
    return [
        entities_of(article, find_dates(article.text), model=False)
        if fallback
        else entities_of(article, candidates)
        for article, candidates in zip(articles, found, strict=True)
    ]


def entities_of(
    article: Article, candidates: Sequence[Candidate], *, model: bool = True
) -> list[Entity]:
    """The rule layer on one article's candidates (from the model, or dates by pattern).

    Without the model (`model=False`) only acronyms and dates are extracted:
    no person is guessed from a title alone.
    """
    text = article.text
    source = dateline_source(article)
    cleaned = strip_titles(text, clean_candidates(article, candidates, source))
    if model:
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
    drafts = merge(text, cleaned, definitions)
    heading_blocks = headings(article.blocks)
    entities: list[Entity] = []
    for draft in drafts:
        if all(in_headings(heading_blocks, start, end) for start, end in draft.spans):
            continue  # a headline phrase ("Digital Leadership"), not something the story names
        entities.append(draft.to_entity(text))
    return entities
