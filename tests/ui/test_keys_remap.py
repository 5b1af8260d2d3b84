"""keys.toml remaps keys: what a key does and what help shows; a bad file is one notification."""

from __future__ import annotations

import re

from textual.widgets import Static

from tests.data_paths import REPO
from tui.app import GlossApp, binding_ids
from tui.paths import keys_file
from tui.screens.help_screen import HelpScreen
from tui.screens.reader_screen import ReaderScreen
from tui.store import Library
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def write_keys(text: str) -> None:
    keys_file().parent.mkdir(parents=True, exist_ok=True)
    keys_file().write_text(text, encoding="utf-8")


def errors(app: GlossApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def help_rows(screen: HelpScreen) -> dict[str, str]:
    """Binding id -> the keys help shows for it."""
    return {ident: keys for _, rows in screen.sections for keys, _, ident in rows if ident}


def test_every_binding_has_an_id_that_keys_toml_can_name() -> None:
    ids = binding_ids()
    assert {"reader.next_article", "article.down", "library.star", "find.close"} <= ids
    assert "app.command_palette" in ids


async def test_a_remapped_key_does_the_new_thing_and_help_says_so(library: Library) -> None:
    write_keys('"reader.next_article" = "full_stop,right_square_bracket"\n"app.help" = "f1"\n')
    titles = [article.title for article in library.list_articles()]
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert errors(app) == []
        view = app.screen.query_one(ArticleView)
        await pilot.press("full_stop")
        await pilot.pause()
        assert view.article is not None and view.article.title == titles[1]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.article.title == titles[2]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen), "? is no longer help"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app.screen)
        assert rows["reader.next_article"] == ". / ]"
        assert rows["app.help"] == "f1"
        assert rows["reader.previous_article"] == "[", "others keep their keys"
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "~/config/gloss/keys.toml" in shown


async def test_unknown_ids_are_named_and_the_rest_applies(library: Library) -> None:
    write_keys('"reader.nxt" = "n"\n"app.help" = "f1"\n')
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert errors(app) == [f"{keys_file()}: unknown binding id “reader.nxt” (ignored)"]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_bad_file_is_one_notification_and_nothing_changes(library: Library) -> None:
    write_keys('"app.help" = f1\n[broken\n')
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [problem] = errors(app)
        assert problem.startswith(f"{keys_file()}: not valid TOML: ")
        assert "\n" not in problem
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), "the default keys still work"


async def test_a_key_that_clashes_is_said_in_one_line_at_start(library: Library) -> None:
    """`n` for the next article would be shadowed by next mention in the article pane."""
    write_keys('"reader.next_article" = "n,right_square_bracket"\n"library.star" = "asterisk"\n')
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [problem] = errors(app)
        assert problem.startswith(f"{keys_file()}: ")
        assert "“n”" in problem and "reader.next_article" in problem
        assert "article.next_mark" in problem
        assert "asterisk" not in problem and "\n" not in problem
        assert app.keymap["reader.next_article"] == "n,right_square_bracket", "still applied"


async def test_the_readme_keys_toml_example_clashes_with_nothing(library: Library) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    write_keys(example)
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert errors(app) == []
        assert len(app.keymap) >= 3, "the example remaps keys"
