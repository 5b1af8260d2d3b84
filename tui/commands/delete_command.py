"""`gloss delete ID...`: move articles, with their notes, to the library's trash."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands.output import library_option, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "delete", help="move articles, with their notes, to the trash (see `gloss trash`)"
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help="article id or a unique prefix")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    ids = list(dict.fromkeys(library.resolve_id(wanted) for wanted in args.ids))
    for summary in library.trash_articles(ids):
        say(f"trashed {summary.id}  {summary.title}")
    say(f"{len(ids)} moved to the trash: `gloss restore ID` brings one back.")
    return 0
