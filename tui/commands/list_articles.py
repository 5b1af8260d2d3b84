"""`gloss list`: the articles in the library, newest first."""

from __future__ import annotations

import argparse
import shutil
from dataclasses import asdict
from typing import Any

from tui.commands.output import library_option, print_json, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("list", help="list the articles in the library")
    parser.add_argument("--json", action="store_true", help="print JSON")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    articles = library.list_articles()
    if args.json:
        print_json([asdict(article) for article in articles])
        return 0
    if not articles:
        say("The library is empty: add articles with `gloss import PATH`.")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for article in articles:
        date, source = article.date or "", article.source or ""
        say(f"{article.id}  {date:10}  {source:12.12}  {article.title}"[:width])
    return 0
