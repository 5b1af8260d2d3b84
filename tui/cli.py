"""The `gloss` command: open the reader, or script the library from a shell."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tui import __version__
from tui.ingest import IngestError
from tui.models import Article, ArticleSummary
from tui.paths import LIBRARY_ENV, bundled_content_dir, library_dir
from tui.store import Library, LibraryError

EPILOG = f"""\
The library is a folder: --library DIR, else ${LIBRARY_ENV}, else the platform's
user data folder. An empty library is filled with the bundled articles.
Run `gloss COMMAND --help` for a command's options."""


class UserError(Exception):
    """A mistake in what the user asked for: one line on stderr, exit code 1."""


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"library folder (default: ${LIBRARY_ENV} or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gloss",
        description="A keyboard-driven terminal reader for news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gloss {__version__}")
    _library_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_ = commands.add_parser("open", help="open the reader (on an article, if given)")
    open_.add_argument("id", nargs="?", metavar="ID", help="article id or a unique prefix of it")
    _library_option(open_)

    import_ = commands.add_parser("import", help="import text and Markdown files or folders")
    import_.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    import_.add_argument("--json", action="store_true", help="print the report as JSON")
    _library_option(import_)

    list_ = commands.add_parser("list", help="list the articles in the library")
    list_.add_argument("--json", action="store_true", help="print JSON")
    _library_option(list_)

    show = commands.add_parser("show", help="print an article's metadata and text")
    show.add_argument("id", metavar="ID", help="article id or a unique prefix of it")
    show.add_argument("--json", action="store_true", help="print JSON (the text as `text`)")
    _library_option(show)
    return parser


def open_library(folder: Path) -> Library:
    """Open the library, filling it with the bundled articles the first time."""
    library = Library(folder)
    if library.is_empty():
        from tui.importer import import_paths

        import_paths(library, [bundled_content_dir()])
    return library


def summary_json(article: ArticleSummary) -> dict[str, Any]:
    return asdict(article)


def article_json(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data["blocks"] = [asdict(block) for block in article.blocks]
    return data


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def command_list(library: Library, as_json: bool) -> int:
    articles = library.list_articles()
    if as_json:
        print_json([summary_json(article) for article in articles])
        return 0
    if not articles:
        print("The library is empty: add articles with `gloss import PATH`.")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    for article in articles:
        date, source = article.date or "", article.source or ""
        print(f"{article.id}  {date:10}  {source:12.12}  {article.title}"[:width])
    return 0


def command_show(library: Library, article_id: str, as_json: bool) -> int:
    article = library.get_article(article_id)
    if as_json:
        print_json(article_json(article))
        return 0
    print(article.title)
    details = [article.place, article.date, article.source, article.author, article.url]
    print(" · ".join(detail for detail in details if detail))
    print(f"id {article.id}\n")
    print(article.text)
    return 0


def command_import(library: Library, paths: Sequence[Path], as_json: bool) -> int:
    from tui.importer import import_paths

    report = import_paths(library, paths)
    if as_json:
        print_json(
            {
                "added": [a.id for a in report.added],
                "updated": [a.id for a in report.updated],
                "unchanged": [a.id for a in report.unchanged],
                "failed": [{"file": e.source, "reason": e.reason} for e in report.failed],
                "warning": report.model_problem,
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
    return 0 if report.ok else 1


def command_open(library: Library, article_id: str | None) -> int:
    start = library.resolve_id(article_id) if article_id else None
    from tui.app import GlossApp

    GlossApp(library, start_article=start).run()
    return 0


def run(args: argparse.Namespace) -> int:
    folder = library_dir(getattr(args, "library", None))
    with open_library(folder) as library:
        command = args.command or "open"
        if command == "list":
            return command_list(library, args.json)
        if command == "show":
            return command_show(library, args.id, args.json)
        if command == "import":
            return command_import(library, args.paths, args.json)
        return command_open(library, getattr(args, "id", None))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (LibraryError, IngestError, UserError) as error:
        print(f"gloss: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
