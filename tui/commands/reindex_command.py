"""`gloss reindex`: extract entities again where the extractor changed since import."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands.output import library_option, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "reindex", help="extract entities again for articles from an older extractor"
    )
    parser.add_argument("--all", action="store_true", help="redo every article")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    from tui.commands.import_progress import ImportProgress  # rich.progress: only when needed
    from tui.importing.importer import reindex

    with ImportProgress(doing="reindexing", unit="articles") as progress:
        done, problem = reindex(library, everything=args.all, on_progress=progress.update)
    if problem:
        say(f"warning: {problem}")
    say(f"{done} article{'s' if done != 1 else ''} reindexed")
    return 0
