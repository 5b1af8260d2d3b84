"""The type each field of a stored record must have, for record_checks.checked_*.

Library files may come from elsewhere (synced, shared, edited by hand): a record
can be valid JSON and still hold `"title": null` or `"date": 20240101`. The
codec checks each record as it is read against its rules; a wrong field is read
as the rule's default and said in one line (see `wrong_field`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

Doc = dict[str, Any]
Report = Callable[[str], None]
"""Takes one line about one wrong field (the Library collects them for the CLI and the app)."""

Kind = tuple[frozenset[type], str]
"""The types a field may have, and how a message says so."""

TEXT: Kind = (frozenset({str}), "text")
TEXT_OR_NULL: Kind = (frozenset({str, type(None)}), "text or null")
TEXTS: Kind = (frozenset({list}), "a list of texts")  # every item text, too
COUNT: Kind = (frozenset({int}), "a whole number")  # not negative, too
FLAG: Kind = (frozenset({bool}), "true or false")
LIST: Kind = (frozenset({list}), "a list")

Rule = tuple[str, Kind, object]
"""A field, what it must be, and what a wrong one is read as (a missing one is left missing)."""

MISSING = object()
_NO_ITEMS: list[str] = []


def _fits(value: Any, kind: Kind) -> bool:
    if type(value) not in kind[0]:
        return False
    if kind is TEXTS:
        return all(type(item) is str for item in value)
    return kind is not COUNT or value >= 0


class RecordRules:
    """The rules of one kind of record (a catalog entry, a note...)."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules

        def names(kind: Kind) -> tuple[str, ...]:
            return tuple(name for name, its_kind, _ in rules if its_kind is kind)

        self._text, self._text_or_null, self._texts = names(TEXT), names(TEXT_OR_NULL), names(TEXTS)
        self._counts, self._flags, self._lists = names(COUNT), names(FLAG), names(LIST)

    def fits(self, doc: Doc) -> bool:
        """Is every field right? Every record read goes through this (a 100k catalog at each
        read of it), so fields are looked at kind by kind, without a call per field."""
        get = doc.get
        for name in self._text_or_null:
            value = get(name)
            if value is not None and type(value) is not str:
                return False
        for name in self._text:
            if type(get(name, "")) is not str:
                return False
        for name in self._texts:
            value = get(name, _NO_ITEMS)
            if type(value) is not list or (value and not all(type(i) is str for i in value)):
                return False
        for name in self._counts:
            value = get(name, 0)
            if type(value) is not int or value < 0:
                return False
        for name in self._flags:
            if type(get(name, False)) is not bool:
                return False
        return all(type(get(name, _NO_ITEMS)) is list for name in self._lists)

    def checked(self, doc: Doc, place: Callable[[], str], report: Report) -> Doc:
        """The record with each wrong field read as its default, each said; `doc` itself when
        all are right. `place` names the file and the record, for the message."""
        if self.fits(doc):
            return doc
        fixed = dict(doc)
        for name, kind, default in self.rules:
            if name in doc and not _fits(doc[name], kind):
                fixed[name] = default
                shown = orjson.dumps(default).decode()
                report(wrong_field(place(), name, doc[name], kind[1], f"read as {shown}"))
        return fixed


def wrong_field(place: str, field: str, value: object, expected: str, outcome: str) -> str:
    """One line: where, which field, what it holds instead of what, and what was done."""
    if value is MISSING:
        return f'{place}: "{field}" is missing; {outcome}'
    shown = _shown(value)
    if expected == TEXTS[1] and isinstance(value, list):  # say which item is not text
        shown = f"a list holding {_shown(next(i for i in value if type(i) is not str))}"
    return f'{place}: "{field}" is {shown}, not {expected}; {outcome}'


def _shown(value: object) -> str:
    """A stored value as a message shows it: short, on one line, control characters escaped."""
    if value is None or isinstance(value, bool):
        return orjson.dumps(value).decode()
    if isinstance(value, str):
        shown = repr(value)  # escapes control characters, C1 included
        return f"the text {shown if len(shown) <= 40 else shown[:38] + '…' + shown[-1]}"
    if isinstance(value, int | float):
        shown = repr(value)
        return f"the number {shown if len(shown) <= 30 else shown[:29] + '…'}"
    return "a list" if isinstance(value, list) else "an object"
