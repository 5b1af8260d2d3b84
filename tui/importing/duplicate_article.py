"""An article an import skipped because the library (or the same run) already has it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.models import Article

Sameness = Literal["same text", "same URL", "similar text"]
""""similar text": nearly the same text met in one import (a page and its reader-view copy)."""


@dataclass(frozen=True, slots=True)
class DuplicateArticle:
    """The skipped article, the id of the one kept in its place, and what they share.

    The id of the kept article is what a user needs (`gloss show ID`); the
    skipped article's own id is never stored, so it is not reported.
    """

    article: Article
    duplicate_of: str
    same: Sameness

    @property
    def source(self) -> str:
        """The file it came from ("<stdin>" for standard input)."""
        return self.article.origin or ""
