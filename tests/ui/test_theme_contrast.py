"""Every built-in theme: Gloss's own colours are read at WCAG AA (4.5:1).

Sidebar headings, entities coloured by type (`c`), find marks, highlights (in the
article and the notes pane), a lost passage's warning, tags, stars and the help's
keys are found on screen by their words, and each one's contrast is computed from
the colours the terminal is sent: the screen as the compositor renders it (what
`App.export_screenshot` draws), so a pane's real background counts. The app starts
in a light theme, then every theme is switched to while it runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from tui.annotations.anchoring import make_selector
from tui.app import GlossApp
from tui.models import Note
from tui.paths import ui_state_file
from tui.settings.ui_state import write_ui_state
from tui.store import Library
from tui.widgets.article_view import ArticleView
from tui.widgets.contrast import AA_TEXT, RGB, contrast
from tui.widgets.entity_styles import GROUP_TITLES

# ansi-dark and ansi-light draw with the terminal's own palette: their colours are the
# terminal's to choose, unknown here, and Gloss keeps to them (Paints).
THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi-"))
HIGHLIGHTED = {"yellow": "partnership", "green": "Tuesday", "blue": "ecosystem", "pink": "routes"}
SIZE = (120, 40)


def screen_segments(pilot: Pilot[None], within: Widget | None = None) -> list[Segment]:
    """The screen as sent to the terminal, contiguous cells of one style joined
    (only those starting inside `within`, if given)."""
    update = pilot.app.screen._compositor.render_update(full=True, simplify=True)
    assert update is not None
    region = within.region if within is not None else pilot.app.screen.region
    found = []
    for y, line in enumerate(update.strips):
        x = 0
        for segment in (segment for strip in line for segment in strip):
            if region.contains(x, y):
                found.append(segment)
            x += segment.cell_length
    return found


def rgb(color: object) -> RGB:
    triplet = color.get_truecolor()  # type: ignore[attr-defined]
    return (triplet.red, triplet.green, triplet.blue)


def ratio(segment: Segment) -> float:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None
    return contrast(rgb(style.color), rgb(style.bgcolor))


def check(
    theme: str, segments: list[Segment], words: Iterable[str], least: int = 1
) -> list[Segment]:
    """The segments showing exactly these words: at least `least`, each readable."""
    wanted = set(words)
    found = [segment for segment in segments if segment.text.strip() in wanted]
    assert len(found) >= least, f"{theme}: {sorted(wanted)} not on screen"
    for segment in found:
        assert ratio(segment) >= AA_TEXT, (
            f"{theme}: {segment.text.strip()!r} at {ratio(segment):.2f}:1 ({segment.style})"
        )
    return found


def annotate(library: Library) -> None:
    """A highlight of each colour, a note gone from the text, a note with a tag."""
    seed = library.article_ids()[0]
    text = library.get_article(seed).text
    notes = []
    for color, word in HIGHLIGHTED.items():
        start = text.index(word)
        selector = make_selector(text, start, start + len(word))
        notes.append(Note(id="", article_id=seed, color=color, selector=selector))
    lost = make_selector(text, 0, 7)
    notes.append(Note(id="", article_id=seed, body="lost", selector=lost, orphaned=True))
    notes.append(Note(id="", article_id=seed, body="under the cursor"))  # Textual's colours
    notes.append(Note(id="", article_id=seed, body="tagged", tags=("gloss",)))
    library.add_notes(notes)
    wuhan = library.article_ids()[1]
    library.set_starred(wuhan, True)
    library.set_article_tags(wuhan, ["china"])


async def test_every_theme_reads_at_wcag_aa(library: Library) -> None:
    annotate(library)
    seed = library.article_ids()[0]
    entities = library.entities(seed)
    write_ui_state(ui_state_file(), theme="catppuccin-latte")
    app = GlossApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("c")  # entities coloured by type
        await pilot.pause()
        assert app.theme == "catppuccin-latte"
        headings = [GROUP_TITLES[entity.type].upper() for entity in entities]
        mentions: dict[str, set[str]] = {}
        for entity in entities:
            mentions.setdefault(entity.type, set()).update(m.text for m in entity.mentions)
        for theme in ["catppuccin-latte", *THEMES]:
            app.theme = theme
            await pilot.pause()
            segments = screen_segments(pilot)
            check(theme, segments, headings, least=4)
            in_article = screen_segments(pilot, app.screen.query_one(ArticleView))
            for kind in ("place", "organization", "date"):
                check(theme, in_article, mentions[kind])
            check(theme, segments, [f"“{word}”" for word in HIGHLIGHTED.values()], least=4)
            check(theme, segments, ["#gloss"])
            alert = [s for s in segments if s.text.startswith("⚠ passage gone")]
            assert alert and all(ratio(s) >= AA_TEXT for s in alert), theme

        await pilot.press("c", "slash", *"digital", "enter")  # marks, the first one current
        await pilot.pause()
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            segments = screen_segments(pilot)
            in_article = screen_segments(pilot, app.screen.query_one(ArticleView))
            marks = check(theme, in_article, ["digital", "Digital"], least=2)
            assert len({segment.style for segment in marks}) >= 2, "the current mark stands out"
            check(theme, in_article, HIGHLIGHTED.values(), least=4)

        await pilot.press("escape", "l")
        await pilot.pause()
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            segments = screen_segments(pilot)
            check(theme, segments, ["★"])
            check(theme, segments, ["#china"])

        await pilot.press("question_mark")
        await pilot.pause()
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            help_box = screen_segments(pilot, app.screen.query_one("#help"))
            check(theme, help_box, ["q", "ctrl+p", "?"], least=3)
