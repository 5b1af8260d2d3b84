"""`gloss note add|reattach|delete`: make, re-attach and remove notes from a shell."""

from __future__ import annotations

import argparse
from typing import Any

from tui.annotations.colors import HIGHLIGHT_COLORS
from tui.annotations.notes import find_note, locate_quote, new_note, reattach, show_quote
from tui.commands.note_output import SHORT_ID, note_json, note_label
from tui.commands.output import library_option, print_json, say
from tui.commands.user_error import UserError
from tui.store import Library


def _quote_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--quote",
        metavar="TEXT",
        required=required,
        help="the passage, as it appears in the article (straight quotes match curly ones)",
    )
    parser.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which occurrence of a quote that appears more than once (1 = the first)",
    )


def register(commands: Any) -> None:
    parser = commands.add_parser("note", help="add, re-attach or delete a note")
    actions = parser.add_subparsers(dest="note_action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="add a note on a passage (--quote) or on the whole article",
        description="Add a note. #tags in the body become tags too. A --quote without "
        "--body or --color is a highlight in the default colour.",
    )
    add.add_argument("id", metavar="ID", help="article id or a unique prefix of it")
    _quote_options(add, required=False)
    add.add_argument("--body", default="", metavar="TEXT", help="the note (Markdown)")
    add.add_argument(
        "--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)"
    )
    add.add_argument(
        "--color", metavar="NAME", help=f"highlight colour: {', '.join(HIGHLIGHT_COLORS)}"
    )
    add.add_argument("--json", action="store_true", help="print the new note as JSON")
    library_option(add)
    add.set_defaults(func=run_add)

    again = actions.add_parser(
        "reattach", help="put a note (an orphan, usually) on a passage of its article's text"
    )
    again.add_argument("note_id", metavar="NOTE_ID", help="note id or a unique prefix of it")
    _quote_options(again, required=True)
    library_option(again)
    again.set_defaults(func=run_reattach)

    delete = actions.add_parser("delete", help="delete a note")
    delete.add_argument("note_id", metavar="NOTE_ID", help="note id or a unique prefix of it")
    library_option(delete)
    delete.set_defaults(func=run_delete)


def _described(verb: str, note_id: str, article_id: str, quote: str | None) -> str:
    where = f"on {show_quote(quote)} in" if quote is not None else "on"
    return f"{verb} note {note_id[:SHORT_ID]} {where} article {article_id}"


def run_add(args: argparse.Namespace, library: Library) -> int:
    article = library.get_article(args.id)
    try:
        note = new_note(
            article,
            body=args.body,
            quote=args.quote,
            occurrence=args.occurrence,
            tags=args.tag,
            color=args.color,
        )
    except ValueError as error:
        raise UserError(f"article {article.id}: {error}") from error
    stored = library.add_note(note)
    if args.json:
        print_json(note_json(stored))
        return 0
    quote = None if stored.selector is None else stored.selector.exact
    say(f"{_described('added', stored.id, article.id, quote)} [{note_label(stored)}]")
    return 0


def run_reattach(args: argparse.Namespace, library: Library) -> int:
    note = find_note(library, args.note_id)
    article = library.get_article(note.article_id)
    try:
        start, end = locate_quote(article.text, args.quote, args.occurrence)
    except ValueError as error:
        raise UserError(f"article {article.id}: {error}") from error
    stored = reattach(library, note.id, start, end)
    say(_described("re-attached", stored.id, article.id, article.text[start:end]))
    return 0


def run_delete(args: argparse.Namespace, library: Library) -> int:
    note = find_note(library, args.note_id)
    library.delete_note(note.id, note.article_id)
    quote = None if note.selector is None else note.selector.exact
    say(_described("deleted", note.id, note.article_id, quote))
    return 0
