"""`gloss entities ID_OR_FILE`: the entities of a stored article, or of a file (not stored)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands.output import entity_json, library_option, print_json, say
from tui.models import ENTITY_TYPES, Entity
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "entities",
        help="list the entities of an article (an id) or of a file (extracted, not stored)",
    )
    parser.add_argument("target", metavar="ID_OR_FILE")
    parser.add_argument("--json", action="store_true", help="print JSON")
    library_option(parser)
    parser.set_defaults(func=run)


def file_entities(path: Path) -> list[Entity]:
    """Extract from the file's canonical text: offsets match what `gloss show` would print."""
    from tui.entities import extract_entities, model_problem
    from tui.ingest import read_path

    articles = read_path(path)
    if len(articles) > 1:
        say(f"{path}: {len(articles)} articles in this file; showing the first", file=sys.stderr)
    entities = extract_entities(articles[:1])[0]
    problem = model_problem()
    if problem:
        say(f"warning: {problem}", file=sys.stderr)
    return entities


def run(args: argparse.Namespace, library: Library) -> int:
    path = Path(args.target)
    if path.exists() and not path.is_dir():  # a pipe or device too: read_path refuses it
        entities = file_entities(path)
    else:
        article = library.get_article(args.target)
        entities = library.entities(article.id)
    if args.json:
        print_json({"entities": [entity_json(entity) for entity in entities]})
        return 0
    if not entities:
        say("No entities found.")
    for entity_type in ENTITY_TYPES:
        for entity in (e for e in entities if e.type == entity_type):
            aliases = f" ({', '.join(entity.aliases)})" if entity.aliases else ""
            say(f"{entity.type:12} {entity.name}{aliases}  ×{entity.count}")
    return 0
