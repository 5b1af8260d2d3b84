"""Import quality of the HTML reader on the readability corpus.

Imports every case of corpora/readability/ through read_bytes (decoding, format
detection and extraction, as a user's import would) and compares with Mozilla
Readability's reference output: title (exact), byline, excerpt, language, site
name, publication date, and body token F1 against expected.html's text.

    .venv/bin/python bench/import_quality.py            # print the table
    .venv/bin/python bench/import_quality.py --write    # also update bench/RESULTS.md

Tokens are lower-cased runs of letters/digits, with every CJK character (Han,
kana, Hangul) a token of its own, so Chinese and Japanese pages count fairly;
F1 is over token multisets.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import RESULTS, machine, write_section  # noqa: E402

from tests.data_paths import READABILITY, data_files  # noqa: E402
from tui.ingest import read_bytes  # noqa: E402
from tui.ingest.decode import decode  # noqa: E402
from tui.ingest.html_page import extract_page  # noqa: E402

HEADING = "## Import quality"
TITLE_TARGET = 0.90
F1_TARGET = 0.90
F1_FLOOR = 0.5

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")

# Hand-written notes kept in the section on every --write (the table is regenerated).
NOTES = """\
Notes:

- Titles follow Readability's precedence (Article JSON-LD, then Dublin Core / Open Graph /
  Twitter tags, then `<title>` with a site suffix cut only after a spaced separator and
  only when the rest is clearly the headline). So a site name that the publisher put in
  `og:title` ("... - Breitbart") or joined with "_" ("..._科技_腾讯网") is kept, as
  Firefox Reader View keeps it.
- Byline mismatches are Readability's own tricky bylines, not misses: `bbc-1` expects
  the site name "BBC News" (the page names no author), `breitbart` expects the garbled
  "by Lucas Nolan22 Dec 2016651" (Gloss: "Lucas Nolan"), `yahoo-4` expects the junk
  "個人" (Gloss: none), `lemonde-1` expects the co-authors from the page text (Gloss takes
  the page's metadata author, "Martin Untersinger").
- Excerpt is the page's description (JSON-LD, then meta tags), else the first paragraph, as
  in Readability. Metadata is entity-decoded once more, as Readability does: `pixnet`
  writes `&amp;quot;` into its meta tags.
- `dir` is not compared: Article has no direction field (the terminal renders RTL text as is).
- No case is below F1 0.5, so no case needs a written reason."""


@dataclass(frozen=True)
class Row:
    case: str
    seconds: float
    title_ok: bool
    byline_ok: bool
    excerpt_ok: bool
    lang_ok: bool | None
    site_ok: bool | None
    date_ok: bool | None
    precision: float
    recall: float
    f1: float
    title: str


def _norm(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return unicodedata.normalize("NFC", " ".join(value.split()))


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def f1(found: Counter[str], expected: Counter[str]) -> tuple[float, float, float]:
    overlap = sum((found & expected).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(found.values())
    recall = overlap / sum(expected.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _optional(expected: object, found: str | None) -> bool | None:
    """A comparison only where the reference has a value."""
    want = _norm(expected)
    return None if want is None else (want == _norm(found))


def measure(case_dir: Path) -> Row:
    source = case_dir / "source.html"
    expected = json.loads((case_dir / "expected-metadata.json").read_text("utf-8"))
    data = source.read_bytes()
    started = time.perf_counter()
    [article] = read_bytes(data, str(source), ".html")
    seconds = time.perf_counter() - started
    page = extract_page(decode(data, str(source)).text)
    paragraphs = [text for kind, text in page.blocks if kind == "paragraph"]
    excerpt = page.meta.description or (paragraphs[0] if paragraphs else None)
    reference = lxml_html.fromstring((case_dir / "expected.html").read_text("utf-8"))
    precision, recall, score = f1(tokens(article.text), tokens(reference.text_content()))
    published = expected.get("publishedTime")
    return Row(
        case=case_dir.name,
        seconds=seconds,
        title_ok=_norm(article.title) == _norm(expected.get("title")),
        byline_ok=_norm(article.author) == _norm(expected.get("byline")),
        excerpt_ok=_norm(excerpt) == _norm(expected.get("excerpt")),
        lang_ok=_optional(expected.get("lang"), article.language),
        site_ok=_optional(expected.get("siteName"), article.source),
        date_ok=_optional(published[:10] if isinstance(published, str) else None, article.date),
        precision=precision,
        recall=recall,
        f1=score,
        title=article.title,
    )


def _mark(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "**no**")


def table(rows: list[Row]) -> str:
    lines = [
        "| case | title | byline | excerpt | lang | site | date | body P | body R | body F1 | s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| `{row.case}` | {_mark(row.title_ok)} | {_mark(row.byline_ok)} "
            f"| {_mark(row.excerpt_ok)} | {_mark(row.lang_ok)} | {_mark(row.site_ok)} "
            f"| {_mark(row.date_ok)} | {row.precision:.3f} | {row.recall:.3f} "
            f"| {row.f1:.3f} | {row.seconds:.2f} |"
        )
    return "\n".join(lines)


def _rate(values: list[bool | None]) -> str:
    known = [value for value in values if value is not None]
    return f"{sum(known)}/{len(known)}"


def summary(rows: list[Row]) -> str:
    titles = sum(row.title_ok for row in rows) / len(rows)
    scores = [row.f1 for row in rows]
    worst = min(rows, key=lambda row: row.f1)
    below = [row.case for row in rows if row.f1 < F1_FLOOR]
    verdict = (
        "met" if titles >= TITLE_TARGET and statistics.median(scores) >= F1_TARGET else "NOT met"
    )
    return (
        f"Title exact match {sum(r.title_ok for r in rows)}/{len(rows)} ({titles:.0%}); "
        f"body F1 median {statistics.median(scores):.3f}, mean {statistics.fmean(scores):.3f}, "
        f"worst {worst.f1:.3f} (`{worst.case}`); cases below {F1_FLOOR}: "
        f"{', '.join(below) or 'none'}. Byline {_rate([r.byline_ok for r in rows])}, "
        f"excerpt {_rate([r.excerpt_ok for r in rows])}, lang {_rate([r.lang_ok for r in rows])}, "
        f"site name {_rate([r.site_ok for r in rows])}, "
        f"date {_rate([r.date_ok for r in rows])}. Import time per page: median "
        f"{statistics.median(r.seconds for r in rows):.2f} s, "
        f"max {max(r.seconds for r in rows):.2f} s. "
        f"Targets (title >= {TITLE_TARGET:.0%}, median F1 >= {F1_TARGET}): {verdict}."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    rows = [measure(case.parent) for case in data_files(READABILITY, "*/source.html")]
    body = "\n\n".join(
        [
            f"`python bench/import_quality.py` on {machine()}.",
            "HTML import (trafilatura 2.3 + Gloss metadata) of the 16 pages of "
            "`corpora/readability/`, compared with Mozilla Readability's reference output. "
            "yes/no = normalised exact match; — = no reference value.",
            table(rows),
            summary(rows),
            NOTES,
        ]
    )
    print(body)
    if args.write:
        write_section(HEADING, body)
        print(f"\nwrote {HEADING!r} in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
