"""Library search speed at 10,000 and 100,000 articles, against a naive full scan.

Generated libraries: bodies are 4-10 paragraphs sampled from the Wikinews
corpus (`tests/corpora/wikinews`), titles are sampled words, dates span
2015-2024 (3% undated), sources and tags vary, and entities are synthetic
(capitalised names found in the paragraphs, with initials as aliases, set with
Library.set_entities_many instead of running spaCy). One note per 200 articles,
and as many starred/read/tagged articles.

Measured in one process, warm (each query runs REPEATS times after one
untimed run): library queries by kind, as-you-type keystrokes, opening an
article (get_article + entities + notes + reading_state), building the index
from scratch, opening the library and the first search, a note save and the
search after it, and the index upkeep of an import batch. The baseline is a
naive search without an index: read every body and test the words.

Targets: query p50/p95 <= 50 ms and open p50/p95 <= 30 ms at 10k articles.

Usage: python bench/search_speed.py [--sizes 10000,100000] [--no-record]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import machine, write_section  # noqa: E402

from tests.data_paths import wikinews_files  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import Article, Block, Entity, Mention, Note  # noqa: E402
from tui.search.tokenizer import tokenize  # noqa: E402
from tui.store import Library  # noqa: E402
from tui.store.library_search import LibrarySearch  # noqa: E402
from tui.store.search_index_file import INDEX_DIR, INDEX_FILE  # noqa: E402

REPEATS = 5
QUERY_TARGET_MS = 50.0
OPEN_TARGET_MS = 30.0
SOURCES = (
    "Wikinews",
    "TDI",
    "Reuters",
    "AP",
    "BBC",
    "Guardian",
    "Le Monde",
    "Xinhua",
    "NHK",
    "Al Jazeera",
    "Hong Kong Free Press",
    "Caixin",
)
TAGS = (
    "fintech",
    "politics",
    "asia",
    "europe",
    "health",
    "aviation",
    "energy",
    "courts",
    "protests",
    "space",
    "tech",
    "trade",
    "climate",
    "elections",
    "security",
)
_NAME = re.compile(r"\b(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+\b")


# -- the generated library ------------------------------------------------------


def corpus_paragraphs() -> list[str]:
    return [
        paragraph
        for path in wikinews_files()
        for paragraph in read_path(path)[0].text.split("\n\n")
        if len(paragraph.split()) >= 12
    ]


def entity_pool(paragraphs: list[str]) -> list[list[str]]:
    """For each paragraph, the capitalised names in it (the synthetic entities)."""
    return [sorted(set(_NAME.findall(paragraph))) for paragraph in paragraphs]


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split())


def generate(count: int, seed: int = 2024) -> tuple[list[Article], dict[str, list[Entity]]]:
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    names_in = entity_pool(paragraphs)
    title_words = sorted({w for p in paragraphs for w in p.split() if w.isalpha() and len(w) > 3})
    start = date(2015, 1, 1)
    articles: list[Article] = []
    entities: dict[str, list[Entity]] = {}
    for n in range(count):
        article_id = hashlib.blake2b(f"bench-{n}".encode(), digest_size=8).hexdigest()
        chosen = rng.sample(range(len(paragraphs)), rng.randint(4, 10))
        title = " ".join(rng.sample(title_words, rng.randint(5, 9))).capitalize()
        parts = [title, *(paragraphs[i] for i in chosen)]
        text = "\n\n".join(parts)
        blocks, offset = [], 0
        for number, part in enumerate(parts):
            blocks.append(
                Block("heading" if number == 0 else "paragraph", offset, offset + len(part))
            )
            offset += len(part) + 2
        day = None if rng.random() < 0.03 else (start + timedelta(days=rng.randrange(3650)))
        articles.append(
            Article(
                id=article_id,
                title=title,
                text=text,
                blocks=tuple(blocks),
                date=None if day is None else day.isoformat(),
                source=rng.choice(SOURCES),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            )
        )
        names = sorted({name for i in chosen for name in names_in[i]})[:12]
        found = []
        for name in names:
            at = text.find(name)
            alias = (initials(name),) if len(name.split()) > 2 else ()
            mentions = (Mention(at, at + len(name), name),) if at >= 0 else ()
            found.append(Entity(name, "organization", alias, mentions))
        entities[article_id] = found
    return articles, entities


# -- measuring -------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def pick_words(articles: list[Article], rng: random.Random) -> dict[str, list[str]]:
    """Words by how many articles have them: common, middling and rare (from a sample)."""
    df: Counter[str] = Counter()
    for article in rng.sample(articles, min(2000, len(articles))):
        df.update({w for w in tokenize(article.text) if len(w) >= 5 and w.isalpha()})
    ranked = [w for w, _ in df.most_common()]
    return {
        "common": ranked[:5],
        "middling": ranked[len(ranked) // 10 : len(ranked) // 10 + 5],
        "rare": ranked[-200::40],
    }


def queries(words: dict[str, list[str]]) -> dict[str, list[str]]:
    common, mid, rare = words["common"], words["middling"], words["rare"]
    return {
        "one common word": [f"{w} " for w in common],
        "one rare word": [f"{w} " for w in rare],
        "two words": [f"{a} {b} " for a, b in zip(common, mid, strict=False)],
        "three words": [f"{a} {b} {c} " for a, b, c in zip(common, mid, common[1:], strict=False)],
        "prefix (typing)": [w[:4] for w in mid] + [w[:2] for w in common[:2]],
        "phrase": ['"hong kong" ', '"united states" ', '"prime minister" ', '"the government" '],
        "filters only": [
            "tag:fintech",
            "is:starred",
            "has:notes",
            "source:Reuters after:2020-01-01",
            'entity:"Hong Kong"',
            "is:unread before:2016-01-01",
        ],
        "words + filters": [
            f"{common[0]} tag:politics after:2018-01-01 ",
            f'{mid[0]} entity:"Hong Kong" is:unread ',
            f"{common[1]} {mid[1]} source:BBC ",
            f"{rare[0]} has:notes ",
        ],
    }


def naive_search(folder: Path, words: list[str], from_disk: bool, texts: list[str]) -> int:
    """Search without an index: every body, all words as substrings (case-folded)."""
    if from_disk:
        texts = [
            doc["text"].casefold()
            for shard in sorted((folder / "bodies").glob("*.json"))
            for doc in orjson.loads(shard.read_bytes()).get("bodies", {}).values()
        ]
    return sum(1 for text in texts if all(word in text for word in words))


@contextmanager
def upkeep_timer(record: list[float]) -> Iterator[None]:
    """Time LibrarySearch.after_write: the index's share of a Library write."""
    original = LibrarySearch.after_write

    def wrapped(self: LibrarySearch, *args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        original(self, *args, **kwargs)
        record.append(time.perf_counter() - start)

    LibrarySearch.after_write = wrapped  # type: ignore[method-assign]
    try:
        yield
    finally:
        LibrarySearch.after_write = original  # type: ignore[method-assign]


def run_size(count: int, workdir: Path) -> dict[str, Any]:
    rng = random.Random(count)
    result: dict[str, Any] = {"count": count}
    print(f"\n== {count:,} articles", flush=True)
    started = time.perf_counter()
    articles, entities = generate(count + 64)
    extra, articles = articles[count:], articles[:count]
    result["words"] = statistics.mean(a.word_count for a in articles[:2000])
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)

    folder = workdir / f"lib-{count}"
    library = Library(folder)
    upkeep: list[float] = []
    with upkeep_timer(upkeep):
        result["store"] = timed(lambda batch=articles: library.add_articles(batch))
        result["store_index"] = upkeep[-1]
        items = [(a.id, entities[a.id]) for a in articles]
        result["entities"] = timed(lambda batch=items: library.set_entities_many(batch, "bench"))
        result["entities_index"] = upkeep[-1]
    print(f"stored in {result['store']:.1f} s, entities {result['entities']:.1f} s", flush=True)
    ids = [a.id for a in articles]
    words = pick_words(articles, rng)
    extra_entities = [(a.id, entities[a.id]) for a in extra]
    del articles, entities, items  # the app holds none of this: neither should the timings
    gc.collect()
    chosen = rng.sample(ids, max(10, count // 200))
    for number, article_id in enumerate(chosen):
        library.add_note(Note("", article_id, f"Note {number}: check the quarterly figures"))
        [library.set_starred, library.set_read][number % 2](article_id, True)
        library.set_article_tags(article_id, ["followup"])

    library.close()
    shutil.rmtree(folder / INDEX_DIR)  # the index is built from scratch by the next search
    library = Library(folder)
    result["rebuild"] = timed(lambda: library.search("government"))
    result["index_mb"] = (folder / INDEX_DIR / INDEX_FILE).stat().st_size / 1e6
    result["catalog_mb"] = (folder / "catalog.json").stat().st_size / 1e6
    print(f"rebuilt in {result['rebuild']:.1f} s ({result['index_mb']:.0f} MB)", flush=True)
    library.close()
    time.sleep(1.1)  # past the storage's "racily clean" window: files are trusted by stat

    gc.collect()
    start = time.perf_counter()
    library = Library(folder)
    result["open_library"] = time.perf_counter() - start
    # Untimed: the first full garbage collection after loading the catalog walks its
    # million objects (~1 s at 10k articles), whatever code happens to trigger it.
    gc.collect()
    result["first_search"] = timed(lambda: library.search("government police "))
    kinds = queries(words)
    by_kind: dict[str, list[float]] = {}
    for kind, texts in kinds.items():
        for text in texts:
            library.search(text)  # untimed: fills the body cache the snippets read
            by_kind.setdefault(kind, []).extend(
                timed(lambda t=text: library.search(t)) for _ in range(REPEATS)
            )
    result["queries"] = by_kind
    result["hits"] = {
        kind: statistics.mean(len(library.search(t)) for t in kinds[kind]) for kind in kinds
    }

    keystrokes: list[float] = []
    for sentence in ("hong kong police", f"{words['middling'][0]} {words['common'][0]}"):
        for end in range(1, len(sentence) + 1):
            keystrokes.append(timed(lambda s=sentence[:end]: library.search(s)))
    result["typing"] = keystrokes

    opened = []
    for article_id in rng.sample(ids, 200):

        def open_article(article_id: str = article_id) -> None:
            library.get_article(article_id)
            library.entities(article_id)
            library.notes(article_id)
            library.reading_state(article_id)

        opened.append(timed(open_article))
    result["open"] = opened

    saves, after_save = [], []
    for number, article_id in enumerate(rng.sample(ids, 20)):
        saves.append(
            timed(lambda a=article_id, n=number: library.add_note(Note("", a, f"saved {n}")))
        )
        after_save.append(timed(lambda: library.search(f"{words['common'][0]} ")))
    result["note_save"], result["search_after_note"] = saves, after_save
    state_saves = [timed(lambda a=a: library.set_starred(a, True)) for a in rng.sample(ids, 20)]
    result["state_save"] = state_saves

    upkeep.clear()
    with upkeep_timer(upkeep):
        result["batch_store"] = timed(lambda: library.add_articles(extra))
        result["batch_index"] = upkeep[-1]
        result["batch_entities"] = timed(lambda: library.set_entities_many(extra_entities, "bench"))
        result["batch_entities_index"] = upkeep[-1]

    plain = [
        doc["text"].casefold()
        for shard in sorted((folder / "bodies").glob("*.json"))
        for doc in orjson.loads(shard.read_bytes()).get("bodies", {}).values()
    ]
    baseline: dict[str, list[float]] = {"disk": [], "memory": []}
    for text in [
        f"{words['common'][0]} ",
        f"{words['rare'][0]} ",
        f"{words['common'][1]} {words['middling'][1]} ",
    ]:
        needles = text.split()
        baseline["disk"].append(timed(lambda n=needles: naive_search(folder, n, True, [])))
        baseline["memory"].append(
            timed(lambda n=needles, texts=plain: naive_search(folder, n, False, texts))
        )
    result["baseline"] = baseline
    del plain
    library.close()
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(folder)
    return result


# -- the report -------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    sizes = [f"{r['count']:,}" for r in results]
    lines = [
        "| measure | " + " | ".join(f"{s} articles" for s in sizes) + " |",
        "| --- | " + " | ".join("---" for _ in sizes) + " |",
    ]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    def p50_p95(values: list[float]) -> str:
        return f"{ms(percentile(values, 0.5))} / {ms(percentile(values, 0.95))}"

    row(
        "**library query p50 / p95, ms (all kinds)**",
        lambda r: "**" + p50_p95(all_queries(r)) + "**",
    )
    for kind in results[0]["queries"]:
        row(
            f"&nbsp;&nbsp;{kind} (mean hits)",
            lambda r, k=kind: f"{p50_p95(r['queries'][k])} ({r['hits'][k]:.0f})",
        )
    row("as-you-type keystroke p50 / p95, ms", lambda r: p50_p95(r["typing"]))
    row("**open an article p50 / p95, ms**", lambda r: "**" + p50_p95(r["open"]) + "**")
    row(
        "baseline: naive scan, bodies read from disk, ms per query",
        lambda r: f"{ms(statistics.median(r['baseline']['disk']))}",
    )
    row(
        "baseline: naive scan, bodies already in memory, ms per query",
        lambda r: f"{ms(statistics.median(r['baseline']['memory']))}",
    )
    row(
        "index build from scratch (first search, no index file), s", lambda r: f"{r['rebuild']:.1f}"
    )
    row(
        "index file, MB (catalog.json, MB)",
        lambda r: f"{r['index_mb']:.1f} ({r['catalog_mb']:.0f})",
    )
    row("open the library, ms", lambda r: ms(r["open_library"]))
    row("first search after opening (loads the index file), ms", lambda r: ms(r["first_search"]))
    row("note save p50 / p95, ms", lambda r: p50_p95(r["note_save"]))
    row(
        "search right after a note save p50, ms",
        lambda r: ms(percentile(r["search_after_note"], 0.5)),
    )
    row("star an article p50 / p95, ms", lambda r: p50_p95(r["state_save"]))
    row(
        "import batch of 64: add_articles, ms (index upkeep in it)",
        lambda r: f"{ms(r['batch_store'])} ({ms(r['batch_index'])})",
    )
    row(
        "... then set_entities_many, ms (index upkeep in it)",
        lambda r: f"{ms(r['batch_entities'])} ({ms(r['batch_entities_index'])})",
    )
    row(
        "bulk store of the whole library, s (index build in it)",
        lambda r: f"{r['store']:.1f} ({r['store_index']:.1f})",
    )
    row("peak RSS of the bench process so far, MB", lambda r: f"{r['rss_mb']:.0f}")
    return "\n".join(lines)


def all_queries(result: dict[str, Any]) -> list[float]:
    return [t for values in result["queries"].values() for t in values]


def verdict(results: list[dict[str, Any]]) -> str:
    first = next((r for r in results if r["count"] == 10_000), results[0])
    query = all_queries(first)
    q50, q95 = percentile(query, 0.5) * 1000, percentile(query, 0.95) * 1000
    o50, o95 = percentile(first["open"], 0.5) * 1000, percentile(first["open"], 0.95) * 1000
    met_q = q50 <= QUERY_TARGET_MS and q95 <= QUERY_TARGET_MS
    met_o = o50 <= OPEN_TARGET_MS and o95 <= OPEN_TARGET_MS
    return (
        f"At {first['count']:,} articles: query p50/p95 {q50:.1f}/{q95:.1f} ms "
        f"(target <= {QUERY_TARGET_MS:.0f}: {'met' if met_q else 'NOT met'}); "
        f"open p50/p95 {o50:.1f}/{o95:.1f} ms "
        f"(target <= {OPEN_TARGET_MS:.0f}: {'met' if met_o else 'NOT met'})."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="gloss-search-bench-"))
    try:
        results = [run_size(count, workdir) for count in sizes]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()[0]
    words = f"{results[0]['words']:.0f}"
    body = "\n\n".join(
        [
            f"`python bench/search_speed.py` on {machine()}.",
            f"Generated libraries (bodies of 4-10 Wikinews paragraphs, mean {words} words; "
            "synthetic entities; one note and one starred/read/tagged article per 200). "
            f"Warm timings in one process, each query {REPEATS} times after one untimed run; "
            "p50 / p95 over every run of every query of the kind.",
            table(results),
            verdict(results),
            "Rows, briefly: *baseline* is a search without an index (every body, all words as "
            "case-folded substrings), read from the shards or already in memory. *Open the "
            "library*, *note save*, *star* and the catalog writes of an import batch are the "
            "store's own costs (parsing or rewriting catalog.json, a durable user.json write), "
            "listed for scale; *index upkeep* is what the search index adds to them (a small "
            "delta file; the main index file is rewritten once changes pass 10% of it). The "
            "synthetic bodies reuse ~600 Wikinews paragraphs, so words are far more common "
            "across articles than in real news: common-word, phrase and two-letter-prefix "
            "queries touch a large share of the library, the worst case for an index.",
            f"Load average (1 min) before / after: {load_before:.1f} / {load_after:.1f} "
            "(other work shares the 2 cores, so these are upper bounds).",
        ]
    )
    print("\n" + body)
    if not args.no_record:
        write_section("## Library search speed", body)
        print("\nrecorded in bench/RESULTS.md")


if __name__ == "__main__":
    main()
