"""Turn hand-written gold specs into offset-level gold JSON, and show them for checking.

A spec may name its file (`file: readability/cnn/source.html`, under tests/corpora)
and which article of it (`item: 2`, from 0); without, it is the Wikinews file of its
name. A spec lists each entity once (type | name | aliases...); every word-bounded
occurrence of the name or an alias becomes a mention, longest surface first so
"Mahan Air" wins over "Mahan". `skip: SURFACE@N` drops the N-th (1-based)
occurrence of a surface where it is not a mention ("intra-Africa"). Offsets
point into `tui.ingest.read_path(path)[0].text`, the canonical text.

Usage: python bench/build_gold.py [--show]   (writes bench/gold/<stem>.json)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, TypedDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.data_paths import CORPORA, WIKINEWS  # noqa: E402
from tui.ingest import read_path  # noqa: E402
from tui.models import ENTITY_TYPES, Article, text_hash  # noqa: E402

GOLD = ROOT / "bench" / "gold"
SPECS = GOLD / "specs"


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


class SpecEntity(TypedDict):
    type: str
    name: str
    aliases: list[str]


class Spec(TypedDict):
    split: str
    file: str
    item: int
    entities: list[SpecEntity]
    acronyms: list[dict[str, str]]
    skips: set[tuple[str, int]]


def parse_spec(path: Path) -> Spec:
    split = ""
    file = ""
    item = 0
    entities: list[SpecEntity] = []
    acronyms: list[dict[str, str]] = []
    skips: set[tuple[str, int]] = set()
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("split:"):
            split = line.split(":", 1)[1].strip()
        elif line.startswith("file:"):
            file = line.split(":", 1)[1].strip()
        elif line.startswith("item:"):
            item = int(line.split(":", 1)[1])
        elif line.startswith("acronym:"):
            short, long = (part.strip() for part in line.split(":", 1)[1].split("|"))
            acronyms.append({"short": short, "long": long})
        elif line.startswith("skip:"):
            surface, index = line.split(":", 1)[1].strip().rsplit("@", 1)
            skips.add((surface.strip(), int(index)))
        else:
            kind, name, *aliases = (part.strip() for part in line.split("|"))
            if kind not in ENTITY_TYPES:
                raise SystemExit(f"{path.name}: unknown type {kind!r} in {raw!r}")
            entities.append({"type": kind, "name": name, "aliases": aliases})
    return {
        "split": split,
        "file": file,
        "item": item,
        "entities": entities,
        "acronyms": acronyms,
        "skips": skips,
    }


def article_of(file: str, item: int = 0) -> Article:
    """The `item`-th article of a corpus file: a path under tests/corpora, or a bare
    Wikinews file name (the first gold's form)."""
    path = CORPORA / file if "/" in file else WIKINEWS / file
    return read_path(path)[item]


def build(spec_path: Path) -> tuple[dict[str, Any], str]:
    stem = spec_path.stem
    spec = parse_spec(spec_path)
    article = article_of(spec["file"] or f"wikinews/{stem}.md", spec["item"])
    text = article.text
    skips = spec["skips"]
    surfaces: list[tuple[str, int]] = []
    for index, entity in enumerate(spec["entities"]):
        for surface in [entity["name"], *entity["aliases"]]:
            surfaces.append((surface, index))
    claimed: list[tuple[int, int, int]] = []
    used_skips: set[tuple[str, int]] = set()
    for surface, index in sorted(surfaces, key=lambda item: -len(item[0])):
        found = occurrences(text, surface)
        for number, (start, end) in enumerate(found, 1):
            if (surface, number) in skips:
                used_skips.add((surface, number))
                continue
            if any(start < c_end and c_start < end for c_start, c_end, _ in claimed):
                continue
            claimed.append((start, end, index))
    unused = skips - used_skips
    if unused:
        raise SystemExit(f"{stem}: skips never used: {sorted(unused)}")
    entities: list[dict[str, Any]] = []
    for index, entity in enumerate(spec["entities"]):
        mentions = sorted((s, e) for s, e, i in claimed if i == index)
        if not mentions:
            raise SystemExit(f"{stem}: no mention of {entity['name']!r}")
        seen = {text[s:e] for s, e in mentions}
        for alias in entity["aliases"]:
            if alias not in seen:
                raise SystemExit(f"{stem}: alias {alias!r} of {entity['name']!r} never found")
        entities.append(
            {
                "name": entity["name"],
                "type": entity["type"],
                "aliases": entity["aliases"],
                "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in mentions],
            }
        )
    entities.sort(key=lambda item: int(item["mentions"][0]["start"]))
    for built in entities:
        for mention in built["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    gold = {
        "file": spec["file"] or f"{stem}.md",
        "item": spec["item"],
        "split": spec["split"],
        "text_sha256": text_hash(text),
        "acronyms": spec["acronyms"],
        "entities": entities,
    }
    marked = text
    for start, end, index in sorted(claimed, reverse=True):
        kind = spec["entities"][index]["type"][:3]
        marked = f"{marked[:start]}[{marked[start:end]}|{kind}]{marked[end:]}"
    return gold, marked


def main() -> None:
    show = "--show" in sys.argv
    only = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    for spec_path in sorted(SPECS.glob("*.spec")):
        if only and not any(part in spec_path.stem for part in only):
            continue
        gold, marked = build(spec_path)
        out = GOLD / f"{spec_path.stem}.json"
        out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n")
        mentions = sum(len(e["mentions"]) for e in gold["entities"])
        print(
            f"{spec_path.stem[:60]:60} {gold['split']:5} "
            f"{len(gold['entities']):3} entities {mentions:3} mentions"
        )
        if show:
            print(marked, "\n")


if __name__ == "__main__":
    main()
