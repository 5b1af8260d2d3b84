"""`gloss restore ID...`: bring trashed articles back whole, notes included."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands.output import library_option, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("restore", help="bring articles back from the trash")
    parser.add_argument(
        "ids", nargs="+", metavar="ID", help="id of a trashed article or a unique prefix"
    )
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    ids = list(dict.fromkeys(library.resolve_trashed_id(wanted) for wanted in args.ids))
    for summary in library.restore_articles(ids):
        say(f"restored {summary.id}  {summary.title}")
    return 0
