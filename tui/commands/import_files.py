"""`gloss import PATH...`: add articles from files and folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands.import_notes import notes_json, print_notes
from tui.commands.output import library_option, print_json
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser("import", help="import articles from files or folders")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    from tui.importer import import_paths

    report = import_paths(library, args.paths)
    if args.json:
        print_json(
            {
                "added": [a.id for a in report.added],
                "updated": [a.id for a in report.updated],
                "unchanged": [a.id for a in report.unchanged],
                "failed": [{"file": e.source, "reason": e.reason} for e in report.failed],
                "warning": report.model_problem,
                **notes_json(report),
            }
        )
    else:
        for label, articles in (("added", report.added), ("updated", report.updated)):
            for article in articles:
                print(f"{label:9} {article.id}  {article.title}")
        for error in report.failed:
            print(f"failed    {error}", file=sys.stderr)
        if report.model_problem:
            print(f"warning: {report.model_problem}", file=sys.stderr)
        print(
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.failed)} failed"
        )
        print_notes(report)
    return 0 if report.ok else 1
