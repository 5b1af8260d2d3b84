"""Named entities of articles: spaCy's recogniser plus Gloss's own rules.

spaCy is imported lazily, the first time an article is processed, and the rule
layer when entities are first extracted: importing this package (the CLI does,
the reader imports `versions`) must stay fast. Without the model, acronyms and
dates are still extracted, and `model_problem()` says why the rest is missing.

The pipeline, in the order `extractor.entities_of` runs it:

0. `extractor.language_of`: the article's language (`tui.ingest.language`);
   `recognizers` gives the model made for it (English, French) or none, and
   the rules that read English words run on English pages only.

1. `recognizer`: spaCy's spans as typed `Candidate`s (`labels` maps its labels);
   without a model, `dates` finds calendar dates by pattern instead.
   On French pages `dates.french_dates` adds the dates written out in French
   (the French model has no DATE label).
2. `cleanup`: trim each span ("the", "'s"), drop what is no name (clock times,
   "yesterday", a dateline's source, lower-case words), type it by its context
   (`kinds`); `titles` cuts a title off a name.
3. Model only: `joins` (names the model cut short or in two), `descriptions`
   ("the retailer Acme"), `missed_names` (money, websites, laws, places, parent
   companies the model did not tag), `titles` (names after a title).
4. `joins.join_model_numbers` ("Boeing 737 Max"), with or without the model.
5. `acronyms`: the article's own "Long Form (LF)" definitions; a one-word
   back-reference ("the Committee") is dropped (`cleanup`).
6. `aliases.merge`: mentions into entities (acronyms, surnames, suffixes,
   `plurals`), then `spread` (a name found once is found everywhere), then
   each entity's final type (`kinds.settled_type`); headline-only phrases go.

Where a new rule goes: a word in a list -> `words`; a decision of type ->
`kinds`; a span widened or two joined -> `joins`; a name the model missed ->
`missed_names`; two entities that are one -> `aliases`; then call it from
`extractor.entities_of` at its place above, add a test in
tests/unit/test_entity_<subject>.py, and bump `versions.EXTRACTOR_VERSION`
so `gloss reindex` redoes stored entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.entities.versions import EXTRACTOR_VERSION, NO_MODEL_SUFFIX
from tui.models import Article, Entity

if TYPE_CHECKING:
    from tui.entities.recognizers import Recognizers


_recognizers: Recognizers | None = None


def _shared_recognizers() -> Recognizers:
    global _recognizers
    if _recognizers is None:
        from tui.entities.recognizers import Recognizers

        _recognizers = Recognizers()
    return _recognizers


def extract_entities(articles: Sequence[Article]) -> list[list[Entity]]:
    """One entity list per article, in order of first mention; mentions sorted by start.

    Mention offsets are code points into `article.text`. The articles of one
    language go through its spaCy model's `nlp.pipe` in one batch (English and
    French; any other language gets acronyms and numeric dates only).
    """
    if not articles:
        return []
    from tui.entities.extractor import extract

    return extract(articles, _shared_recognizers())


def model_problem() -> str | None:
    """None when the spaCy model works; else one line saying what is missing (loads the model)."""
    return _shared_recognizers().problem


__all__ = ["EXTRACTOR_VERSION", "NO_MODEL_SUFFIX", "extract_entities", "model_problem"]
