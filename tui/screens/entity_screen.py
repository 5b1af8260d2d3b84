"""One entity across the library: its type and other names, the articles naming it as a
timeline (each with the sentence of its first mention), the entities it appears with
most often, and every note on it.

The page is read in a thread worker: it reads every entity shard that changed and
the text of each article naming the entity. Enter on an article opens it at the
first mention with every mention marked; on a companion, that entity's page; on a
note, its article at the note.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from tui.ingest.clean import defused
from tui.models import EntityAppearance, EntityPage
from tui.store import Library
from tui.widgets.entity_styles import GROUP_TITLES
from tui.widgets.notes_pane import note_row
from tui.widgets.paints import Paints

HEADING = Style(bold=True, underline=True)


def appearance_row(appearance: EntityAppearance, names: list[str]) -> Text:
    """Date, title and mention count; below, the first sentence naming it, the name in bold."""
    article = appearance.article
    row = Text()
    row.append(defused(f"{(article.date or 'undated')[:10]:10}  ", one_line=True), style="dim")
    row.append(defused(article.title, one_line=True), style="bold")
    row.append(f"  ×{appearance.mentions}", style="dim")
    if appearance.sentence:
        sentence = Text(defused(appearance.sentence, one_line=True), style="italic")
        folded = appearance.sentence.casefold()
        for name in sorted(names, key=len, reverse=True):
            at = folded.find(name.casefold())
            if at >= 0:
                sentence.stylize("bold reverse", at, at + len(name))
                break
        row.append("\n  ")
        row.append_text(sentence)
    return row


def heading(title: str) -> Option:
    """A section's title, a blank line above it."""
    text = Text("\n")
    text.append(title, style=HEADING)
    return Option(text, disabled=True)


class EntityScreen(Screen[None]):
    """An entity's page; closes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="entity_page.close"),
        Binding("j", "cursor_down", "Down", show=False, id="entity_page.down"),
        Binding("k", "cursor_up", "Up", show=False, id="entity_page.up"),
    ]

    def __init__(self, library: Library, name: str) -> None:
        super().__init__()
        self.library = library
        self.entity_name = name
        self.page: EntityPage | None = None

    def compose(self) -> ComposeResult:
        options = OptionList(id="entity-page", markup=False)
        options.border_title = Text(defused(self.entity_name, one_line=True))
        options.border_subtitle = "enter open · esc back"
        yield options
        yield Footer()

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        self.options.add_option(Option(Text("Reading the library…", style="dim"), disabled=True))
        self.options.focus()
        self.load_page()

    @work(thread=True, exclusive=True, name="reading the entity page")
    def load_page(self) -> None:
        page = self.library.entity_page(self.entity_name)
        self.app.call_from_thread(self.show_page, page)

    def show_page(self, page: EntityPage | None) -> None:
        if not self.is_attached:
            return
        self.page = page
        options = self.options
        options.clear_options()
        if page is None:
            missing = f"No article names “{self.entity_name}”."
            options.add_option(Option(Text(defused(missing, one_line=True)), disabled=True))
            return
        paints = Paints.of(options)
        style = paints.entity[page.type]
        options.border_title = Text(
            defused(page.name, one_line=True), style=style + Style(bold=True)
        )
        about = Text(GROUP_TITLES[page.type], style=style)
        if page.aliases:
            about.append(defused(f" · also {', '.join(page.aliases)}", one_line=True), style="dim")
        rows: list[Option | None] = [Option(about, disabled=True)]
        count = len(page.appearances)
        rows.append(heading(f"Named in {count} article{'' if count == 1 else 's'}, oldest first"))
        names = [page.name, *page.aliases]
        for index, appearance in enumerate(page.appearances):
            rows.append(Option(appearance_row(appearance, names), id=f"article-{index}"))
        if page.companions:
            rows.append(heading("Appears most often with"))
            for index, companion in enumerate(page.companions):
                row = Text(
                    defused(companion.name, one_line=True), style=paints.entity[companion.type]
                )
                shared = f"{companion.articles} article{'' if companion.articles == 1 else 's'}"
                row.append(f"  {GROUP_TITLES[companion.type].lower()} · {shared}", style="dim")
                rows.append(Option(row, id=f"companion-{index}"))
        rows.append(heading(f"Notes on {defused(page.name, one_line=True)}"))
        if not page.notes:
            rows.append(
                Option(
                    Text("None yet: + in the entity pane writes one.", style="dim"), disabled=True
                )
            )
        for index, note in enumerate(page.notes):
            rows.append(Option(note_row(note, paints), id=f"note-{index}"))
        options.add_options(rows)
        first = next(
            (i for i, row in enumerate(rows) if row is not None and not row.disabled), None
        )
        options.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        page, chosen = self.page, event.option.id
        if page is None or chosen is None:
            return
        kind, _, number = chosen.partition("-")
        index = int(number)
        if kind == "companion":
            self.app.push_screen(EntityScreen(self.library, page.companions[index].name))
            return
        from tui.screens.reader_screen import ReaderScreen

        app = self.app
        while not isinstance(app.screen, ReaderScreen):
            app.pop_screen()
        reader = app.screen
        if kind == "note":
            reader.go_to_note(page.notes[index])
        else:
            reader.show_mention(
                page.appearances[index].article.id, page.name, page.appearances[index].first
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.options.action_cursor_up()
