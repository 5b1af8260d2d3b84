"""A library folder that cannot be written opens read-only: reading works, every
change fails in one line naming the folder, and nothing on disk changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import tui.importing.importer
from tests.data_paths import REPO
from tests.faults import (
    files_under,
    forbid_writes,
    gloss_as_other_user,
    other_user_home,
    read_only_mount,
    shared_folder,
)
from tui.entities import EXTRACTOR_VERSION
from tui.importing.entity_pipeline import EntityPipeline
from tui.models import Article, Block, Note
from tui.store import Library, LibraryError, LibraryReadOnlyError

TEXT = "Rivers rise\n\nThe water came up overnight in three valleys."
ARTICLE = Article(
    id="ab12cd34ef56",
    title="Rivers rise",
    text=TEXT,
    blocks=(Block("heading", 0, 11), Block("paragraph", 13, len(TEXT))),
    date="2024-05-01",
    tags=("weather",),
)
NEW = Article(
    id="ef56ab12cd34",
    title="New",
    text="New\n\nA third article.",
    blocks=(Block("heading", 0, 3), Block("paragraph", 5, 21)),
)


def build_library(folder: Path) -> Note:
    """An article with entities, a note, a reading state and a saved search; returns the note."""
    with Library(folder) as library:
        library.add_articles([ARTICLE])
        library.set_entities_many([(ARTICLE.id, [])], "test")
        note = library.add_note(Note("", ARTICLE.id, "water levels #flood", tags=("flood",)))
        library.save_position(ARTICLE.id, 13)
        library.set_starred(ARTICLE.id, True)
        library.save_search("floods", "water")
        library.search("water")  # the search index is on disk
    return note


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Library, Note]]:
    folder = tmp_path / "lib"
    note = build_library(folder)
    library = Library(folder, read_only=True)
    yield library, note
    library.close()


CHANGES: dict[str, Callable[[Library, Note], object]] = {
    "add_articles_new": lambda lib, note: lib.add_articles([NEW]),
    "add_articles_changed": lambda lib, note: lib.add_articles([replace(ARTICLE, title="Changed")]),
    "delete_article": lambda lib, note: lib.delete_article(ARTICLE.id),
    "trash_articles": lambda lib, note: lib.trash_articles([ARTICLE.id]),
    "empty_trash": lambda lib, note: lib.empty_trash(),
    "restore_articles": lambda lib, note: lib.restore_articles([ARTICLE.id]),
    "set_entities_many": lambda lib, note: lib.set_entities_many([(ARTICLE.id, [])], "v2"),
    "add_note": lambda lib, note: lib.add_note(Note("", ARTICLE.id, "not kept")),
    "update_note": lambda lib, note: lib.update_note(replace(note, body="edited")),
    "delete_note": lambda lib, note: lib.delete_note(note.id),
    "add_notes": lambda lib, note: lib.add_notes([Note("", ARTICLE.id, "not kept")]),
    "stamp_last_read": lambda lib, note: lib.stamp_last_read(ARTICLE.id),
    "set_read": lambda lib, note: lib.set_read(ARTICLE.id, True),
    "set_starred": lambda lib, note: lib.set_starred(ARTICLE.id, False),
    "set_article_tags": lambda lib, note: lib.set_article_tags(ARTICLE.id, ["mine"]),
    "save_position": lambda lib, note: lib.save_position(ARTICLE.id, 20),
    "save_search": lambda lib, note: lib.save_search("dry", "rain"),
    "delete_saved_search": lambda lib, note: lib.delete_saved_search("floods"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_is_refused_in_one_line_and_nothing_is_written(
    read_only: tuple[Library, Note], change: str
) -> None:
    library, note = read_only
    before = files_under(library.folder)
    assert library.read_only
    with pytest.raises(LibraryReadOnlyError) as error:
        CHANGES[change](library, note)
    assert str(error.value) == (
        f"library {library.folder} is read-only (opened read-only): changes cannot be saved"
    )
    assert files_under(library.folder) == before  # no temp file, no lock file, no new index


def test_everything_can_be_read(read_only: tuple[Library, Note]) -> None:
    library, note = read_only
    index = library.folder / "search"
    shutil.rmtree(index)  # a search needs the index: built in memory, never saved
    before = files_under(library.folder)
    assert [s.id for s in library.list_articles()] == [ARTICLE.id]
    assert library.get_article(ARTICLE.id[:6]).text == TEXT
    assert library.notes() == [note]
    assert library.reading_state(ARTICLE.id).starred
    assert library.tag_counts() == {"weather": 1, "flood": 1}
    assert [s.name for s in library.saved_searches()] == ["floods"]
    assert [hit.article_id for hit in library.search("valleys")] == [ARTICLE.id]
    assert files_under(library.folder) == before
    assert not index.exists()


def test_a_damaged_file_is_reported_and_left_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    user = folder / "user.json"
    user.write_bytes(user.read_bytes()[:-5])
    before = files_under(folder)
    with pytest.raises(LibraryError) as error:
        Library(folder, read_only=True)
    assert str(error.value).startswith(f"library file {user} is unreadable (invalid JSON")
    assert str(error.value).endswith(
        "the library is read-only (opened read-only), so the file was left as it is"
    )
    assert files_under(folder) == before


# -- a real folder the gloss process may not write -----------------------------------


@pytest.fixture(scope="module")
def locked_library() -> Iterator[tuple[Path, Path, Note]]:
    """A chmod 555 library in a folder any user can enter, and a home for the child."""
    with shared_folder() as shared:
        folder = shared / "lib"
        note = build_library(folder)
        home = other_user_home(shared)
        article = shared / "new.txt"
        article.write_text("A new article\n\nIt cannot be stored here.\n")
        article.chmod(0o644)
        forbid_writes(folder)
        yield folder, home, note


READS = {
    "list": (["list", "--json"], ARTICLE.id),
    "show": (["show", ARTICLE.id[:6]], "three valleys"),
    "notes": (["notes"], "water levels #flood"),
    "search": (["search", "valleys"], "Rivers rise"),
}


@pytest.mark.parametrize("name", list(READS))
def test_reading_commands_work(locked_library: tuple[Path, Path, Note], name: str) -> None:
    folder, home, _ = locked_library
    before = files_under(folder)
    args, expected = READS[name]
    result = gloss_as_other_user(home, *args, "--library", str(folder))
    assert (result.returncode, result.stderr) == (0, "")
    assert expected in result.stdout
    assert files_under(folder) == before


WRITES = {
    "note add": lambda note: ["note", "add", ARTICLE.id[:6], "--body", "not kept"],
    "note delete": lambda note: ["note", "delete", note.id[:8]],
    "import": lambda note: ["import", "../new.txt"],
    "reindex": lambda note: ["reindex"],
}


@pytest.mark.parametrize("name", list(WRITES))
def test_changing_commands_fail_in_one_line(
    locked_library: tuple[Path, Path, Note], name: str
) -> None:
    folder, home, note = locked_library
    before = files_under(folder)
    args = [arg.replace("../new.txt", str(folder.parent / "new.txt")) for arg in WRITES[name](note)]
    result = gloss_as_other_user(home, *args, "--library", str(folder))
    assert result.returncode == 1, result
    assert result.stderr == (
        f"gloss: library {folder} is read-only (Permission denied): changes cannot be saved\n"
    )
    assert files_under(folder) == before


def test_an_empty_read_only_folder_is_an_empty_library() -> None:
    """Not filled with the bundled articles, which could only fail."""
    with shared_folder() as shared:
        folder = shared / "empty"
        folder.mkdir()
        forbid_writes(folder)
        result = gloss_as_other_user(other_user_home(shared), "list", "--library", str(folder))
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.startswith("The library is empty")
        assert list(folder.iterdir()) == []


def test_a_read_only_mount_opens_read_only(tmp_path: Path) -> None:
    """EROFS stops root too: a read-only bind mount of a library (root only)."""
    source = tmp_path / "lib"
    note = build_library(source)
    before = files_under(source)
    with read_only_mount(source, tmp_path / "ro") as mounted, Library(mounted) as library:
        assert library.read_only
        assert library.notes() == [note]
        with pytest.raises(LibraryReadOnlyError, match="Read-only file system"):
            library.add_note(Note("", ARTICLE.id, "not kept"))
        assert [hit.article_id for hit in library.search("valleys")] == [ARTICLE.id]
    assert files_under(source) == before


def stale_articles(folder: Path, count: int) -> None:
    """`count` articles whose entities an older extractor found: `reindex` would redo them."""
    with Library(folder) as library:
        articles = [replace(ARTICLE, id=f"{number:012x}") for number in range(count)]
        library.add_articles(articles)
        library.set_entities_many([(a.id, []) for a in articles], "an old extractor")


def test_reindex_all_on_a_read_only_mount_prints_one_line_and_starts_no_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It once printed `Exception ignored ... concurrent/futures/process.py ... Bad file
    descriptor` after its error: the helper processes had started before the first write."""
    source = tmp_path / "lib"
    stale_articles(source, 5)
    before = files_under(source)
    with read_only_mount(source, tmp_path / "ro") as mounted:
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", "reindex", "--all", "--library", str(mounted)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == (
            f"gloss: library {mounted} is read-only (Read-only file system): "
            "changes cannot be saved\n"
        )
        helpers: list[int] = []
        start_helpers = EntityPipeline._submit_to_helpers

        def counted(pipeline: EntityPipeline[None], batch: list[Article]) -> object:
            helpers.append(len(batch))
            return start_helpers(pipeline, batch)

        monkeypatch.setattr(EntityPipeline, "_submit_to_helpers", counted)
        # several batches: helpers would run
        monkeypatch.setattr(tui.importing.importer, "BATCH_SIZE", 2)
        with Library(mounted) as library, pytest.raises(LibraryReadOnlyError):
            tui.importing.importer.reindex(library, everything=True)
        assert helpers == []
    assert files_under(source) == before


def test_changes_with_nothing_to_do_are_refused_too() -> None:
    """Importing an empty folder, reindexing an up-to-date library: changes all the same,
    refused in one line with exit 1 (they printed their empty report and exited 0)."""
    with shared_folder() as shared:
        folder = shared / "lib"
        with Library(folder) as library:
            library.add_articles([ARTICLE])
            library.set_entities_many([(ARTICLE.id, [])], EXTRACTOR_VERSION)
        empty = shared / "empty"
        empty.mkdir()
        empty.chmod(0o755)
        home = other_user_home(shared)
        forbid_writes(folder)
        before = files_under(folder)
        for args in (["import", str(empty)], ["reindex"]):
            result = gloss_as_other_user(home, *args, "--library", str(folder))
            assert (result.returncode, result.stdout) == (1, ""), args
            assert result.stderr == (
                f"gloss: library {folder} is read-only (Permission denied): "
                "changes cannot be saved\n"
            )
        assert files_under(folder) == before
