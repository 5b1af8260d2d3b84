"""`gloss search QUERY`: the library search, as the library screen runs it."""

from __future__ import annotations

import argparse
import shutil
from typing import Any

from tui.commands.output import library_option, print_json, say
from tui.commands.user_error import UserError
from tui.search import QueryError
from tui.store import Library

EPILOG = """\
Words must all match (in titles, texts, notes or entity names), as whole
words: `ford` does not find "Fordyce". A word ending in * matches as the start
of a word once it has two letters (`ford*`); the library screen does that for
the word being typed. "Quoted words" match as a phrase. A hit matched in its
title says "in the title".
Filters: entity:NAME, tag:TAG, source:NAME (words of the source's name),
has:notes, is:read, is:unread, is:starred, after:YYYY-MM-DD (inclusive),
before:YYYY-MM-DD (exclusive); a value with spaces goes in quotes:
entity:"Asia Digital Bank". Filters alone list every matching article, newest
first."""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "search",
        help='search the library (words, "phrases", entity:, tag:, is:, after: ...)',
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words and filters")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="at most N hits (default 50)"
    )
    library_option(parser)
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def run(args: argparse.Namespace, library: Library) -> int:
    query = " ".join(args.query)
    try:
        hits = library.search(query, limit=args.limit, as_typed=False)
    except QueryError as error:
        raise UserError(str(error)) from error
    if args.json:
        print_json(
            [
                {
                    "article_id": hit.article_id,
                    "title": hit.title,
                    "date": hit.date,
                    "source": hit.source,
                    "score": hit.score,
                    "matched_in": hit.matched_in,
                    "snippet": hit.snippet,
                    "highlights": [list(span) for span in hit.highlights],
                    "title_highlights": [list(span) for span in hit.title_highlights],
                }
                for hit in hits
            ]
        )
        return 0
    if not hits:
        say("No articles match.")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for hit in hits:
        date, source = hit.date or "", hit.source or ""
        say(f"{hit.article_id}  {date:10}  {source:12.12}  {hit.title}"[:width])
        line = " · ".join(part for part in (hit.where, hit.snippet) if part)
        if line:
            say(f"    {line}")
    return 0
