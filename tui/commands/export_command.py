"""`gloss export`: notes as Markdown (for Obsidian) or W3C Web Annotation JSON-LD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands.output import json_text, library_option, say
from tui.commands.user_error import UserError
from tui.store import Library

FORMATS = ("markdown", "w3c")
STDOUT = "-"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="export notes as Markdown (one file per article) or W3C Web Annotations",
        description="Markdown: YAML front matter and each note as a > quote followed by its "
        "body; --out x.md writes every article to one file, --out DIR one file per article "
        "to a folder. W3C: one JSON-LD AnnotationCollection that `gloss import` restores. "
        "Without --out, or with --out -, print to stdout. An existing file is replaced only "
        "with --force, and a link or a pipe never.",
    )
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument("--article", metavar="ID", help="only this article's notes")
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="- for stdout (the default), a file (x.md, notes.jsonld) or, for Markdown, a folder",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace files that exist (never a link or a pipe)"
    )
    library_option(parser)
    parser.set_defaults(func=run)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _markdown(library: Library, article: str | None, out: Path | None, force: bool) -> int:
    from tui.annotations.export import markdown_files
    from tui.commands.export_destination import prepare_folder, write_files

    files = markdown_files(library, article)
    together = "\n".join(text for _, text in files)
    if out is None:
        say(together, end="")
        if not files:
            say("No notes to export.", file=sys.stderr)
        return 0
    if out.suffix.lower() == ".md":
        if out.is_dir():
            raise UserError(
                f"{out}: is a folder; a path ending in .md is one file "
                "(give a folder name without .md for one file per article)"
            )
        write_files([(out, together)], force=force)
    else:
        prepare_folder(out)
        write_files([(out / name, text) for name, text in files], force=force)
    say(f"{_plural(len(files), 'article')} exported to {out}")
    return 0


def _w3c(library: Library, article: str | None, out: Path | None, force: bool) -> int:
    from tui.annotations.export import w3c_collection
    from tui.commands.export_destination import write_files

    collection = w3c_collection(library, article)
    text = json_text(collection) + "\n"
    if out is None:
        say(text, end="")
        return 0
    if out.is_dir():
        raise UserError(f"{out}: is a folder; a W3C export is one file (e.g. notes.jsonld)")
    write_files([(out, text)], force=force)
    say(f"{_plural(collection['total'], 'annotation')} exported to {out}")
    return 0


def run(args: argparse.Namespace, library: Library) -> int:
    out = None if args.out in (None, STDOUT) else Path(args.out)  # ./- names a file "-"
    if args.format == "w3c":
        return _w3c(library, args.article, out, args.force)
    return _markdown(library, args.article, out, args.force)
