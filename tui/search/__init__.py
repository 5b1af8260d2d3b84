"""Library search: query parsing, the inverted index, ranking and snippets.

Pure code over plain values: no TinyDB (the store feeds it and keeps its file)
and no Textual (the library screen calls it through the Library API).

The names below are imported when first asked for: the reader's start needs only
the tokenizer, snippets and text units, and the index, ranking and query parser
(7 ms of imports) wait for the first search.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.search.article_meta import ArticleMeta
    from tui.search.errors import IndexFormatError, QueryError
    from tui.search.note_index import NoteIndex
    from tui.search.query import Query
    from tui.search.query_parser import parse_query
    from tui.search.search_index import SearchIndex
    from tui.search.searcher import Searcher

_HOMES = {
    "ArticleMeta": "tui.search.article_meta",
    "IndexFormatError": "tui.search.errors",
    "NoteIndex": "tui.search.note_index",
    "Query": "tui.search.query",
    "QueryError": "tui.search.errors",
    "SearchIndex": "tui.search.search_index",
    "Searcher": "tui.search.searcher",
    "parse_query": "tui.search.query_parser",
}


def __getattr__(name: str) -> Any:
    """A package name, imported from its module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "ArticleMeta",
    "IndexFormatError",
    "NoteIndex",
    "Query",
    "QueryError",
    "SearchIndex",
    "Searcher",
    "parse_query",
]
