"""Library search: query parsing, the inverted index, ranking and snippets.

Pure code over plain values: no TinyDB (the store feeds it and keeps its file)
and no Textual (the library screen calls it through the Library API).
"""

from tui.search.article_meta import ArticleMeta
from tui.search.errors import IndexFormatError, QueryError
from tui.search.note_index import NoteIndex
from tui.search.query import Query
from tui.search.query_parser import parse_query
from tui.search.search_index import SearchIndex
from tui.search.searcher import Searcher

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
