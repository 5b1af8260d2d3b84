"""`gloss entity ACTION`: one entity across the library, and the user's fixes of the extractor.

`rename`, `retype`, `merge`, `split` and `hide` store a correction (see
Library.correct_entity) that every later import and `gloss reindex` keeps;
`corrections` lists them and `undo` forgets one. Each action is an
EntityAction in ACTIONS; `show` (entity_show.py) registers itself.
`gloss entities ID` (plural) lists one article's entities.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from tui.commands import entity_show
from tui.commands.output import library_option, print_json, say
from tui.models import ENTITY_TYPES, CorrectionAction
from tui.store import Library

Run = Callable[[argparse.Namespace, Library], int]


@dataclass(frozen=True)
class EntityAction:
    """One `gloss entity` action: its help line, its arguments, and what it does."""

    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Run


def _correction(action: CorrectionAction, value: str | None, value_help: str = "") -> EntityAction:
    """An action that stores a correction of NAME (with VALUE, unless it takes none)."""

    def arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name", metavar="NAME", help="the entity's name (any case)")
        if value == "TYPE":
            parser.add_argument("value", metavar="TYPE", choices=ENTITY_TYPES, help=value_help)
        elif value is not None:
            parser.add_argument("value", metavar=value, help=value_help)
        parser.add_argument(
            "--article",
            metavar="ID",
            help="only in this article (an id or a unique prefix); default: every article",
        )

    def run(args: argparse.Namespace, library: Library) -> int:
        article_id = None if args.article is None else library.resolve_id(args.article)
        made = library.correct_entity(action, args.name, getattr(args, "value", ""), article_id)
        say(f"{made.described} (correction {made.id}: `gloss entity undo {made.id}` undoes it)")
        return 0

    return EntityAction(_HELP[action], arguments, run)


_HELP: dict[CorrectionAction, str] = {
    "rename": "give an entity another name (its old one stays as an alias)",
    "retype": f"give an entity another type ({', '.join(ENTITY_TYPES)})",
    "merge": "make an entity part of another one",
    "split": "make one of an entity's other names an entity of its own",
    "hide": "stop showing an entity (in the sidebar, counts and search)",
}


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _list(args: argparse.Namespace, library: Library) -> int:
    corrections = library.entity_corrections()
    if args.json:
        print_json([asdict(correction) for correction in corrections])
        return 0
    if not corrections:
        say("No entity corrections.")
    for correction in corrections:
        say(f"{correction.id}  {correction.created[:10]}  {correction.described}")
    return 0


def _undo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="a correction's id, or a unique prefix of it")


def _undo(args: argparse.Namespace, library: Library) -> int:
    gone = library.undo_entity_correction(args.id)
    say(f"undone: {gone.described} (correction {gone.id})")
    return 0


ACTIONS: dict[str, EntityAction] = {
    "rename": _correction("rename", "NEW_NAME", "the name to show instead"),
    "retype": _correction("retype", "TYPE", "the right type"),
    "merge": _correction("merge", "INTO", "the entity it is part of"),
    "split": _correction("split", "ALIAS", "the other name to make an entity of its own"),
    "hide": _correction("hide", None),
    "corrections": EntityAction(
        "list the entity corrections, oldest first", _list_arguments, _list
    ),
    "undo": EntityAction("forget an entity correction", _undo_arguments, _undo),
}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "entity", help="show an entity across the library, fix it (rename, merge...), undo fixes"
    )
    actions = parser.add_subparsers(dest="entity_action", metavar="ACTION", required=True)
    entity_show.register(actions)  # `show`: a module of its own (it reads, it fixes nothing)
    for name, action in ACTIONS.items():
        sub = actions.add_parser(name, help=action.help, description=action.help)
        action.arguments(sub)
        library_option(sub)
        sub.set_defaults(func=action.run)
