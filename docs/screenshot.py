"""Save the README's screenshot: the reader on the seed article with a note, at 120x40.

Run with `make screenshot`; it uses a throwaway library, never the user's.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tui.annotations.anchoring import make_selector
from tui.annotations.tags import tags_in
from tui.app import GlossApp
from tui.cli import open_library
from tui.models import Note
from tui.store import Library

OUT = Path(__file__).resolve().parent / "reader.svg"


def annotate(library: Library) -> None:
    """One highlight with a note, so the picture shows what annotating looks like."""
    article = library.get_article(library.article_ids()[0])
    start = article.text.index("the digital silk road")
    selector = make_selector(article.text, start, start + len("the digital silk road"))
    body = "Which measures? The report never names one. #follow-up"
    library.add_note(
        Note(
            id="",
            article_id=article.id,
            body=body,
            selector=selector,
            color="yellow",
            tags=tags_in(body),
        )
    )


async def save(folder: Path) -> None:
    with open_library(folder) as library:
        annotate(library)
        app = GlossApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.save_screenshot(filename=OUT.name, path=str(OUT.parent))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(save(Path(folder) / "library"))
    print(f"saved {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
