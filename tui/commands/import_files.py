"""`gloss import PATH...`: add articles from files, folders and standard input."""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tui.commands.import_summary import print_report, report_json
from tui.commands.output import library_option, print_json, say
from tui.importing.import_report import ImportReport
from tui.importing.stop_signals import StopSignals
from tui.store import Library


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="import articles from files, folders, web addresses or standard input",
        description="Import articles: text, Markdown, HTML, RSS/Atom, JSON Feed, JSON, JSON "
        "Lines (told apart by content); folders recursively; - reads standard input; an "
        "http(s) URL is fetched (redirects followed, tracking links unwrapped) and read the "
        "same way: a page is one article, a feed its entries. The "
        "same text under another URL is skipped as a duplicate. In folders, links that lead out "
        "of the folder, pipes and devices are skipped, with the reason. Exits 1 when a file "
        "failed; stopped by ctrl+c or SIGTERM, it reports what it stored and exits 130 or 143.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="file, folder, URL, or - for stdin"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="in folders, also read links that lead outside the folder (skipped otherwise)",
    )
    library_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, library: Library) -> int:
    urls = [raw for raw in args.paths if raw.startswith(("http://", "https://"))]
    if not urls:
        return _run(args, library, None)
    from tui.web import Fetcher
    from tui.web.url_source import url_sources

    library.check_writable()  # before any request is sent
    with Fetcher() as fetcher, ThreadPoolExecutor(fetcher.limits.at_once) as pool:
        sources = dict(zip(urls, url_sources(urls, fetcher, pool), strict=True))
        return _run(args, library, sources)


def _run(args: argparse.Namespace, library: Library, urls: dict[str, Any] | None) -> int:
    from tui.commands.import_progress import ImportProgress  # rich.progress: only when importing
    from tui.importing.importer import STDIN, Source, import_paths

    paths: list[Source] = [
        (urls or {}).get(raw) or (STDIN if raw == STDIN else Path(raw)) for raw in args.paths
    ]
    stdin = getattr(sys.stdin, "buffer", None)  # None when Gloss runs without a stdin
    if STDIN in paths and sys.stdin is not None and sys.stdin.isatty():
        say("gloss: reading an article from standard input (end it with ctrl+d)", file=sys.stderr)
    report = ImportReport()
    stopped = False
    with StopSignals() as stop, ImportProgress() as progress:
        try:
            import_paths(
                library,
                paths,
                progress.update,
                stdin=stdin,
                follow_links=args.follow_links,
                report=report,
            )
        except KeyboardInterrupt:  # ctrl+c, or SIGTERM: helpers are stopped, writes finished
            stopped = True
    if args.json:
        print_json(report_json(report))
    else:
        print_report(report)
    if stopped:
        say(f"gloss: {stopped_line(report, stop.name)}", file=sys.stderr)
        return stop.exit_code
    return 0 if report.ok else 1


def stopped_line(report: ImportReport, how: str) -> str:
    stored = len(report.added) + len(report.updated)
    line = f"import stopped ({how}): {stored} articles stored"
    if report.entities_pending:
        line += f", {report.entities_pending} still without entities (`gloss reindex` finds them)"
    return line
