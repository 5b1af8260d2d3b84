"""How commands print: JSON for scripts, plain lines for people.

Everything printed goes through say() or print_json(): stored text may come
from another program, so no control character it holds reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from tui.ingest.clean import defused, escaped_json
from tui.models import Article, Entity
from tui.paths import LIBRARY_ENV


def say(text: str = "", file: TextIO | None = None, end: str = "\n") -> None:
    """print() for text that may hold stored data: control characters become spaces."""
    print(defused(text), file=file or sys.stdout, end=end)


def json_text(value: Any) -> str:
    """Indented JSON with every control character escaped, C1 included (\\u009b)."""
    return escaped_json(json.dumps(value, ensure_ascii=False, indent=2))


def print_json(value: Any) -> None:
    print(json_text(value))


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
