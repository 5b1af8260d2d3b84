"""`gloss entity show NAME [--json]`: what the app's entity page shows.

Its type and other names, the articles naming it as a timeline (each with the
sentence of its first mention), the entities it appears with most often, and
every note on it.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import asdict
from typing import Any

from tui.commands.note_output import note_json, note_lines
from tui.commands.output import library_option, print_json, say
from tui.commands.user_error import UserError
from tui.models import EntityPage
from tui.store import Library


def register(actions: Any) -> None:
    parser = actions.add_parser(
        "show",
        help="an entity's type, aliases, articles by date, companions and notes",
        description="Show an entity across the library: NAME is its name or one of "
        "its aliases, in any case.",
    )
    parser.add_argument("name", metavar="NAME", help="the entity's name or an alias")
    parser.add_argument("--json", action="store_true", help="print JSON")
    library_option(parser)
    parser.set_defaults(func=run)


def page_json(page: EntityPage) -> dict[str, Any]:
    return {
        "name": page.name,
        "type": page.type,
        "aliases": list(page.aliases),
        "articles": [
            {
                "id": appearance.article.id,
                "title": appearance.article.title,
                "date": appearance.article.date,
                "mentions": appearance.mentions,
                "first_mention": appearance.first,
                "sentence": appearance.sentence,
            }
            for appearance in page.appearances
        ],
        "companions": [asdict(companion) for companion in page.companions],
        "notes": [note_json(note) for note in page.notes],
    }


def run(args: argparse.Namespace, library: Library) -> int:
    page = library.entity_page(args.name)
    if page is None:
        raise UserError(
            f"no article in library {library.folder} names {args.name.strip()!r}: "
            "`gloss search entity:NAME` lists close names"
        )
    if args.json:
        print_json(page_json(page))
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    say(f"{page.name}  ({page.type})")
    if page.aliases:
        say(f"also: {', '.join(page.aliases)}")
    count = len(page.appearances)
    say(f"\nNamed in {count} article{'' if count == 1 else 's'}:")
    for appearance in page.appearances:
        article = appearance.article
        say(f"  {article.date or 'undated':10}  {article.id[:12]}  {article.title}"[:width])
        if appearance.sentence:
            say(f"      {appearance.sentence}")
    if page.companions:
        say("\nAppears most often with:")
        for companion in page.companions:
            shared = f"{companion.articles} article{'' if companion.articles == 1 else 's'}"
            say(f"  {companion.name} ({companion.type}), {shared}")
    say(f"\nNotes on {page.name}:" if page.notes else f"\nNo notes on {page.name}.")
    for note in page.notes:
        for line in note_lines(note, indent="  "):
            say(line)
    return 0
