"""Turn what the user typed into a Query, or a QueryError naming the bad part.

Syntax: free words (all must match; a word ending in `*` matches as the start
of a word, and so does the last one while it is being typed, unless the query
is not typed (`gloss search`); a query with no letter or digit in it is refused),
"quoted phrases", and filters `key:value` or `key:"value with spaces"`:
entity:, tag:, source:, feed:, has:notes, is:read|unread|starred, after:DATE
(inclusive), before:DATE (exclusive), color:yellow|green|blue|pink|none (a note's
highlight colour; none for plain notes).
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from tui.models import HIGHLIGHT_COLORS
from tui.search.errors import QueryError
from tui.search.query import Phrase, Query
from tui.search.tokenizer import fold, tokenize

FILTERS = ("entity", "tag", "source", "feed", "has", "is", "after", "before", "color")
IS_VALUES = ("read", "unread", "starred")
HAS_VALUES = ("notes",)
COLOR_VALUES = (*HIGHLIGHT_COLORS, "none")

_KEY = re.compile(r"([A-Za-z]+):(?!//)")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _shown(key: str, value: str) -> str:
    return f'{key}:"{value}"' if " " in value else f"{key}:{value}"


def parse_date(key: str, value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD -> the first day it names, as YYYY-MM-DD."""
    match = _DATE.fullmatch(value.strip())
    problem = f"bad date in {_shown(key, value)}: use YYYY-MM-DD, YYYY-MM or YYYY"
    if match is None:
        raise QueryError(problem)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise QueryError(problem) from None


def _unknown(key: str, value: str) -> QueryError:
    close = difflib.get_close_matches(key.lower(), FILTERS, n=1)
    hint = f"did you mean {close[0]}:? " if close else ""
    names = ", ".join(f"{name}:" for name in FILTERS)
    return QueryError(f"unknown filter {_shown(key, value)}: {hint}filters are {names}")


def _bad(key: str, value: str, allowed: tuple[str, ...]) -> QueryError:
    choices = [f"{key}:{choice}" for choice in allowed]
    listed = choices[0] if len(choices) == 1 else ", ".join(choices[:-1]) + " or " + choices[-1]
    return QueryError(f"bad filter {_shown(key, value)}: use {listed}")


def filter_value(key: str, value: str) -> tuple[str, str]:
    """A filter's name and its value as queries compare it; QueryError if either is bad."""
    name = key.lower()
    if name not in FILTERS:
        raise _unknown(key, value)
    if not value.strip():
        raise QueryError(f"empty filter {name}: give it a value, e.g. {_example(name)}")
    clean = " ".join(value.split())
    if name == "is":
        if clean.lower() not in IS_VALUES:
            raise _bad(name, value, IS_VALUES)
        return name, clean.lower()
    if name == "has":
        if clean.lower() not in HAS_VALUES:
            raise _bad(name, value, HAS_VALUES)
        return name, clean.lower()
    if name == "color":
        if clean.lower() not in COLOR_VALUES:
            raise _bad(name, value, COLOR_VALUES)
        return name, clean.lower()
    if name in ("after", "before"):
        return name, parse_date(key, value)
    clean = fold(clean.lstrip("#") if name == "tag" else clean)
    if not clean:
        raise QueryError(f"empty filter {name}: give it a value, e.g. {_example(name)}")
    return name, clean


def _example(name: str) -> str:
    return {
        "entity": "entity:ADB",
        "tag": "tag:fintech",
        "source": "source:Reuters",
        "feed": 'feed:"Hacker News"',
        "has": "has:notes",
        "is": "is:unread",
        "after": "after:2022-01-01",
        "before": "before:2023-01-01",
        "color": "color:yellow",
    }[name]


def _run_end(text: str, start: int) -> int:
    """End of a bare word: the next space or quote."""
    end = start
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    return end


def _quoted(text: str, start: int) -> tuple[str, int, bool]:
    """The text inside quotes opening at `start`, the index after them, and whether closed."""
    close = text.find('"', start + 1)
    if close == -1:
        return text[start + 1 :], len(text), False
    return text[start + 1 : close], close + 1, True


def parse_query(text: str, *, as_typed: bool = True) -> Query:
    """Parse a search box's content; raises QueryError with a one-line message.

    `as_typed`: the text is being typed, so its unfinished last word is a prefix.
    A script's query (not as typed) matches whole words except those ending in `*`.
    """
    words: list[str] = []
    starred: list[str] = []
    phrases: list[Phrase] = []
    filters: dict[str, list[str]] = {name: [] for name in FILTERS}
    last: str | None = None  # kind of the last part: "word", "phrase", "open phrase", "filter"
    wordless: list[str] = []  # parts without a letter or digit ("&", "—"): nothing to look up
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == '"':
            inner, i, closed = _quoted(text, i)
            tokens = tokenize(inner)
            if tokens:
                phrases.append(tuple(tokens))
                last = "phrase" if closed else "open phrase"
            elif inner.strip():
                wordless.append(inner.strip())
            continue
        key = _KEY.match(text, i)
        if key is not None:
            start = key.end()
            if start < len(text) and text[start] == '"':
                value, i, _ = _quoted(text, start)
            else:
                i = _run_end(text, start)
                value = text[start:i]
            name, clean = filter_value(key.group(1), value)
            if clean not in filters[name]:
                filters[name].append(clean)
            last = "filter"
            continue
        end = _run_end(text, i)
        tokens = tokenize(text[i:end])
        if len(tokens) == 1 and text[i:end].endswith("*"):
            starred.append(tokens[0])
            last = "starred"
        elif len(tokens) == 1:
            words.append(tokens[0])
            last = "word"
        elif tokens:
            phrases.append(tuple(tokens))
            last = "open phrase"
        else:
            wordless.append(text[i:end])
        i = end
    if wordless and not words and not phrases:  # searching for nothing would list everything
        raise QueryError(
            f"nothing to search for in {' '.join(wordless)!r}: a word needs a letter or digit"
        )
    typing = as_typed and bool(text) and not text[-1].isspace()
    prefix = None
    if typing and last == "word":
        prefix = words.pop()  # the word being typed: matched as the start of a word
    return Query(
        words=tuple(dict.fromkeys(w for w in words if w != prefix)),
        prefix=prefix,
        starred=tuple(dict.fromkeys(starred)),
        phrases=tuple(phrases),
        phrase_prefix=typing and last == "open phrase",
        entities=tuple(filters["entity"]),
        tags=tuple(filters["tag"]),
        sources=tuple(filters["source"]),
        feeds=tuple(filters["feed"]),
        states=tuple(filters["is"]),
        has=tuple(filters["has"]),
        after=tuple(filters["after"]),
        before=tuple(filters["before"]),
        colors=tuple(filters["color"]),
    )
