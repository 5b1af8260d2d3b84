"""`gloss open [ID]` (also plain `gloss`): the reader."""

from __future__ import annotations

import argparse
import gc
from typing import Any

from tui.commands.output import library_option
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("open", help="open the reader (on an article, if given)")
    parser.add_argument("id", nargs="?", metavar="ID", help="article id or a unique prefix of it")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    article_id = getattr(args, "id", None)
    start = library.resolve_id(article_id) if article_id else None
    from tui.app import GlossApp

    # What is alive now (modules, classes, the library) lives as long as the app: frozen,
    # no garbage collection looks at it again (one full pass over it took 19 ms at start).
    gc.freeze()
    GlossApp(library, start_article=start).run()
    return 0
