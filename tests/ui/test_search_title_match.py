"""A hit whose title holds the words says "in the title" and marks them there."""

from __future__ import annotations

from rich.text import Text

from tests.ui.test_search_library import SIZE, open_library, search
from tui.app import GlossApp
from tui.widgets.search_results import SearchResults


async def test_a_title_match_is_said_and_its_words_marked(app: GlossApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await search(pilot, "facebook")
        results = screen.query_one(SearchResults)
        prompts = [results.get_option_at_index(n).prompt for n in range(results.option_count)]
        prompt = next(p for p in prompts if isinstance(p, Text) and "European Court" in p.plain)
        assert isinstance(prompt, Text)
        title, details = prompt.plain.split("\n")[:2]
        assert details.endswith("in the title")
        marked = [
            prompt.plain[span.start : span.end]
            for span in prompt.spans
            if "reverse" in str(span.style) and span.end <= len(title)
        ]
        assert marked == ["Facebook"]
