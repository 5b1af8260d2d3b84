"""A real library whose files another program filled with escape sequences.

A library folder may be synced or shared, so what Gloss reads back is as
untrusted as what it imports: these helpers write a terminal attack into every
text field of every file, as such a program would, bypassing Gloss's own checks.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from tests.data_paths import SEED
from tui.annotations.anchoring import make_selector
from tui.importing.importer import import_paths
from tui.models import Note, text_hash
from tui.store import Library

# Sets the terminal's title, clears the screen, starts a C1 CSI, reverses the
# text's direction, and returns the cursor to overwrite the line.
PAYLOAD = "\x1b]0;PWN\x07\x1b[2J\x9b31m\u202e\r\x08"
TYPED = "\x1b]0;PWN\x07\x1b[2J\x9b\u202e\x08"
"""What a paste or an argument might hold: nothing of it is kept."""
VISIBLE = "PWN"
"""The part of PAYLOAD a defused screen still shows (proof that the field was drawn)."""
VIEW = "Poisoned view"


def has_control(value: str, allowed: str = "") -> bool:
    """C0/C1 controls (ESC included), bidi overrides and lone surrogates, except the allowed."""
    return any(
        (unicodedata.category(char) in {"Cc", "Cs"} and char not in allowed)
        or char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        for char in value
    )


def poisoned_library(folder: Path) -> str:
    """The seed article with a note, an entity note and a saved view, then PAYLOAD put into
    every text field of every file; returns the article's id."""
    with Library(folder) as library:
        report = import_paths(library, [SEED])
        assert report.ok, report.failed
        article = library.get_article(report.added[0].id)
        start = article.text.index("strategic partnership")
        library.add_note(
            Note(id="", article_id=article.id, body="a note", tags=("mine",), color="yellow")
        )
        library.add_note(Note(id="", article_id=article.id, body="on Beijing", entity="Beijing"))
        selector = make_selector(article.text, start, start + len(PAYLOAD))
        library.add_note(Note(id="", article_id=article.id, body="quoted", selector=selector))
        library.set_article_tags(article.id, ["own"])
        library.save_search(VIEW, "adb")
    _poison(folder, article.id, start)
    return article.id


def _poison(folder: Path, article_id: str, start: int) -> None:
    end = start + len(PAYLOAD)
    shard = article_id[:2]

    def text(old: str) -> str:
        return old[:start] + PAYLOAD + old[end:]

    def entry(doc: dict[str, Any], new_hash: str) -> None:
        for field in ("title", "source", "author", "place"):
            doc[field] = f"{doc.get(field) or field} {PAYLOAD}"
        doc["tags"] = [*doc.get("tags", []), f"tag{PAYLOAD}"]
        doc["text_hash"] = new_hash

    bodies = _load(folder / "bodies" / f"{shard}.json")
    (body,) = [doc for doc in bodies["bodies"].values() if doc["id"] == article_id]
    body["text"] = text(body["text"])
    new_hash = text_hash(body["text"])
    entry(body["article"], new_hash)
    _save(folder / "bodies" / f"{shard}.json", bodies)

    catalog = _load(folder / "catalog.json")
    for doc in catalog["articles"].values():
        entry(doc, new_hash)
    _save(folder / "catalog.json", catalog)

    entities = _load(folder / "entities" / f"{shard}.json")
    for doc in entities["entities"].values():
        for entity in doc["entities"]:
            entity["name"] += PAYLOAD
            entity["aliases"] = [*entity["aliases"], f"alias{PAYLOAD}"]
    _save(folder / "entities" / f"{shard}.json", entities)

    notes = _load(folder / "notes" / f"{shard}.json")
    for note in notes["notes"].values():
        note["body"] = f"{note['body']} {PAYLOAD}\nsecond line"
        note["tags"] = [*note["tags"], f"tag{PAYLOAD}"]
        if note["entity"]:
            note["entity"] += PAYLOAD
        if note["selector"]:
            note["selector"]["exact"] = PAYLOAD
            note["selector"]["text_hash"] = new_hash
    _save(folder / "notes" / f"{shard}.json", notes)

    user = _load(folder / "user.json")
    for state in user["reading"].values():
        state["tags"] = [*state["tags"], f"own{PAYLOAD}"]
    for view in user["saved_searches"].values():
        view["name"] += PAYLOAD
        view["query"] += PAYLOAD
    _save(folder / "user.json", user)


def _load(path: Path) -> dict[str, Any]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")
