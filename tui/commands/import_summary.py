"""What `gloss import` prints: one line per article and per problem, then the counts, or JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tui.commands.import_notes import notes_json, print_notes
from tui.commands.output import say
from tui.ingest.clean import escaped

if TYPE_CHECKING:
    from tui.importing.import_report import ImportReport


def shown_file(source: str) -> str:
    """A file name safe to print on one line: undecodable bytes as �, controls escaped (\\x1b).

    File names are as untrusted as file contents; a byte that is not UTF-8
    would even make print() fail.
    """
    readable = source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return escaped(readable)


_SAME_JSON = {"same text": "text", "same URL": "URL", "similar text": "similar"}
_SAME_WORDS = {
    "same text": "the same text as",
    "same URL": "the same URL as",
    "similar text": "nearly the same text as",
}


def report_json(report: ImportReport) -> dict[str, Any]:
    """The report with stable keys for scripts (documented in the README)."""
    return {
        "added": [a.id for a in report.added],
        "updated": [a.id for a in report.updated],
        "unchanged": [a.id for a in report.unchanged],
        "duplicates": [
            {
                "file": shown_file(d.source),
                "title": d.article.title,
                "duplicate_of": d.duplicate_of,
                "same": _SAME_JSON[d.same],
            }
            for d in report.duplicates
        ],
        "failed": [{"file": shown_file(e.source), "reason": e.reason} for e in report.failed],
        "skipped": [{"file": shown_file(e.source), "reason": e.reason} for e in report.skipped],
        "warnings": [{"file": shown_file(e.source), "reason": e.reason} for e in report.warnings],
        "warning": report.warning,
        **notes_json(report),
    }


def summary_line(report: ImportReport) -> str:
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    return (
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.duplicates)} skipped as duplicate, "
        f"{len(report.failed)} failed{skipped}"
    )


def print_report(report: ImportReport) -> None:
    """Articles, duplicates and skipped entries on stdout, failures and warnings on stderr,
    counts last."""
    for label, articles in (("added", report.added), ("updated", report.updated)):
        for article in articles:
            say(f"{label:9} {article.id}  {article.title}")
    for duplicate in report.duplicates:
        say(
            f"duplicate {shown_file(duplicate.source)}: “{duplicate.article.title}” has "
            f"{_SAME_WORDS[duplicate.same]} {duplicate.duplicate_of}, skipped"
        )
    for left_out in report.skipped:
        say(f"skipped   {shown_file(left_out.source)}: {left_out.reason}")
    for error in report.failed:
        say(f"failed    {shown_file(error.source)}: {error.reason}", file=sys.stderr)
    for partial in report.warnings:
        say(f"warning   {shown_file(partial.source)}: {partial.reason}", file=sys.stderr)
    if report.warning:
        say(f"warning: {report.warning}", file=sys.stderr)
    say(summary_line(report))
    print_notes(report)
