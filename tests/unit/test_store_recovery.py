"""Crashes, corrupt files and schema versions: the library never loses the last good data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from tui.models import Article, Block, Entity, Mention, Note
from tui.store import (
    SCHEMA_VERSION,
    CorruptLibraryError,
    Library,
    LibraryError,
    NewerSchemaError,
)
from tui.store.migrations import MIGRATIONS, upgrade
from tui.store.safe_json_storage import SafeJSONStorage
from tui.store.schema import schema_version

ARTICLE = Article(
    id="ab12cd34ef56",
    title="Title",
    text="Title\n\nSome words here.",
    blocks=(Block("heading", 0, 5), Block("paragraph", 7, 23)),
)


NOTES = Path("notes") / "ab.json"
"""The notes shard of ARTICLE (shards are named after an id's first two hex digits)."""


def library_with_notes(folder: Path, count: int) -> list[Note]:
    with Library(folder) as lib:
        lib.add_articles([ARTICLE])
        return [lib.add_note(Note("", ARTICLE.id, f"note {i}")) for i in range(count)]


def read_everything(folder: Path) -> None:
    """Open and read every kind of file: the catalog and notes shards are read on demand."""
    with Library(folder) as lib:
        lib.list_articles()
        lib.notes()


def note_bodies(folder: Path) -> list[str]:
    with Library(folder) as lib:
        return [note.body for note in lib.notes()]


# -- atomic writes -------------------------------------------------------------


def fail_when_replacing(target: Path) -> Callable[[object, object], None]:
    """os.replace that 'crashes' exactly between writing the temp file and renaming it."""
    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == target:
            raise OSError(5, "simulated crash before rename")
        real_replace(src, dst)  # type: ignore[arg-type]

    return replace


def test_crash_before_rename_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 2)
    notes = folder / NOTES
    before = notes.read_bytes()
    lib = Library(folder)
    monkeypatch.setattr(os, "replace", fail_when_replacing(notes))
    with pytest.raises(LibraryError, match=f"could not save library file {notes}"):
        lib.add_note(Note("", ARTICLE.id, "lost in the crash"))
    monkeypatch.undo()
    assert notes.read_bytes() == before
    assert [n.body for n in lib.notes()] == ["note 0", "note 1"]  # the cache was not trusted
    assert not list(notes.parent.glob(".ab.json.*.tmp"))
    lib.close()
    assert note_bodies(folder) == ["note 0", "note 1"]


def test_leftover_temp_file_is_never_taken_for_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    leftover = folder / ".user.json.killed.tmp"
    leftover.write_bytes(orjson.dumps({"notes": {"1": {"id": "x", "article_id": ARTICLE.id}}}))
    assert note_bodies(folder) == ["note 0"]
    assert not leftover.exists()  # swept once the lock showed no writer is alive


def test_previous_version_is_kept_as_bak(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    first = (folder / NOTES).read_bytes()
    library_with_notes(folder, 0)  # opens and writes nothing new
    with Library(folder) as lib:
        lib.add_note(Note("", ARTICLE.id, "second"))
    assert (folder / "notes" / "ab.json.bak").read_bytes() == first


def test_storage_rereads_only_when_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"t": {"1": {"v": 1}}}')
    hour_ago = os.stat(path).st_mtime_ns - 3600 * 10**9
    os.utime(path, ns=(hour_ago, hour_ago))
    storage = SafeJSONStorage(path)
    first = storage.read()
    assert first is storage.read()  # unchanged stat: the cached dict
    other = SafeJSONStorage(path)
    other.write({"t": {"1": {"v": 2}}})
    assert storage.read() == {"t": {"1": {"v": 2}}}


def test_storage_does_not_trust_the_stat_of_a_freshly_written_file(tmp_path: Path) -> None:
    """Same inode, same size, same mtime: a quick second write must still be seen."""
    path = tmp_path / "db.json"
    path.write_bytes(b'{"t": {"1": {"v": 1}}}')
    storage = SafeJSONStorage(path)
    assert storage.read() == {"t": {"1": {"v": 1}}}
    mtime = os.stat(path).st_mtime_ns
    with open(path, "r+b") as handle:
        handle.write(b'{"t": {"1": {"v": 2}}}')
    os.utime(path, ns=(mtime, mtime))
    assert storage.read() == {"t": {"1": {"v": 2}}}


def test_missing_file_reads_as_none(tmp_path: Path) -> None:
    """A new library; an empty file is damage instead (tests/unit/test_library_file_faults.py)."""
    assert SafeJSONStorage(tmp_path / "db.json").read() is None


# -- corrupt files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "damage"),
    [  # a damaged catalog.json is rebuilt instead: test_catalog_rebuild.py
        ("user.json", lambda raw: raw[: len(raw) - 3]),
        ("user.json", lambda raw: b"[1, 2, 3]"),
        ("user.json", lambda raw: b'{"reading": [1, 2]}'),
        (str(NOTES), lambda raw: raw[: len(raw) - 3]),
        (str(NOTES), lambda raw: b'{"notes": [1, 2]}'),
    ],
)
def test_corrupt_file_is_moved_aside_and_the_next_open_works(
    tmp_path: Path, name: str, damage: Callable[[bytes], bytes]
) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    path = folder / name
    bad = damage(path.read_bytes())
    path.write_bytes(bad)

    with pytest.raises(CorruptLibraryError) as error:
        read_everything(folder)
    message = str(error.value)
    moved = error.value.moved_to
    assert "\n" not in message
    assert str(path) in message
    assert str(moved) in message
    assert moved.name.startswith(f"{path.name}.corrupt-")
    assert moved.read_bytes() == bad
    assert not path.exists()

    with Library(folder) as lib:  # second start: an empty file in its place
        if name == "user.json":  # reading state and saved searches only: notes are elsewhere
            assert [note.body for note in lib.notes()] == ["note 0"]
        else:
            assert lib.notes() == []
    assert moved.read_bytes() == bad


def test_corrupt_file_message_offers_the_last_good_version(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 2)  # the shard written twice: .bak holds one note
    user = folder / NOTES
    user.write_bytes(b'{"notes": {"1": ')
    with pytest.raises(CorruptLibraryError) as error:
        read_everything(folder)
    backup = error.value.backup
    assert backup is not None
    assert str(backup) in str(error.value)
    assert "unreadable (invalid JSON" in str(error.value)
    kept = orjson.loads(backup.read_bytes())
    assert [doc["body"] for doc in kept["notes"].values()] == ["note 0"]

    # The next start rotates .bak, but the offered copy stays put.
    with Library(folder) as lib:
        lib.add_note(Note("", ARTICLE.id, "new 1"))
        lib.add_note(Note("", ARTICLE.id, "new 2"))
    assert orjson.loads(backup.read_bytes()) == kept
    backup.replace(user)  # what the message tells the user to do
    assert note_bodies(folder) == ["note 0"]


def test_corrupt_files_never_overwrite_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    moved = []
    for garbage in (b"first {", b"second {"):
        (folder / "user.json").write_bytes(garbage)
        with pytest.raises(CorruptLibraryError) as error:
            read_everything(folder)
        moved.append(error.value.moved_to)
    assert moved[0] != moved[1]
    assert [p.read_bytes() for p in moved] == [b"first {", b"second {"]


def test_corrupt_body_shard_is_moved_aside_and_restored_by_reimport(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 0)
    shard = folder / "bodies" / "ab.json"
    shard.write_bytes(b"\x00" * 10)
    with Library(folder) as lib:
        lib.set_entities_many([(ARTICLE.id, [])], "v1")
        with pytest.raises(CorruptLibraryError, match=str(shard)):
            lib.get_article(ARTICLE.id)
        with pytest.raises(LibraryError, match="import the article again"):
            lib.get_article(ARTICLE.id)
        assert lib.add_articles([ARTICLE]) == ["updated"]  # re-importing restores the text
        assert lib.get_article(ARTICLE.id) == ARTICLE
        assert lib.extractor_version(ARTICLE.id) == "v1"  # same text: entities still valid
        assert lib.add_articles([ARTICLE]) == ["unchanged"]


def test_body_that_does_not_match_the_catalog_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 0)
    shard = folder / "bodies" / "ab.json"
    shard.write_bytes(shard.read_bytes().replace(b"Some words", b"Other word"))
    with Library(folder) as lib, pytest.raises(LibraryError, match="import the article again"):
        lib.get_article(ARTICLE.id)


# -- schema versions -----------------------------------------------------------


@pytest.mark.parametrize("name", ["catalog.json", "user.json"])
def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    path = folder / name
    data = orjson.loads(path.read_bytes())
    data["meta"]["1"]["schema"] = 7
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    stat = path.stat()
    with pytest.raises(NewerSchemaError) as error:
        read_everything(folder)
    assert str(error.value) == (
        f"library {path} has schema 7, this Gloss understands up to {SCHEMA_VERSION}: upgrade Gloss"
    )
    assert path.read_bytes() == raw
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_newer_schema_written_while_open_is_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    lib = Library(folder)
    user = folder / NOTES
    data = orjson.loads(user.read_bytes())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    user.write_bytes(orjson.dumps(data))
    raw = user.read_bytes()
    with pytest.raises(NewerSchemaError):
        lib.add_note(Note("", ARTICLE.id, "must not downgrade the file"))
    with pytest.raises(NewerSchemaError):
        lib.notes()
    assert user.read_bytes() == raw
    lib.close()


def test_unversioned_file_is_migrated(tmp_path: Path) -> None:
    """A version-0 file (plain TinyDB, no meta) is stamped and its data kept."""
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    user = folder / "user.json"
    data = orjson.loads(user.read_bytes())
    del data["meta"]
    user.write_bytes(orjson.dumps(data))
    assert note_bodies(folder) == ["note 0"]
    assert schema_version(orjson.loads(user.read_bytes())) == SCHEMA_VERSION


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    assert set(MIGRATIONS) == set(range(SCHEMA_VERSION))
    tables: dict[str, dict[str, object]] = {"notes": {"1": {"id": "n"}}}
    assert upgrade(tables, tmp_path / "x.json")  # type: ignore[arg-type]
    once = orjson.dumps(tables)
    assert not upgrade(tables, tmp_path / "x.json")  # type: ignore[arg-type]
    for migration in MIGRATIONS.values():
        migration(tables)  # type: ignore[arg-type]
    assert orjson.dumps(tables) == once


def test_reading_state_and_notes_survive_reopen_after_many_writes(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    library_with_notes(folder, 0)
    with Library(folder) as lib:
        for position in range(20):
            lib.save_position(ARTICLE.id, position)
    with Library(folder) as lib:
        assert lib.reading_state(ARTICLE.id).position == 19


def _as_schema_1(folder: Path) -> dict[str, object]:
    """Turn a library into the schema-1 layout: every note in user.json, no notes shards."""
    user = folder / "user.json"
    old = orjson.loads(user.read_bytes())
    old["notes"] = orjson.loads((folder / NOTES).read_bytes())["notes"]
    old["meta"]["1"]["schema"] = 1
    user.write_bytes(orjson.dumps(old))
    return old


def test_schema_1_notes_move_to_their_shards(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    saved = library_with_notes(folder, 3)
    old = _as_schema_1(folder)
    (folder / NOTES).unlink()
    with Library(folder) as lib:
        assert lib.notes() == saved
    user = orjson.loads((folder / "user.json").read_bytes())
    assert "notes" not in user
    assert schema_version(user) == SCHEMA_VERSION
    assert orjson.loads((folder / NOTES).read_bytes())["notes"] == old["notes"]


def test_a_move_interrupted_after_the_shards_is_finished_without_duplicates(
    tmp_path: Path,
) -> None:
    """Killed between writing the shards and user.json: notes are in both; none doubles."""
    folder = tmp_path / "lib"
    saved = library_with_notes(folder, 2)
    _as_schema_1(folder)  # the shard still holds the same notes
    with Library(folder) as lib:
        assert lib.notes() == saved
    assert "notes" not in orjson.loads((folder / "user.json").read_bytes())


@pytest.mark.parametrize("user_schema", [1, 2])
def test_schema_1_entities_move_out_of_the_catalog(tmp_path: Path, user_schema: int) -> None:
    """The catalog before schema 3 held every entity: they move to shards, their version stays."""
    folder = tmp_path / "lib"
    entities = [Entity("Asia Digital Bank", "organization", ("ADB",), (Mention(7, 11, "Some"),))]
    with Library(folder) as lib:
        lib.add_articles([ARTICLE])
        lib.set_entities_many([(ARTICLE.id, entities)], "5")
    shard = folder / "entities" / "ab.json"
    catalog = orjson.loads((folder / "catalog.json").read_bytes())
    catalog["entities"] = orjson.loads(shard.read_bytes())["entities"]
    for doc in catalog["articles"].values():
        del doc["entities_version"]
    catalog["meta"]["1"]["schema"] = 1
    (folder / "catalog.json").write_bytes(orjson.dumps(catalog))
    shard.unlink()
    bodies = orjson.loads((folder / "bodies" / "ab.json").read_bytes())
    for doc in bodies["bodies"].values():
        del doc["article"]  # schema 1 bodies held texts alone
    (folder / "bodies" / "ab.json").write_bytes(orjson.dumps(bodies))
    user = orjson.loads((folder / "user.json").read_bytes())
    user["meta"]["1"]["schema"] = user_schema
    (folder / "user.json").write_bytes(orjson.dumps(user))

    with Library(folder) as lib:
        assert lib.entities(ARTICLE.id) == entities
        assert lib.extractor_versions([ARTICLE.id]) == {ARTICLE.id: "5"}
        assert [hit.article_id for hit in lib.search("adb")] == [ARTICLE.id]
    assert "entities" not in orjson.loads((folder / "catalog.json").read_bytes())
    bodies = orjson.loads((folder / "bodies" / "ab.json").read_bytes())
    assert [doc["article"]["title"] for doc in bodies["bodies"].values()] == [ARTICLE.title]


def test_an_article_is_shown_from_its_shard_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening one article of a large library must not parse the whole catalog."""
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    lib = Library(folder)
    read: list[str] = []
    real_read = SafeJSONStorage.read

    def spy(storage: SafeJSONStorage, keep: bool = True) -> object:
        read.append(storage.path.name)
        return real_read(storage, keep)

    monkeypatch.setattr(SafeJSONStorage, "read", spy)
    assert lib.get_article(ARTICLE.id) == ARTICLE
    assert [note.body for note in lib.notes(ARTICLE.id)] == ["note 0"]
    assert "catalog.json" not in read
    lib.close()


def test_an_older_library_opened_read_only_shows_its_notes_and_entities(tmp_path: Path) -> None:
    """Read-only, nothing can be moved: notes and entities are read where schema 1 kept them."""
    folder = tmp_path / "lib"
    saved = library_with_notes(folder, 2)
    entities = [Entity("Some", "organization", (), (Mention(7, 11, "Some"),))]
    with Library(folder) as lib:
        lib.set_entities_many([(ARTICLE.id, entities)], "5")
    _as_schema_1(folder)
    (folder / NOTES).unlink()
    catalog = orjson.loads((folder / "catalog.json").read_bytes())
    shard = folder / "entities" / "ab.json"
    catalog["entities"] = orjson.loads(shard.read_bytes())["entities"]
    (folder / "catalog.json").write_bytes(orjson.dumps(catalog))
    shard.unlink()
    before = {path: path.read_bytes() for path in folder.rglob("*.json")}

    with Library(folder, read_only=True) as lib:
        assert lib.notes(ARTICLE.id) == saved
        assert lib.notes() == saved
        assert lib.entities(ARTICLE.id) == entities
        assert lib.entity_article_counts() == {"some": 1}
    assert {path: path.read_bytes() for path in folder.rglob("*.json")} == before


def test_schema_3_catalog_gives_its_blocks_to_the_bodies(tmp_path: Path) -> None:
    """Version 4 catalogs keep no blocks (most of a large catalog's memory), the bodies do."""
    folder = tmp_path / "lib"
    library_with_notes(folder, 1)
    catalog = orjson.loads((folder / "catalog.json").read_bytes())
    for doc in catalog["articles"].values():
        assert "blocks" not in doc
        doc["blocks"] = [[b.kind, b.start, b.end] for b in ARTICLE.blocks]
        del doc["layout"]
    catalog["meta"]["1"]["schema"] = 3
    (folder / "catalog.json").write_bytes(orjson.dumps(catalog))
    user = orjson.loads((folder / "user.json").read_bytes())
    user["meta"]["1"]["schema"] = 3
    (folder / "user.json").write_bytes(orjson.dumps(user))

    with Library(folder) as lib:
        assert lib.get_article(ARTICLE.id) == ARTICLE
        assert lib.add_articles([ARTICLE]) == ["unchanged"]
        assert lib.add_articles([replace(ARTICLE, blocks=ARTICLE.blocks[1:])]) == ["updated"]
        assert lib.get_article(ARTICLE.id).blocks == ARTICLE.blocks[1:]
    docs = orjson.loads((folder / "catalog.json").read_bytes())["articles"].values()
    assert [("blocks" in doc, "layout" in doc) for doc in docs] == [(False, True)]
