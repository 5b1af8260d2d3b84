"""`gloss reindex --all` brings a library stored before languages up to date: each article
gets its language, French pages the French model, with progress reported as batches land."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.data_paths import READABILITY, data_file
from tui.entities import EXTRACTOR_VERSION
from tui.entities.words import SENTENCE_WORDS
from tui.importing.importer import reindex
from tui.store import Library

pytestmark = pytest.mark.xdist_group("spacy")


def test_reindex_gives_old_articles_a_language_and_their_own_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    page = data_file(READABILITY / "lemonde-1" / "source.html")
    code, _, _ = run(capsys, "import", str(page), "--library", str(folder))
    assert code == 0
    with Library(folder) as library:
        ids = library.article_ids()
        french = next(i for i in ids if library.get_article(i).language == "fr")
        # as an older Gloss stored it: no language, the English model's entities
        library.add_articles([replace(library.get_article(french), language=None)])
        library.set_entities_many([(french, [])], "6")
        assert library.get_article(french).language is None
        seen: list[tuple[int, int]] = []
        done, problem = reindex(
            library, everything=True, on_progress=lambda d, t: seen.append((d, t))
        )
    assert problem is None and done == len(ids)
    assert seen[0] == (0, len(ids)) and seen[-1] == (len(ids), len(ids))
    with Library(folder) as library:
        assert library.get_article(french).language == "fr"
        assert library.extractor_version(french) == EXTRACTOR_VERSION
        names = {e.name for e in library.entities(french)}
        assert "François Hollande" in names
        assert not {n for n in names if n.casefold() in SENTENCE_WORDS}
