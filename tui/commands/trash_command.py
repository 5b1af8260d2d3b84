"""`gloss trash`: what the trash holds, newest first; `--empty` forgets it for good."""

from __future__ import annotations

import argparse
import shutil
from dataclasses import asdict
from typing import Any

from tui.commands.output import library_option, print_json, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("trash", help="list the trashed articles, or empty the trash")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--empty", action="store_true", help="delete the trashed articles and their notes for good"
    )
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    if args.empty:
        gone = library.empty_trash()
        say(f"emptied the trash: {gone} article{'' if gone == 1 else 's'} deleted for good")
        return 0
    trashed = library.trashed_articles()
    if args.json:
        print_json([asdict(item) for item in trashed])
        return 0
    if not trashed:
        say("The trash is empty.")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for item in trashed:
        notes = f"{item.notes} note{'' if item.notes == 1 else 's'}" if item.notes else ""
        line = f"{item.summary.id}  {item.trashed_at[:10]}  {notes:9}  {item.summary.title}"
        say(line[:width])
    return 0
