"""Command palette entries that open an article by its title.

The palette reads `help` strings as markup, so article fields are escaped.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

if TYPE_CHECKING:
    from tui.app import GlossApp


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
                Text(f"Open: {article.title}"),
                partial(self.gloss.open_article, article.id),
                help=escape(" · ".join(filter(None, [article.date, article.source]))),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self.gloss.library.list_articles():
            label = f"Open: {article.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self.gloss.open_article, article.id),
                    help=escape(" · ".join(filter(None, [article.date, article.source]))),
                )
