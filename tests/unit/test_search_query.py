"""The search query parser: words, prefixes, phrases, every filter, and the errors."""

from __future__ import annotations

import re

import pytest

from tui.search import Query, QueryError, parse_query


def test_empty_and_blank_queries_have_no_parts() -> None:
    assert parse_query("") == Query()
    assert parse_query("   ") == Query()
    assert not parse_query("").has_text
    assert not parse_query("").has_filters


def test_words_are_folded_and_the_last_one_is_a_prefix_while_typing() -> None:
    query = parse_query("Digital BANK Zürich")
    assert query.words == ("digital", "bank")
    assert query.prefix == "zurich"
    assert query.has_text


def test_a_trailing_space_ends_the_last_word() -> None:
    query = parse_query("digital bank ")
    assert query.words == ("digital", "bank")
    assert query.prefix is None


def test_a_repeated_word_counts_once() -> None:
    assert parse_query("bank bank ").words == ("bank",)
    query = parse_query("bank bank")
    assert (query.words, query.prefix) == ((), "bank")


def test_punctuation_alone_is_not_a_word() -> None:
    """It is no word to look up; alone it is refused, since searching nothing lists everything."""
    assert parse_query("bank -- ... ") == Query(words=("bank",))
    with pytest.raises(QueryError, match=re.escape("nothing to search for in '-- ...'")):
        parse_query("-- ... ")


def test_quoted_phrase() -> None:
    query = parse_query('"Digital bank" china')
    assert query.phrases == (("digital", "bank"),)
    assert query.words == ()
    assert query.prefix == "china"
    assert not query.phrase_prefix


def test_unfinished_phrase_matches_its_last_word_as_a_prefix() -> None:
    query = parse_query('"digital ba')
    assert query.phrases == (("digital", "ba"),)
    assert query.phrase_prefix
    assert query.phrase_is_prefix(0)


def test_a_hyphenated_word_is_a_phrase() -> None:
    assert parse_query("COVID-19 ").phrases == (("covid", "19"),)
    assert parse_query("at 10:30 ").phrases == (("10", "30"),)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("entity:ADB", "entities", ("adb",)),
        ('entity:"Asia  Digital Bank"', "entities", ("asia digital bank",)),
        ("ENTITY:adb", "entities", ("adb",)),
        ("tag:FinTech", "tags", ("fintech",)),
        ("tag:#fintech", "tags", ("fintech",)),
        ("source:TDI", "sources", ("tdi",)),
        ('source:"Hong Kong Free Press"', "sources", ("hong kong free press",)),
        ("has:notes", "has", ("notes",)),
        ("is:unread", "states", ("unread",)),
        ("is:READ", "states", ("read",)),
        ("is:starred", "states", ("starred",)),
        ("after:2022-01-01", "after", ("2022-01-01",)),
        ("after:2022-3-7", "after", ("2022-03-07",)),
        ("after:2022", "after", ("2022-01-01",)),
        ("before:2023-05", "before", ("2023-05-01",)),
    ],
)
def test_each_filter_alone(text: str, field: str, expected: tuple[str, ...]) -> None:
    query = parse_query(text)
    assert getattr(query, field) == expected
    assert query.has_filters
    assert not query.has_text
    assert query.prefix is None  # a filter value is never a word being typed


def test_filters_combined_with_words_and_phrases() -> None:
    query = parse_query(
        'bank entity:ADB "digital economy" tag:fintech is:unread is:starred has:notes '
        "source:TDI after:2022-01-01 before:2023-01-01 metav"
    )
    assert query.words == ("bank",)
    assert query.prefix == "metav"
    assert query.phrases == (("digital", "economy"),)
    assert query.entities == ("adb",)
    assert query.tags == ("fintech",)
    assert query.states == ("unread", "starred")
    assert query.has == ("notes",)
    assert query.sources == ("tdi",)
    assert (query.after, query.before) == (("2022-01-01",), ("2023-01-01",))


def test_the_same_filter_twice_keeps_both_values() -> None:
    query = parse_query("tag:a tag:b tag:a entity:x entity:y")
    assert query.tags == ("a", "b")
    assert query.entities == ("x", "y")


def test_a_url_is_words_not_a_filter() -> None:
    query = parse_query("https://example.org/x ")
    assert query.phrases == (("https", "example", "org", "x"),)
    assert not query.has_filters


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("after:notadate", "after:notadate"),
        ("before:2022-02-30", "before:2022-02-30"),
        ("after:22-01-01", "after:22-01-01"),
        ("is:foo", "is:foo"),
        ("has:everything", "has:everything"),
        ("tags:fintech", "tags:fintech"),
        ("bank entitiy:ADB", "entitiy:ADB"),
        ("entity:", "entity:"),
        ('entity:""', "entity:"),
        ("tag:#", "tag:"),
    ],
)
def test_bad_filters_raise_one_line_naming_the_bad_part(text: str, named: str) -> None:
    with pytest.raises(QueryError) as error:
        parse_query(text)
    message = str(error.value)
    assert named in message
    assert "\n" not in message
    assert isinstance(error.value, ValueError)


def test_errors_say_what_would_work() -> None:
    with pytest.raises(QueryError, match=r"is:read, is:unread or is:starred"):
        parse_query("is:foo")
    with pytest.raises(QueryError, match=r"did you mean tag:\?"):
        parse_query("tags:x")
    with pytest.raises(QueryError, match=r"YYYY-MM-DD"):
        parse_query("after:yesterday")


def test_folding_is_idempotent_for_every_character() -> None:
    """A folded word folds to itself, so query words and indexed words always meet."""
    from tui.search.tokenizer import fold

    characters = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert [c for c in characters if fold(fold(c)) != fold(c)] == []
