"""Damaged library files and a full disk, as a user meets them through `gloss`.

Every kind of library file x every kind of damage: the command fails with one
line naming the file and the reason, the damaged file is kept (moved aside when
it is garbage, untouched when it is from a newer Gloss or cannot be read), and
no other file changes. A full disk fails the save in one line and keeps the
previous data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
import pytest

from tests.cli_run import run
from tests.faults import deny_reading, files_under, fill_disk, use_up_inodes
from tui.models import Article, Block, Note
from tui.store import SCHEMA_VERSION, Library, LibraryError

TEXT = "Rivers rise\n\nThe water came up overnight in three valleys."
ARTICLE = Article(
    id="ab12cd34ef56",
    title="Rivers rise",
    text=TEXT,
    blocks=(Block("heading", 0, 11), Block("paragraph", 13, len(TEXT))),
    date="2024-05-01",
)
OTHER = Article(
    id="cd34ef56ab12",
    title="Dry summer",
    text="Dry summer\n\nNo rain since May.",
    blocks=(Block("heading", 0, 10), Block("paragraph", 12, 30)),
)


@dataclass(frozen=True)
class FileKind:
    """A kind of library file, where ARTICLE's copy of it lives, and which commands read it."""

    name: str
    path: Callable[[str], Path]  # article id -> path in the library folder
    commands: tuple[str, ...]


KINDS = [
    FileKind("catalog", lambda _: Path("catalog.json"), ("list", "show", "notes", "open")),
    FileKind("user data", lambda _: Path("user.json"), ("list", "show", "notes", "open")),
    FileKind("body shard", lambda article: Path("bodies") / f"{article[:2]}.json", ("show",)),
    FileKind("notes shard", lambda article: Path("notes") / f"{article[:2]}.json", ("notes",)),
    FileKind("entities shard", lambda a: Path("entities") / f"{a[:2]}.json", ("entities",)),
]
"""One line per kind of file; a kind a library does not have (yet) is skipped."""


def command(name: str, folder: Path) -> list[str]:
    args = {
        "list": ["list"],
        "show": ["show", ARTICLE.id],
        "notes": ["notes"],
        "entities": ["entities", ARTICLE.id],
        "open": ["open"],
    }
    return [*args[name], "--library", str(folder)]


def newer_schema(raw: bytes) -> bytes:
    data = orjson.loads(raw)
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    return orjson.dumps(data)


@dataclass(frozen=True)
class Damage:
    name: str
    reason: str  # in the message
    moved_aside: bool  # garbage is moved aside; a newer or unreadable file is left alone
    apply: Callable[[Path], None]


def replace_bytes(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        path.write_bytes(change(path.read_bytes()))

    return apply


def make_directory(path: Path) -> None:
    """Unreadable even for root: a folder where the file should be."""
    path.unlink()
    path.mkdir()
    (path / "stray").write_text("keep me")


DAMAGES = [
    Damage("empty", "the file is empty", True, replace_bytes(lambda raw: b"")),
    Damage("blank", "the file holds only blank space", True, replace_bytes(lambda raw: b" \n\n")),
    Damage("truncated", "invalid JSON", True, replace_bytes(lambda raw: raw[: len(raw) // 2])),
    Damage("binary", "invalid JSON", True, replace_bytes(lambda raw: b"\x00\xff\xfe\x9c\x01zz")),
    Damage("newer schema", f"has schema {SCHEMA_VERSION + 1}", False, replace_bytes(newer_schema)),
    Damage("unreadable", "Is a directory", False, make_directory),
]


def build_library(folder: Path) -> None:
    """Two articles, entities, a note and a reading state: every kind of file written."""
    with Library(folder) as library:
        library.add_articles([ARTICLE, OTHER])
        library.set_entities_many([(ARTICLE.id, [])], "test")
        library.add_note(Note("", ARTICLE.id, "water levels #flood"))
        library.save_position(ARTICLE.id, 13)
        library.set_starred(ARTICLE.id, True)


def rebuilt(kind: FileKind, damage: Damage) -> bool:
    """A damaged catalog is moved aside and rebuilt from the shards (test_catalog_rebuild.py)."""
    return kind.name == "catalog" and damage.moved_aside


def cases() -> list[tuple[FileKind, Damage, str]]:
    """Every kind x damage x command; the reader, once a catalog is rebuilt, is a UI test."""
    return [
        (kind, damage, name)
        for kind in KINDS
        for damage in DAMAGES
        for name in kind.commands
        if not (rebuilt(kind, damage) and name == "open")
    ]


@pytest.mark.parametrize(
    ("kind", "damage", "name"),
    cases(),
    ids=[f"{kind.name}-{damage.name}-{name}" for kind, damage, name in cases()],
)
def test_damaged_file_gives_one_line_and_is_kept(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: FileKind,
    damage: Damage,
    name: str,
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    path = folder / kind.path(ARTICLE.id)
    if not path.is_file():
        pytest.skip(f"this library layout has no {kind.path(ARTICLE.id)}")
    damage.apply(path)
    damaged = None if path.is_dir() else path.read_bytes()
    before = files_under(folder)

    code, out, err = run(capsys, *command(name, folder))

    assert code == (0 if rebuilt(kind, damage) else 1)
    assert "Traceback" not in err + out
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("gloss: ")
    assert str(path) in err
    assert damage.reason in err
    if damage.moved_aside:
        found = re.search(r"moved it to (\S+);", err)
        assert found, err
        moved = Path(found.group(1))
        assert moved.parent == path.parent and moved.name.startswith(f"{path.name}.corrupt-")
        assert moved.read_bytes() == damaged
        if rebuilt(kind, damage):
            assert "rebuilt it with 2 articles from the body shards" in err
            with Library(folder) as library:
                assert [s.id for s in library.list_articles()] == [ARTICLE.id, OTHER.id]
        else:
            assert not path.exists()
    elif damaged is None:
        assert (path / "stray").read_text() == "keep me"
    else:
        assert path.read_bytes() == damaged
    after = files_under(folder)
    lost = {p for p in before if p != path and before[p] != after.get(p)}
    assert not lost, f"changed or removed: {sorted(map(str, lost))}"


def test_file_without_read_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """chmod 000 stops anyone but root; as root the same EACCES is injected."""
    folder = tmp_path / "lib"
    build_library(folder)
    catalog = folder / "catalog.json"
    raw = catalog.read_bytes()
    catalog.chmod(0o000)
    if os.geteuid() == 0:
        deny_reading(monkeypatch, catalog)
    code, out, err = run(capsys, "list", "--library", str(folder))
    monkeypatch.undo()
    catalog.chmod(0o644)
    assert code == 1
    assert out == ""
    assert err == f"gloss: cannot read library file {catalog}: Permission denied\n"
    assert catalog.read_bytes() == raw


def test_empty_file_is_damage_but_a_missing_file_is_a_new_library(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    (folder / "user.json").unlink()
    with Library(folder) as library:  # missing: a fresh user.json, the articles still there
        assert [s.id for s in library.list_articles()] == [ARTICLE.id, OTHER.id]
    (folder / "user.json").write_bytes(b"")
    with pytest.raises(LibraryError, match="unreadable \\(the file is empty\\)"):
        Library(folder)
    assert [p.name for p in folder.glob("user.json.corrupt-*")] != []


# -- a full disk -------------------------------------------------------------------


SAVES: dict[str, Callable[[Library], object]] = {
    "add_note": lambda lib: lib.add_note(Note("", ARTICLE.id, "lost to the full disk")),
    "save_position": lambda lib: lib.save_position(ARTICLE.id, 99),
    "set_starred": lambda lib: lib.set_starred(OTHER.id, True),
    "save_search": lambda lib: lib.save_search("floods", "water"),
    "add_articles": lambda lib: lib.add_articles(
        [
            Article(
                id="ef56ab12cd34",
                title="New",
                text="New\n\nA third article.",
                blocks=(Block("heading", 0, 3), Block("paragraph", 5, 21)),
            ),
            replace(ARTICLE, title="Rivers rise again"),
        ]
    ),
}


@pytest.mark.parametrize("free", [0, 40], ids=["no-space", "partial-write"])
@pytest.mark.parametrize("save", list(SAVES))
def test_full_disk_fails_the_save_and_keeps_the_previous_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, save: str, free: int
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    before = files_under(folder)
    library = Library(folder)
    fill_disk(monkeypatch, folder, free)

    with pytest.raises(LibraryError) as error:
        SAVES[save](library)

    message = str(error.value)
    assert "\n" not in message
    found = re.fullmatch(
        r"could not save library file (\S+): No space left on device \(the file is unchanged\)",
        message,
    )
    assert found, message
    assert folder in Path(found.group(1)).parents  # the file it was saving
    assert files_under(folder) == before  # every file as it was, and no temp file left
    monkeypatch.undo()
    library.close()
    with Library(folder) as reopened:
        assert [s.title for s in reopened.list_articles()] == ["Rivers rise", "Dry summer"]
        assert [n.body for n in reopened.notes()] == ["water levels #flood"]
        state = reopened.reading_state(ARTICLE.id)
        assert (state.position, state.starred) == (13, True)
        assert reopened.get_article(ARTICLE.id).text == TEXT
        SAVES[save](reopened)  # space again: the same save works


def test_full_disk_note_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    before = files_under(folder)
    fill_disk(monkeypatch, folder)
    code, out, err = run(
        capsys, "note", "add", ARTICLE.id[:6], "--body", "too late", "--library", str(folder)
    )
    assert code == 1
    assert out == ""
    assert re.fullmatch(
        r"gloss: could not save library file \S+: No space left on device "
        r"\(the file is unchanged\)\n",
        err,
    ), err
    assert files_under(folder) == before


def test_a_disk_without_a_free_inode_still_opens_for_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not even an empty file can be created: the library opens, each save says why."""
    folder = tmp_path / "lib"
    build_library(folder)
    before = files_under(folder)

    use_up_inodes(monkeypatch, folder)
    with Library(folder) as library:
        assert not library.read_only
        assert [n.body for n in library.notes()] == ["water levels #flood"]
        with pytest.raises(LibraryError, match="No space left on device"):
            library.add_note(Note("", ARTICLE.id, "no room"))
    assert files_under(folder) == before
