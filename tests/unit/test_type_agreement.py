"""The library's agreement on a name's type: a name typed a place in most articles is a
place in the one where the model called it an organization (a reindex's last step)."""

from __future__ import annotations

from pathlib import Path

from tests.data_paths import WIKINEWS, data_files
from tui.entities import EXTRACTOR_VERSION
from tui.importing.type_agreement import MIN_ARTICLES, agree_library_types
from tui.ingest import read_path
from tui.models import Entity, EntityType, Mention
from tui.store import Library


def crete(kind: EntityType) -> Entity:
    return Entity("Crete", kind, (), (Mention(0, 5, "Crete"),))


def stored_library(folder: Path, kinds: list[EntityType]) -> tuple[Library, list[str]]:
    library = Library(folder)
    articles = [read_path(path)[0] for path in data_files(WIKINEWS, "*.md")[: len(kinds)]]
    library.add_articles(articles)
    ids = [a.id for a in articles]
    library.set_entities_many(
        [(i, [crete(kind)]) for i, kind in zip(ids, kinds, strict=True)], EXTRACTOR_VERSION
    )
    return library, ids


def test_one_article_against_the_library_gives_way(tmp_path: Path) -> None:
    kinds: list[EntityType] = ["place"] * MIN_ARTICLES + ["organization"]
    library, ids = stored_library(tmp_path / "lib", kinds)
    with library:
        assert agree_library_types(library, EXTRACTOR_VERSION) == 1
    with Library(tmp_path / "lib") as reopened:
        assert [reopened.entities(i)[0].type for i in ids] == ["place"] * len(ids)


def test_too_few_articles_or_no_clear_majority_change_nothing(tmp_path: Path) -> None:
    few: list[EntityType] = ["place", "place", "organization"]
    library, ids = stored_library(tmp_path / "few", few)
    with library:
        assert agree_library_types(library, EXTRACTOR_VERSION) == 0
        assert [library.entities(i)[0].type for i in ids] == few
    split: list[EntityType] = ["place"] * 4 + ["organization"] * 2
    library, ids = stored_library(tmp_path / "split", split)
    with library:
        assert agree_library_types(library, EXTRACTOR_VERSION) == 0
