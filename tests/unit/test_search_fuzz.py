"""Fuzzing the search box: whatever is typed, the parser and the Library's search never crash.

The library screen searches on every keystroke, so every prefix of every query
reaches parse_query and Library.search; the only error allowed is a QueryError,
whose one line the screen shows under the box.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.data_paths import SEED, WIKINEWS, data_file
from tui.ingest import read_path
from tui.models import Article, Block, Entity, Mention, Note
from tui.search import Query, QueryError, parse_query
from tui.search.query_parser import HAS_VALUES, IS_VALUES
from tui.search.tokenizer import fold, tokenize
from tui.store import Library

WIKINEWS_PICKS = (
    "2020-02-10-first-foreigners-die-from-coronavirus-in-wuhan-china.md",
    "2019-10-06-european-court-of-justice-says-facebook-must-remove-illegal-posts-glob.md",
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What people type: words of the articles, filters with good and bad values, quotes, URLs.
FRAGMENTS = [
    "china", "bank", "Digital", "ADB", "Zürich", "facebook", "wuhan", "court", "the", "ZYGOTE",
    '"', '"asia digital', '"digital bank"', "entity:", "entity:ADB", 'entity:"Asia Digital Bank"',
    "tag:", "tag:#fintech", "tag:later", "source:", "source:TDI", "source:wikinews", "is:",
    "is:read", "is:UNREAD", "is:starred", "is:sleepy", "has:notes", "has:", "has:pics", "after:",
    "after:2020", "after:2019-10", "before:2022-02-30", "before:2021-13", "after:20x",
    "nope:thing", "Tag:", "https://example.org/a:b", ":", "::", "-", "…", "東京", "ﬁ", "İ", "ß",
    "\x00", "\u202e", "\n", "\t",
]  # fmt: skip
queries = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)),
        max_size=6,
    ).flatmap(
        lambda parts: st.lists(
            st.sampled_from(["", " ", "  "]), min_size=len(parts), max_size=len(parts)
        ).map(lambda gaps: "".join(part + gap for part, gap in zip(parts, gaps, strict=True)))
    ),
)
_WORD = re.compile(r"[^\W_]+")


def check_query(query: Query, text: str) -> None:
    """What the searcher relies on: folded words, known filter values, real dates."""
    words = [*query.words, *(query.prefix or "").split(), *(w for p in query.phrases for w in p)]
    for word in words:
        assert word and _WORD.fullmatch(word), repr(word)
        assert fold(word) == word, repr(word)
    assert len(set(query.words)) == len(query.words)
    assert query.prefix not in query.words
    assert all(query.phrases), "no empty phrase"
    assert not query.phrase_prefix or query.phrases
    assert set(query.states) <= set(IS_VALUES)
    assert set(query.has) <= set(HAS_VALUES)
    for day in (*query.after, *query.before):
        assert date.fromisoformat(day).isoformat() == day
    for value in (*query.tags, *query.entities, *query.sources):
        assert value and value == fold(value) and value == " ".join(value.split())
    assert not any(tag.startswith("#") for tag in query.tags)
    for values in (query.tags, query.entities, query.sources, query.states, query.after):
        assert len(set(values)) == len(values)


def parse(text: str) -> Query | QueryError:
    try:
        query = parse_query(text)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message, repr(message)
        return error
    check_query(query, text)
    return query


@FUZZ
@given(text=queries)
@example(text='"')
@example(text='tag:"')
@example(text="is:" + "\u0130" * 3)
@example(text="after:９９９９")  # fullwidth digits are digits to a regex
def test_any_text_parses_or_says_what_is_wrong_in_one_line(text: str) -> None:
    parse(text)
    if not isinstance(parse(text + " "), QueryError):
        assert parse_query(text + " ").prefix is None, "a space ends the word being typed"


@FUZZ
@given(text=st.text(alphabet='abcXYZ :"#-', max_size=30) | queries.filter(str.isascii))
def test_ascii_case_never_changes_the_query(text: str) -> None:
    lower, upper = parse(text.lower()), parse(text.upper())
    if isinstance(lower, QueryError) or isinstance(upper, QueryError):
        assert type(lower) is type(upper), (lower, upper)
    else:
        assert lower == upper


# -- Library.search over a small real library ---------------------------------------------


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The seed and two Wikinews articles, with an entity, notes, tags, a star and a read mark."""
    paths = [SEED, *(data_file(WIKINEWS / name) for name in WIKINEWS_PICKS)]
    folder = tmp_path_factory.mktemp("search-fuzz") / "library"
    with Library(folder) as lib:
        lib.add_articles([article for path in paths for article in read_path(path)])
        seed, *others = lib.article_ids()
        text = lib.get_article(seed).text
        start = text.index("Asia Digital Bank")
        bank = Entity(
            "Asia Digital Bank",
            "organization",
            ("ADB",),
            (Mention(start, start + len("Asia Digital Bank"), "Asia Digital Bank"),),
        )
        lib.set_entities_many([(seed, [bank])], "fuzz")
        lib.add_note(Note("", seed, "A zygote of an idea #later"))
        lib.add_note(Note("", others[0], "Quarantine zygote", tags=("later",)))
        lib.set_article_tags(seed, ["fintech"])
        lib.set_starred(others[0], True)
        lib.set_read(others[1], True)
    opened = Library(folder)
    yield opened
    opened.close()


def words_of(library: Library, article_id: str) -> set[str]:
    """Every word a plain search looks at: title, text, entity names and aliases, notes."""
    article = library.get_article(article_id)
    parts = [article.title, article.text]
    parts += [
        name for entity in library.entities(article_id) for name in (entity.name, *entity.aliases)
    ]
    parts += [note.body for note in library.notes(article_id)]
    return set(tokenize("\n".join(parts)))


@FUZZ
@given(text=queries)
@example(text='"asia digital bank" entity:ADB is:unread has:notes')
@example(text="zygote tag:later is:starred ")
def test_every_keystroke_of_any_query_searches_or_says_why(library: Library, text: str) -> None:
    ids = set(library.article_ids())
    for end in sorted({len(text), *range(0, len(text), 4)}):
        typed = text[:end]
        try:
            hits = library.search(typed, limit=2)
        except QueryError as error:
            assert str(error) and "\n" not in str(error)
            continue
        found = [hit.article_id for hit in hits]
        assert len(found) <= 2 and len(set(found)) == len(found)
        assert set(found) <= ids
        for hit in hits:
            assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.highlights), hit


def test_styled_unicode_letters_are_found_by_plain_words(tmp_path: Path) -> None:
    """Mathematical bold letters (pasted from social media) should match the plain word."""
    text = "Styled\n\nThe 𝐙𝐲𝐠𝐨𝐭𝐞 fund."
    article = Article(
        "5f1e2d3c4b5a", "Styled", text, (Block("heading", 0, 6), Block("paragraph", 8, len(text)))
    )
    with Library(tmp_path / "library") as lib:
        lib.add_articles([article])
        assert [hit.article_id for hit in lib.search("fund ")] == [article.id]
        assert [hit.article_id for hit in lib.search("zygote ")] == [article.id]


@pytest.mark.parametrize("word", ["china", "bank", "adb", "zygote", "court", "the", "nowhere"])
def test_a_whole_word_finds_exactly_the_articles_holding_it(library: Library, word: str) -> None:
    """Against a naive scan: no article missed, none found that lacks the word, any case."""
    expected = {a for a in library.article_ids() if word in words_of(library, a)}
    assert {hit.article_id for hit in library.search(f"{word} ")} == expected
    assert {hit.article_id for hit in library.search(f"{word.upper()} ")} == expected
