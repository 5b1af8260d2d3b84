"""Language detection on the corpora's pages: py3langid alone, and Gloss's rule (the page's
own tag unless the detector is sure of another) against languages labelled by hand.

Every page of tests/corpora (readability pages, feed items, Wikinews) and the seed is
read; its hand label is below, by file (a feed's items share one). "no answer" counts
texts too short to tell (fewer than MIN_LETTERS letters) without a declared tag.

Usage: python bench/language.py (rewrites the "## Language detection" section of
bench/RESULTS.md).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path and "tui" not in sys.modules:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

from tests.data_paths import FEEDS, READABILITY, SEED, WIKINEWS, data_file, data_files  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import Article  # noqa: E402

# Read by a person from each text ("la" is the lorem ipsum of the two test pages).
READABILITY_LABELS = {
    "aktualne": "cs", "ars-1": "en", "bbc-1": "en", "breitbart": "en", "cnn": "en",
    "folha": "pt", "guardian-1": "en", "heise": "de", "invalid-attributes": "la",
    "lemonde-1": "fr", "nytimes-1": "en", "pixnet": "zh", "qq": "zh", "rtl-1": "la",
    "wikipedia-2": "en", "yahoo-4": "ja",
}  # fmt: skip
FEED_LABELS = {
    "feed-rs__atom_example_2.xml": "en", "feed-rs__rss_1.0_iso8859.xml": "de",
    "feed-rs__rss_2.0_encoding_1.xml": "pt", "feedjira__HREFConsideredHarmful.xml": "en",
    "feedjira__RSSWithComments.xml": "en", "feedjira__SamRuby.xml": "en",
    "feedjira__TechCrunch.xml": "en", "feedjira__google_alerts_atom.xml": "en",
    "feedjira__json_feed.json": "en",
    "feedparser__large_atom_feed_that_needs_css_sanitisation.xml": "ru",
    "feedparser__shiftjis.xml": "ja",
}  # fmt: skip


def pages() -> list[tuple[str, str, Article]]:
    """(corpus, label, article) for every text of the corpora."""
    found: list[tuple[str, str, Article]] = []
    for case, label in READABILITY_LABELS.items():
        for article in read_path(data_file(READABILITY / case / "source.html")):
            found.append(("readability", label, article))
    for name, label in FEED_LABELS.items():
        for article in read_path(data_file(FEEDS / name)):
            found.append(("feeds", label, article))
    for path in data_files(WIKINEWS, "*.md"):
        for article in read_path(path):
            found.append(("wikinews", "en", article))
    for article in read_path(data_file(SEED)):
        found.append(("seed", "en", article))
    return found


def main() -> None:
    # Here, not at the top: bench/entity_debris.py reads `pages` with an older `tui` too.
    from tui.ingest.language import MIN_LETTERS, detect_language, primary_language

    started = time.perf_counter()
    rows = []
    wrong: list[str] = []
    totals: Counter[str] = Counter()
    for corpus in ("readability", "feeds", "wikinews", "seed"):
        counts: Counter[str] = Counter()
        for _, label, article in (p for p in pages() if p[0] == corpus):
            detected = detect_language(article.text)
            counts["texts"] += 1
            if detected is None:
                counts["detector silent"] += 1
            elif detected[0] == label:
                counts["detector right"] += 1
            else:
                wrong.append(f"{corpus}: detector {detected[0]} ({detected[1]:.2f}), is {label}")
            rule = primary_language(article.language)  # as import stored it
            if rule is None:
                counts["rule silent"] += 1
            elif rule == label:
                counts["rule right"] += 1
            else:
                wrong.append(f"{corpus}: stored {rule}, is {label}: {article.title[:50]!r}")
        totals.update(counts)
        rows.append((corpus, counts))
    rows.append(("all", totals))
    lines = [
        "| corpus | texts | detector right | detector wrong | too short | stored right "
        "| stored wrong | none stored |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for corpus, c in rows:
        d_wrong = c["texts"] - c["detector right"] - c["detector silent"]
        r_wrong = c["texts"] - c["rule right"] - c["rule silent"]
        lines.append(
            f"| {corpus} | {c['texts']} | {c['detector right']} | {d_wrong} | "
            f"{c['detector silent']} | {c['rule right']} | {r_wrong} | {c['rule silent']} |"
        )
    table = "\n".join(lines)
    print(table)
    for line in wrong:
        print(line)
    elapsed = time.perf_counter() - started
    print(f"({elapsed:.1f} s)")
    write_section(
        "## Language detection",
        f"`python bench/language.py` on {machine()}.\n\n"
        "Every text of `tests/corpora` and the seed, labelled by hand by file (a feed's "
        "items share one label; the two lorem-ipsum test pages are Latin). *Detector*: "
        "py3langid on the text alone; *stored*: what import stores (the page's or feed's "
        "own tag unless py3langid is at least 0.99 sure of another language). Too short: "
        f"fewer than {MIN_LETTERS} letters, where the detector is not asked.\n\n"
        f"{table}\n\n"
        + ("Wrong:\n\n" + "\n".join(f"- {w}" for w in wrong) if wrong else "")
        + "\n",
    )


if __name__ == "__main__":
    main()
