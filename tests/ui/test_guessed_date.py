"""The reader says when an article's date is only a guess from its text."""

from __future__ import annotations

from tests.data_paths import READABILITY, data_file
from tui.app import GlossApp
from tui.importing.importer import import_paths
from tui.store import Library
from tui.widgets.article_view import ArticleView


async def test_the_reader_marks_a_date_guessed_from_the_text(library: Library) -> None:
    fragment = data_file(READABILITY / "qq" / "expected.html")  # dated by a sentence only
    report = import_paths(library, [fragment], find_entities=False)
    [article] = report.added
    assert article.date_guessed
    app = GlossApp(library, start_article=article.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.layout_rows is not None
        lines = [
            view.row_text(y) for y, row in enumerate(view.layout_rows.rows) if row.kind == "meta"
        ]
        assert " ".join(lines).startswith(f"{article.date} (guessed) · ")
