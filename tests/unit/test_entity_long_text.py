"""Long texts: the rule layer's work grows with the text, not with its square.

A 500 KB text of repeated names once took two minutes: every mention was
checked against every span claimed so far. Time is measured in
bench/long_text.py; here the work is counted (Python calls made by the rule
layer, with cProfile), which does not depend on the machine or its load.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.data_paths import REPO, SEED
from tui.entities.candidate import Candidate
from tui.entities.extractor import entities_of
from tui.entities.recognizer import Recognizer
from tui.entities.span_index import SpanIndex
from tui.ingest import read_bytes, read_path
from tui.models import Article


def seed_copies(copies: int) -> Article:
    text = read_path(SEED)[0].text
    return read_bytes("\n\n".join([text] * copies).encode(), "long.txt", ".txt")[0]


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer(parallel=False)


def rule_layer_calls(article: Article, candidates: list[Candidate]) -> int:
    profile = cProfile.Profile()
    profile.enable()
    entities_of(article, candidates)
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def test_four_times_the_text_is_about_four_times_the_work(recognizer: Recognizer) -> None:
    short, long = seed_copies(8), seed_copies(32)
    assert len(long.text) > 3.9 * len(short.text)
    short_found, long_found = recognizer.recognize([short.text, long.text])
    ratio = rule_layer_calls(long, long_found) / rule_layer_calls(short, short_found)
    # Linear is about 4; checking each mention against every span claimed so far gave 12.8.
    assert ratio < 5


def test_every_copy_of_a_name_is_found_in_a_long_text(recognizer: Recognizer) -> None:
    article = seed_copies(32)
    [candidates] = recognizer.recognize([article.text])
    [bank] = [e for e in entities_of(article, candidates) if e.name == "Asia Digital Bank"]
    places = {m.span() for m in re.finditer(r"(?<![\w-])ADB(?!\w)", article.text)}
    assert len(places) >= 32
    assert places <= {(m.start, m.end) for m in bank.mentions}


# In a fresh process: the model's memory for one chunk's worth of text, then for three.
_PEAKS = """
import json, sys
from tui.entities.recognizer import CHUNK_CHARS, Recognizer
seed = open(sys.argv[1], encoding="utf-8").read()
def text(chunks):
    copies = chunks * CHUNK_CHARS * 9 // 10 // (len(seed) + 2)
    return "\\n\\n".join([seed] * copies)
def peak():  # VmHWM, not ru_maxrss: that one keeps the forking process's peak across exec
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0])
recognizer = Recognizer(parallel=False)
assert recognizer.problem is None, recognizer.problem
loaded = peak()
recognizer.recognize([text(1)])
one = peak()
recognizer.recognize([text(3)])
print(json.dumps([one - loaded, peak() - loaded]))
"""


def test_a_long_text_needs_no_more_model_memory_than_one_chunk() -> None:
    """A 500 KB text went through the model in one batch of five chunks: 1.6 GB."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAKS, str(SEED)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    one_chunk, three_chunks = json.loads(out.stdout)
    assert one_chunk > 0
    assert three_chunks < 1.5 * one_chunk  # it was about 3 times


Span = tuple[int, int]
SPANS = st.tuples(st.integers(0, 300), st.integers(0, 90)).map(lambda s: (s[0], s[0] + s[1]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("add"), SPANS),
            st.tuples(st.just("remove"), st.integers(0, 50)),
            st.tuples(st.just("ask"), SPANS),
        ),
        max_size=60,
    )
)
def test_span_index_answers_as_a_full_scan(steps: list[tuple[str, object]]) -> None:
    """Empty spans, spans over several buckets, removals: the same answers in the same order."""
    index: SpanIndex[Span] = SpanIndex()
    kept: dict[int, Span] = {}  # handle -> span, in the order added
    for action, value in steps:
        if action == "add":
            assert isinstance(value, tuple)
            kept[index.add(value[0], value[1], value)] = value
        elif action == "remove" and kept:
            assert isinstance(value, int)
            handle = list(kept)[value % len(kept)]
            index.remove(handle)
            del kept[handle]
        elif action == "ask":
            assert isinstance(value, tuple)
            start, end = value
            scan = [h for h, (s, e) in kept.items() if start < e and s < end]
            assert index.overlapping(start, end) == scan
            assert index.overlaps(start, end) == bool(scan)
    assert index.values() == list(kept.values())
