"""Fuzzing what test_ingest_hostile's random bytes rarely reach: each reader on text it was not
made for, well-formed feeds and front matter with hostile values, and W3C annotation files.

Random bytes mostly detect as plain text, so the feed, Markdown, HTML and JSON readers
seldom see them; format detection is a guess, so each reader must also cope with text
of another format. Whatever the input: IngestError or clean articles, never a crash.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from unittest.mock import patch
from xml.sax.saxutils import escape

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.data_paths import SEED
from tests.unit.test_ingest_hostile import PREFIXES, check
from tui.annotations.w3c import ARTICLE_URN, NOTE_URN
from tui.annotations.w3c_import import annotations_in, import_annotations
from tui.ingest import read_path
from tui.ingest.reader import READERS
from tui.store import Library

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMATS = sorted(READERS)
# feedparser warns when an entry without "updated" is asked for it (the reader falls back to it).
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software")
hostile_text = st.text(max_size=60) | st.sampled_from(
    ["", " ", "<b>bold</b>", "[bold]x[/]", "\x1b[31mred", "\u202eevil", "a]]>b", "&amp;", "&#0;"]
)
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**7),
    st.floats(),
    hostile_text,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def mostly(good: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Nine times in ten a value a real file would hold, else junk: deep paths get reached."""
    return st.integers(0, 9).flatmap(lambda n: good if n else junk)


# -- each reader on any text ------------------------------------------------------------


@FUZZ
@given(
    kind=st.sampled_from(FORMATS),
    prefix=st.sampled_from(PREFIXES),
    body=st.text(max_size=1500) | st.binary(max_size=1500).map(lambda raw: raw.decode("latin-1")),
)
@example(kind="feed", prefix="<rss>", body="<item><title>x</title></item>")
@example(kind="json", prefix="", body="plain words, not JSON")
@example(kind="markdown", prefix="---\n", body="[1, 2]\n---\nbody")
def test_each_reader_on_text_of_any_format(kind: str, prefix: str, body: str) -> None:
    """Detection sent the file to the wrong reader: still IngestError or clean articles."""
    data = (prefix + body).encode("utf-8", errors="replace")
    with patch("tui.ingest.reader.detect_format", return_value=kind):
        check(data)


# -- feeds: valid XML, hostile values ----------------------------------------------------


def _element(name: str, value: str, cdata: bool) -> str:
    return f"<{name}><![CDATA[{value}]]></{name}>" if cdata else f"<{name}>{escape(value)}</{name}>"


rss_items = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "title": hostile_text,
            "description": hostile_text | st.sampled_from(["<p>para</p><script>x</script>"]),
            "link": st.sampled_from(
                ["https://example.org/a", "javascript:alert(1)", "", "//x", "ftp://y"]
            )
            | hostile_text,
            "pubDate": st.sampled_from(["Tue, 10 Mar 2020 10:00:00 GMT", "yesterday", "9999-99-99"])
            | hostile_text,
            "category": hostile_text,
            "guid": hostile_text,
        },
    ),
    max_size=4,
)


@FUZZ
@given(
    atom=st.booleans(),
    title=hostile_text,
    items=rss_items,
    cdata=st.booleans(),
)
@example(atom=False, title="", items=[{"description": "<p>only a body</p>"}], cdata=True)
def test_feeds_with_hostile_values(
    atom: bool, title: str, items: list[dict[str, str]], cdata: bool
) -> None:
    if atom:
        entries = "".join(
            "<entry>"
            + "".join(
                f'<link href="{escape(v, {chr(34): "&quot;"})}"/>'
                if k == "link"
                else _element({"description": "content", "pubDate": "updated"}.get(k, k), v, cdata)
                for k, v in item.items()
            )
            + "</entry>"
            for item in items
        )
        head = f'<feed xmlns="http://www.w3.org/2005/Atom">{_element("title", title, cdata)}'
        document = f"{head}{entries}</feed>"
    else:
        entries = "".join(
            "<item>" + "".join(_element(k, v, cdata) for k, v in item.items()) + "</item>"
            for item in items
        )
        head = f'<rss version="2.0"><channel>{_element("title", title, cdata)}'
        document = f"{head}{entries}</channel></rss>"
    articles = check(document.encode("utf-8", errors="replace"), ".xml")
    assert len(articles) <= len(items)


# -- Markdown front matter: valid YAML, hostile values ------------------------------------

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["title", "date", "tags", "source", "url", "author", "place", "language", "lang"]


@FUZZ
@given(
    meta=st.dictionaries(st.sampled_from(FIELDS) | hostile_text, yaml_values, max_size=6),
    body=st.text(max_size=300),
)
@example(meta={"date": date(1, 1, 1), "tags": [None, 3, {"a": 1}]}, body="# Head\n\nText.")
@example(meta={"title": float("nan"), "url": ["x"]}, body="")
def test_front_matter_with_hostile_values(meta: dict[object, object], body: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True)
    check(f"---\n{front}---\n{body}".encode("utf-8", errors="replace"), ".md")


# -- W3C annotation files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, str, str]]:
    """A real library holding the seed article: (library, its id, its text)."""
    folder = tmp_path_factory.mktemp("annotations") / "library"
    [article] = read_path(SEED)
    with Library(folder) as lib:
        lib.add_articles([article])
        yield lib, article.id, article.text


@st.composite
def annotations(draw: st.DrawFn, article_id: str, text: str) -> dict[str, object]:
    """An annotation as another tool (or a hand edit, or an attacker) might write it."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 80)))
    quote: dict[str, object] = {
        "type": draw(st.sampled_from(["TextQuoteSelector", ["TextQuoteSelector"], "Quote"])),
        "exact": draw(mostly(st.just(text[start:end]) | hostile_text)),
    }
    if draw(st.booleans()):
        quote["prefix"] = draw(mostly(st.just(text[max(0, start - 32) : start])))
        quote["suffix"] = draw(mostly(st.just(text[end : end + 32])))
    position = {
        "type": "TextPositionSelector",
        "start": draw(mostly(st.just(start) | st.integers(0, len(text) + 5))),
        "end": draw(mostly(st.just(end) | st.integers(0, len(text) + 5))),
    }
    selectors = draw(st.lists(mostly(st.sampled_from([quote, position])), max_size=3))
    source = draw(mostly(st.sampled_from([ARTICLE_URN + article_id, "https://example.org/gone"])))
    located = {"source": source, "selector": selectors}
    target = draw(mostly(st.sampled_from([located, located, located, source])))
    annotation: dict[str, object] = {
        "type": draw(mostly(st.sampled_from(["Annotation", ["Annotation", "Note"]]))),
        "target": target,
    }
    words = st.text(max_size=40)
    optional: dict[str, st.SearchStrategy[object]] = {
        "id": mostly(
            st.text("abc12-", min_size=1, max_size=6).map(NOTE_URN.__add__)
            | st.sampled_from([NOTE_URN + "../../x", "https://h.is/a/1"])
        ),
        "bodyValue": mostly(words),
        "body": st.lists(
            mostly(
                st.fixed_dictionaries(
                    {"type": st.just("TextualBody"), "value": mostly(words)},
                    optional={"purpose": mostly(st.sampled_from(["tagging", "commenting"]))},
                )
            ),
            max_size=3,
        ),
        "created": mostly(st.sampled_from(["2024-01-01T00:00:00Z", ""]) | words),
        "modified": mostly(st.sampled_from(["2024-01-02T00:00:00Z"])),
        "gloss": mostly(
            st.fixed_dictionaries(
                {},
                optional={
                    "articleId": mostly(st.just(article_id)),
                    "color": mostly(st.sampled_from(["yellow", "pink", "plaid"])),
                    "textHash": mostly(st.sampled_from(["", "0" * 64])),
                    "orphaned": mostly(st.booleans()),
                    "entity": mostly(words),
                },
            )
        ),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            annotation[key] = draw(values)
    return annotation


def _clean(value: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in value)


@FUZZ
@given(data=st.data())
def test_annotation_files_never_crash_and_every_annotation_is_accounted_for(
    seeded: tuple[Library, str, str], data: st.DataObject
) -> None:
    library, article_id, text = seeded
    items = data.draw(st.lists(annotations(article_id, text), max_size=5))
    document = data.draw(
        st.sampled_from(
            [
                items,
                {"type": "AnnotationPage", "items": items},
                {
                    "type": "AnnotationCollection",
                    "first": {"type": "AnnotationPage", "items": items},
                },
            ]
        )
        | junk
    )
    before = {note.id for note in library.notes()}
    report = import_annotations(library, document, "fuzz.json")
    try:
        expected = len(annotations_in(document))
    except ValueError:
        assert len(report.failed) == 1 and report.total == 1
    else:
        assert report.total == expected, "every annotation lands in exactly one list"
    stored = {note.id: note for note in library.notes()}
    added = [*report.restored, *report.orphaned]
    assert set(stored) == before | {note.id for note in added}
    assert len(set(stored) - before) == len(added), "no note stored twice"
    for note in report.restored:
        assert stored[note.id] == note and not note.orphaned
        if note.selector is not None:
            assert text[note.selector.start : note.selector.end] == note.selector.exact
    for note in added:
        assert _clean(note.body) and all(_clean(tag) for tag in note.tags)
        assert note.color in (None, "yellow", "green", "blue", "pink")
    for where, reason in report.failed:
        assert reason and "\n" not in reason and len(where) < 400
