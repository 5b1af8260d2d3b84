"""Another tool's W3C annotations with a short quote and a few characters of context.

The W3C Web Annotation model lets a TextQuoteSelector carry as much prefix and
suffix as the tool likes (the spec's own examples use a handful of characters).
A quote whose given context stands verbatim around it in one place is placed
there, however short; one whose context fits several places stays an orphan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run
from tests.data_paths import SEED
from tui.store import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SPEC_ARTICLE = """\
Annotations in the wild

The reviewer wrote that this is an anotation that has some spelling errors in it.

The alphabet, abcdefghijklmnopqrstuvwxyz, shows how a quote is told apart from its copies.
"""


def annotation(number: int, source: str, exact: str, prefix: str, suffix: str) -> dict[str, Any]:
    """A W3C Annotation as another tool writes it: a quote selector, no position, no extension."""
    return {
        "@context": CONTEXT,
        "id": f"http://example.org/anno{number}",
        "type": "Annotation",
        "bodyValue": f"comment {number}",
        "target": {
            "source": source,
            "selector": {
                "type": "TextQuoteSelector",
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
            },
        },
    }


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seed article and a text quoting the W3C spec's examples, imported for real."""
    folder = tmp_path / "lib"
    spec = tmp_path / "spec-examples.txt"
    spec.write_text(SPEC_ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "import", str(SEED), str(spec), "--library", str(folder))
    assert code == 0, err
    return folder


def import_annotations(
    capsys: pytest.CaptureFixture[str], library: Path, items: list[dict[str, Any]], path: Path
) -> str:
    path.write_text(json.dumps(items), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--library", str(library))
    assert code == 0, err
    return out


def test_spec_examples_with_short_context_are_placed(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library(library) as lib:
        ids = {summary.title: summary.id for summary in lib.list_articles()}
    spec_id = ids["Annotations in the wild"]
    seed_id = next(article_id for title, article_id in ids.items() if "Metaverse" in title)
    spec, seed = f"urn:gloss:article:{spec_id}", f"urn:gloss:article:{seed_id}"
    items = [
        # the spec's TextQuoteSelector example, word for word
        annotation(23, spec, "anotation", "this is an ", " that has some"),
        # the spec's "efg" out of the alphabet, told apart by "abcd" and "hijk"
        annotation(24, spec, "efg", "abcd", "hijk"),
        # the same shape on a real article: each quote occurs several times in it
        annotation(25, seed, "first", "world’s ", " digital bank"),
        annotation(26, seed, "BRI", "with ", " economies."),
        annotation(27, seed, "digital", "the ", " economy"),
        annotation(28, seed, "CMCAMC", "", " also coordinates"),
    ]
    out = import_annotations(capsys, library, items, tmp_path / "foreign.jsonld")
    assert "annotations: 6 restored, 0 orphaned, 0 already present, 0 failed" in out
    with Library(library) as lib:
        texts = {article_id: lib.get_article(article_id).text for article_id in ids.values()}
        notes = {note.body: note for note in lib.notes()}
    for item in items:
        quote = item["target"]["selector"]
        note = notes[item["bodyValue"]]
        assert note.selector is not None and not note.orphaned
        text = texts[note.article_id]
        start, end = note.selector.start, note.selector.end
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])


def test_short_context_that_fits_several_places_stays_an_orphan(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "the CMCAMC " is in the seed twice: either place would be a guess."""
    with Library(library) as lib:
        seed_id = next(s.id for s in lib.list_articles() if "Metaverse" in s.title)
        text = lib.get_article(seed_id).text
    assert text.count("the CMCAMC ") == 2
    items = [annotation(30, f"urn:gloss:article:{seed_id}", "CMCAMC", "the ", " ")]
    out = import_annotations(capsys, library, items, tmp_path / "ambiguous.jsonld")
    assert "annotations: 0 restored, 1 orphaned" in out
    with Library(library) as lib:
        [note] = lib.notes(seed_id)
    assert note.orphaned
