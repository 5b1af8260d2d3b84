"""Named entities of articles: spaCy's recogniser plus Gloss's own rules.

spaCy is imported lazily, the first time an article is processed, and the rule
layer when entities are first extracted: the reader imports this package for
EXTRACTOR_VERSION and must start fast. Without the model, acronyms and dates are still
extracted, and `model_problem()` says why the rest is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.entities.versions import EXTRACTOR_VERSION, NO_MODEL_SUFFIX
from tui.models import Article, Entity

if TYPE_CHECKING:
    from tui.entities.recognizer import Recognizer


_recognizer: Recognizer | None = None


def _shared_recognizer() -> Recognizer:
    global _recognizer
    if _recognizer is None:
        from tui.entities.recognizer import Recognizer

        _recognizer = Recognizer()
    return _recognizer


def extract_entities(articles: Sequence[Article]) -> list[list[Entity]]:
    """One entity list per article, in order of first mention; mentions sorted by start.

    Mention offsets are code points into `article.text`. All articles go
    through spaCy's `nlp.pipe` in one batch.
    """
    if not articles:
        return []
    from tui.entities.extractor import extract

    return extract(articles, _shared_recognizer())


def model_problem() -> str | None:
    """None when the spaCy model works; else one line saying what is missing (loads the model)."""
    return _shared_recognizer().problem


__all__ = ["EXTRACTOR_VERSION", "NO_MODEL_SUFFIX", "extract_entities", "model_problem"]
