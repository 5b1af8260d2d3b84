"""`gloss export`: notes as Markdown (for Obsidian) or W3C Web Annotation JSON-LD."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from tui.commands.output import json_text, library_option, say
from tui.commands.user_error import UserError
from tui.store import Library

FORMATS = ("markdown", "w3c")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="export notes as Markdown (one file per article) or W3C Web Annotations",
        description="Markdown: YAML front matter and each note as a > quote followed by its "
        "body; with --out, a folder with one file per article. W3C: one JSON-LD "
        "AnnotationCollection that `gloss import` restores. Without --out, print to stdout.",
    )
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument("--article", metavar="ID", help="only this article's notes")
    parser.add_argument(
        "--out", type=Path, metavar="PATH", help="a folder (markdown) or a file (w3c)"
    )
    library_option(parser)
    parser.set_defaults(func=run)


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so an interrupted export never leaves half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write the export: {error.strerror or error}") from error


def _markdown(library: Library, article: str | None, out: Path | None) -> int:
    from tui.export import markdown_files

    files = markdown_files(library, article)
    if out is None:
        say("\n".join(text for _, text in files), end="")
        if not files:
            say("No notes to export.", file=sys.stderr)
        return 0
    if out.exists() and not out.is_dir():
        raise UserError(
            f"{out}: is a file; a Markdown export writes one file per article to a folder"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"{out}: cannot create the folder: {error.strerror or error}") from error
    for name, text in files:
        _write(out / name, text)
    say(f"{len(files)} article{'s' if len(files) != 1 else ''} exported to {out}")
    return 0


def _w3c(library: Library, article: str | None, out: Path | None) -> int:
    from tui.export import w3c_collection

    collection = w3c_collection(library, article)
    text = json_text(collection) + "\n"
    if out is None:
        say(text, end="")
        return 0
    if out.is_dir():
        raise UserError(f"{out}: is a folder; a W3C export is one file (e.g. notes.jsonld)")
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    _write(out, text)
    say(f"{collection['total']} annotations exported to {out}")
    return 0


def run(args: argparse.Namespace, library: Library) -> int:
    if args.format == "w3c":
        return _w3c(library, args.article, args.out)
    return _markdown(library, args.article, args.out)
