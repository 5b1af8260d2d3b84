"""Three real Wikinews articles naming Carrie Lam, and notes on them.

tests/conftest.py imports them once per session (`hong_kong_template`) and
gives each test a copy, opened (`hong_kong`).
"""

from __future__ import annotations

import time

from tui.annotations.notes import new_note
from tui.models import Note
from tui.store import Library

HONG_KONG = (
    "2019-06-23-hong-kong-protesters-surround-downtown-police-complex.md",
    "2019-09-06-hong-kong-leader-announces-withdrawal-of-extradition-bill.md",
    "2019-10-16-hong-kong-s-carrie-lam-delivers-speech-on-video-after-protests-in-legi.md",
)


def by_date(library: Library) -> list[str]:
    """The article ids, oldest first: June, September, October 2019."""
    return [s.id for s in sorted(library.list_articles(), key=lambda s: s.date or "")]


def annotate(library: Library) -> dict[str, Note]:
    """A yellow highlight in June, a pink one with a note in September, a note in October,
    written in this order."""
    june, september, october = (library.get_article(i) for i in by_date(library))
    made = {
        "yellow": new_note(june, quote="principal police complex", color="yellow"),
        "pink": new_note(
            september, quote="withdraw a proposed bill", body="The **bill** at last", color="pink"
        ),
        "plain": new_note(october, body="Lam spoke on video #hk"),
    }
    return {name: added_a_moment_apart(library, note) for name, note in made.items()}


def added_a_moment_apart(library: Library, note: Note) -> Note:
    """Add the note, then let the clock move past the stored time's resolution (a
    millisecond), so that notes added one after another are never written at once."""
    stored = library.add_note(note)
    time.sleep(0.002)
    return stored
