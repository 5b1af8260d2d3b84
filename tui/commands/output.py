"""How commands print: JSON for scripts, plain lines for people."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from tui.models import Article, Entity
from tui.paths import LIBRARY_ENV


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def article_json(article: Article) -> dict[str, Any]:
    """Every field, the canonical text as `text`, blocks as spans into it."""
    return asdict(article)


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [asdict(mention) for mention in entity.mentions],
    }


def library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"library folder (default: ${LIBRARY_ENV} or the user data folder)",
    )
