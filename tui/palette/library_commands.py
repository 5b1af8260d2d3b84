"""Command palette entries for the library: search it, open a saved view, list a tag.

View names, queries and tags are the user's own words: they go in as Rich Text
(labels) or escaped (help), never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from tui.ingest.clean import defused
from tui.palette.article_commands import highlight

if TYPE_CHECKING:
    from tui.app import GlossApp


class LibraryCommands(Provider):
    """ "Search the library", "View: <name>" per saved search, "Tag: <name>" per tag."""

    @property
    def gloss(self) -> GlossApp:
        from tui.app import GlossApp

        assert isinstance(self.app, GlossApp)
        return self.app

    def entries(self) -> list[tuple[str, Callable[[], None], str]]:
        library = self.gloss.library
        entries: list[tuple[str, Callable[[], None], str]] = [
            (
                "Search the library",
                partial(self.gloss.open_library, search=True),
                "titles, texts, notes and entities; filters like tag: or is:unread",
            )
        ]
        for view in library.saved_searches():
            entries.append(
                (
                    f"View: {view.name}",
                    partial(self.gloss.open_library, view.query, view.name),
                    view.query,
                )
            )
        for tag, count in sorted(library.tag_counts().items()):
            entries.append(
                (
                    f"Tag: {tag}",
                    partial(self.gloss.open_library, f"tag:{tag}"),
                    f"{count} article{'s' if count != 1 else ''}",
                )
            )
        return entries

    async def discover(self) -> Hits:
        for label, command, help_text in self.entries():
            if not label.startswith("Tag: "):
                label = defused(label, one_line=True)
                yield DiscoveryHit(
                    Text(label), command, help=escape(defused(help_text, one_line=True))
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command, help_text in self.entries():
            score = matcher.match(label)
            if score > 0:
                help_line = escape(defused(help_text, one_line=True))
                yield Hit(score, highlight(matcher, label), command, help=help_line)
