"""`gloss show ID`: an article's metadata and canonical text."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands.output import article_json, library_option, print_json, say
from tui.ingest.language import language_name
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("show", help="print an article's metadata and text")
    parser.add_argument("id", metavar="ID", help="article id or a unique prefix of it")
    parser.add_argument("--json", action="store_true", help="print JSON (the text as `text`)")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    article = library.get_article(args.id)
    if args.json:
        print_json(article_json(article))
        return 0
    say(article.title)
    details = [
        article.place,
        article.shown_date,
        article.source,
        article.author,
        language_name(article.language),
    ]
    details.append(article.url)
    say(" · ".join(detail for detail in details if detail))
    say(f"id {article.id}\n")
    say(article.text)
    return 0
