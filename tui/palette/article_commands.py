"""Command palette entries that open an article by its title.

The palette reads `help` strings as markup, so article fields are escaped; and
Textual's `Matcher.highlight` parses its candidate as markup, so labels are
highlighted here, on plain Content, instead.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from tui.ingest.clean import defused
from tui.models import ArticleSummary

if TYPE_CHECKING:
    from tui.app import GlossApp


def highlight(matcher: Matcher, label: str) -> Content:
    """The label with the matched characters styled, its text never read as markup."""
    label = defused(label, one_line=True)  # same length: the match offsets stay right
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if not score:
        return content
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def below_commands(score: float) -> float:
    """An article's match score moved below zero, order kept: every command (scored
    above zero) comes first, so "theme" finds the Theme command before any title."""
    return score / (score + 1) - 1


def about(article: ArticleSummary) -> str:
    """The help line under an article's entry: its date and source."""
    return escape(defused(" · ".join(filter(None, [article.date, article.source])), one_line=True))


class ArticleCommands(Provider):
    """ "Open: <title>" for every article in the library."""

    @property
    def gloss(self) -> GlossApp:
        from tui.app import GlossApp

        assert isinstance(self.app, GlossApp)
        return self.app

    async def discover(self) -> Hits:
        for article in self.gloss.library.list_articles()[:10]:
            yield DiscoveryHit(
                Text(defused(f"Open: {article.title}", one_line=True)),
                partial(self.gloss.open_article, article.id),
                help=about(article),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self.gloss.library.list_articles():
            label = f"Open: {article.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    below_commands(score),
                    highlight(matcher, label),
                    partial(self.gloss.open_article, article.id),
                    help=about(article),
                )
