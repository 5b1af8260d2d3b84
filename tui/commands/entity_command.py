"""`gloss entity ACTION`: one entity across the library.

Each action is a module of its own with `register(actions)` and `run`; ACTIONS
lists them, so a new action (rename, merge, ...) is one module and one line here.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tui.commands import entity_show

ACTIONS: tuple[ModuleType, ...] = (entity_show,)


def register(commands: Any) -> None:
    parser = commands.add_parser("entity", help="show an entity across the library")
    actions = parser.add_subparsers(dest="entity_action", metavar="ACTION", required=True)
    for action in ACTIONS:
        action.register(actions)
