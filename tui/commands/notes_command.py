"""`gloss notes [ID]`: every note and highlight, or one article's, orphans included."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands.note_output import note_json, note_lines
from tui.commands.output import library_option, print_json, say
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "notes", help="list notes and highlights (of one article, if given)"
    )
    parser.add_argument("id", nargs="?", metavar="ID", help="article id or a unique prefix of it")
    parser.add_argument("--json", action="store_true", help="print JSON")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    article_id = library.resolve_id(args.id) if args.id else None
    notes = library.notes(article_id)
    if args.json:
        print_json([note_json(note) for note in notes])
        return 0
    if not notes:
        say("No notes." if article_id is None else f"No notes on article {article_id}.")
        return 0
    titles = {summary.id: summary.title for summary in library.list_articles()}
    current = None
    for note in notes:
        if note.article_id != current:
            if current is not None:
                say()
            current = note.article_id
            say(f"{titles.get(current, '(article not found)')}  ({current})")
        for line in note_lines(note, indent="  "):
            say(line)
    orphans = sum(note.orphaned for note in notes)
    if orphans:
        say(
            f"\n{orphans} orphaned: their passage is no longer in the text; "
            "re-attach with `gloss note reattach NOTE_ID --quote TEXT` or in the reader"
        )
    return 0
