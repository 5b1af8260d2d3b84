"""A damaged, empty or missing catalog.json never hides the library.

The body shards keep every article's catalog entry beside its text, so the
catalog is rebuilt from them (from catalog.json.bak for bodies without
entries), said in one line on stderr, and the library never starts afresh with
the bundled article while its shards hold articles.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from tests.cli_run import run
from tests.faults import files_under
from tui.models import Article, Block, Note
from tui.store import Library


def article(article_id: str, title: str, sentence: str) -> Article:
    text = f"{title}\n\n{sentence}"
    return Article(
        id=article_id,
        title=title,
        text=text,
        blocks=(Block("heading", 0, len(title)), Block("paragraph", len(title) + 2, len(text))),
        date="2024-05-01",
        url=f"https://example.org/{article_id}",
    )


ARTICLES = [
    article("ab12cd34ef56", "Rivers rise", "The water came up overnight in three valleys."),
    article("cd34ef56ab12", "Dry summer", "No rain has fallen since May in the south."),
    article("ef56ab12cd34", "Harbour report", "Three ships were held outside the breakwater."),
]
TITLES = sorted(a.title for a in ARTICLES)


def build_library(folder: Path) -> None:
    """Three articles, entities for one (its own catalog write), a note."""
    with Library(folder) as library:
        for one in ARTICLES:
            library.add_articles([one])
        library.set_entities_many([(ARTICLES[0].id, [])], "test-extractor")
        library.add_note(Note("", ARTICLES[0].id, "water levels"))


def listed_titles(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[list[str], str]:
    code, out, err = run(capsys, "list", "--json", "--library", str(folder))
    assert code == 0, err
    return sorted(a["title"] for a in orjson.loads(out)), err


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda raw: b"",
    "blank": lambda raw: b"  \n",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "binary": lambda raw: b"\x00\xff\xfe\x9c\x01zz",
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_catalog_is_rebuilt_from_the_shards_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    catalog = folder / "catalog.json"
    bad = DAMAGES[damage](catalog.read_bytes())
    catalog.write_bytes(bad)

    titles, err = listed_titles(capsys, folder)

    assert titles == TITLES  # every article, and not the bundled one
    assert err.count("\n") == 1 and err.startswith(f"gloss: library file {catalog}"), err
    assert "rebuilt it" in err and "3 articles" in err and "Traceback" not in err
    moved = list(folder.glob("catalog.json.corrupt-*"))
    assert [path.read_bytes() for path in moved] == [bad]  # the damaged bytes are kept
    assert listed_titles(capsys, folder) == (TITLES, "")  # repaired once, silent since
    with Library(folder) as library:  # what the catalog alone kept is back too
        assert library.extractor_versions([ARTICLES[0].id]) == {ARTICLES[0].id: "test-extractor"}
        assert library.note_counts() == {ARTICLES[0].id: 1}
        assert [hit.article_id for hit in library.search("breakwater")] == [ARTICLES[2].id]


def move_aside(catalog: Path) -> None:
    """What an older Gloss did with a damaged catalog: the next start filled it afresh."""
    catalog.rename(catalog.with_name("catalog.json.corrupt-20240501T000000Z"))


def list_no_articles(catalog: Path) -> None:
    tables = orjson.loads(catalog.read_bytes())
    tables["articles"] = {}
    catalog.write_bytes(orjson.dumps(tables))


@pytest.mark.parametrize(
    ("loss", "said"), [(move_aside, "was missing"), (list_no_articles, "listed no articles")]
)
def test_a_lost_catalog_is_rebuilt_instead_of_starting_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], loss: Callable[[Path], None], said: str
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    catalog = folder / "catalog.json"
    loss(catalog)

    titles, err = listed_titles(capsys, folder)

    assert titles == TITLES  # not the bundled article
    rebuilt = "rebuilt it with 3 articles from the body shards"
    assert err == f"gloss: library file {catalog} {said}; {rebuilt}\n"


def test_bodies_without_entries_are_listed_again_from_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    for shard in (folder / "bodies").glob("*.json"):  # bodies as an older Gloss wrote them
        tables = orjson.loads(shard.read_bytes())
        for doc in tables["bodies"].values():
            doc.pop("article")
        shard.write_bytes(orjson.dumps(tables))
    catalog = folder / "catalog.json"
    catalog.write_bytes(b"")

    titles, err = listed_titles(capsys, folder)

    assert titles == TITLES  # .bak is the catalog before set_entities: all three articles
    assert err.count("\n") == 1 and "catalog.json.bak" in err, err


def test_a_read_only_library_shows_its_articles_and_leaves_the_damaged_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    catalog = folder / "catalog.json"
    catalog.write_bytes(b"{")
    before = files_under(folder)
    with Library(folder, read_only=True) as library:
        assert sorted(s.title for s in library.list_articles()) == TITLES
        told = library.take_notices()
        assert len(told) == 1 and str(catalog) in told[0] and "read-only" in told[0], told
    assert files_under(folder) == before


def test_a_body_shard_damaged_too_is_named_and_the_others_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    (folder / "catalog.json").write_bytes(b"")
    (folder / "bodies" / "cd.json").write_bytes(b"{")  # the shard of "Dry summer"
    (folder / "entities" / "ab.json").write_bytes(b"[")

    titles, err = listed_titles(capsys, folder)

    assert titles == ["Harbour report", "Rivers rise"]
    assert err.count("\n") == 1, err
    assert err.rstrip().endswith(
        "rebuilt it with 2 articles from the body shards "
        "(bodies/cd.json, entities/ab.json unreadable: moved aside)"
    )
    assert list((folder / "bodies").glob("cd.json.corrupt-*"))
