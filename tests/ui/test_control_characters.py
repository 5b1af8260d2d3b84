"""Escape sequences never reach the terminal: not from a paste, not from a library file.

A paste goes through the app as the terminal's bracketed paste does (a Paste
event), then real keys save it; the store and the screen are read back. A
library whose files another program filled with escapes is opened and every
screen visited; and the real `gloss` runs in a pseudo-terminal, whose raw
output is searched for the attack.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from tests.poisoned_library import TYPED, VIEW, VISIBLE, has_control, poisoned_library
from tests.ui.conftest import settled
from tests.ui.test_terminal_sizes import on_screen
from tui.app import GlossApp
from tui.screens.choice_screen import ChoiceScreen
from tui.screens.help_screen import binding_rows
from tui.screens.library_screen import LibraryScreen
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.screens.prompt_screen import PromptScreen
from tui.screens.reader_screen import ReaderScreen
from tui.screens.tag_editor_screen import TagEditorScreen
from tui.store import Library

SIZE = (120, 40)


def assert_defused(app: GlossApp) -> str:
    """The screen's text, checked for control characters; returned for more checks."""
    screen = on_screen(app)
    assert not has_control(screen, allowed="\n"), repr(screen)
    return screen


async def paste(
    pilot: Pilot[None], keys: tuple[str, ...], dialog: type[Screen[object]], text: str
) -> str:
    """Open the dialog with these keys and paste into it, as a terminal hands a paste over;
    the screen is checked, the id of the article read is returned."""
    app = pilot.app
    assert isinstance(app, GlossApp)
    await settled(pilot)
    article_id = app.reader.article_id
    assert article_id is not None
    await pilot.press(*keys)
    assert isinstance(app.screen, dialog)
    app.post_message(events.Paste(text))
    await pilot.pause()
    assert_defused(app)
    return article_id


async def test_a_paste_into_the_note_editor_is_stored_and_shown_without_escapes(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        text = f"pasted {TYPED}\r\n\tindented"
        article_id = await paste(pilot, ("v", "w", "a"), NoteEditorScreen, text)
        assert "pasted" in on_screen(app)
        await pilot.press("ctrl+s")
        await settled(pilot)
        (note,) = library.notes(article_id)
        assert note.body == "pasted \n\tindented"
        assert "pasted" in assert_defused(app)  # the notes pane shows it


async def test_a_paste_into_the_tag_editor_is_stored_and_shown_without_escapes(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        text = f"news\x1b[31m, \x9bworld{TYPED}"
        article_id = await paste(pilot, ("t",), TagEditorScreen, text)
        await pilot.press("enter")
        await settled(pilot)
        assert library.reading_state(article_id).tags == ("news", "world")
        assert "#news" in assert_defused(app)


async def test_a_view_name_pasted_with_escapes_is_saved_without_them(
    app: GlossApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        keys = ("l", "slash", *"adb", "ctrl+s")
        await paste(pilot, keys, PromptScreen, f"view{TYPED}")
        await pilot.press("enter")
        await settled(pilot)
        assert [view.name for view in library.saved_searches()] == ["view"]
        assert_defused(app)


# (keys from the article pane, the screen, keys back)
VISITS: list[tuple[tuple[str, ...], type[Screen[object]], tuple[str, ...]]] = [
    ((), ReaderScreen, ()),
    (("tab",), ReaderScreen, ("shift+tab",)),  # the notes pane
    (("tab", "e"), NoteEditorScreen, ("escape", "shift+tab")),  # a stored body in the editor
    (("shift+tab",), ReaderScreen, ("tab",)),  # the entity pane
    (("t",), TagEditorScreen, ("escape",)),
    (("ctrl+p", *"jump"), CommandPalette, ("escape",)),
    (("l",), LibraryScreen, ("escape",)),
    (("l", "f"), ChoiceScreen, ("escape", "escape")),  # the saved views
    (("l", "number_sign"), ChoiceScreen, ("escape", "escape")),  # the tags
]


async def test_a_poisoned_library_shows_no_escape_on_any_screen(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    poisoned_library(folder)
    with Library(folder) as library:
        app = GlossApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settled(pilot)
            assert VISIBLE in assert_defused(app)  # the title and the text were drawn
            for opening, screen, closing in VISITS:
                await pilot.press(*opening)
                await settled(pilot)
                assert isinstance(app.screen, screen), opening
                assert_defused(app)
                await pilot.press(*closing)
                await settled(pilot)
                assert isinstance(app.screen, ReaderScreen), closing
            await pilot.press("l", "f")
            await settled(pilot)
            assert VIEW in assert_defused(app)


def read_until(fd: int, wanted: list[bytes], seen: bytearray) -> None:
    """Read the terminal until every wanted piece has appeared (or the program ended)."""
    while not all(piece in seen for piece in wanted):
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"nothing written for a minute; waiting for {wanted}: {bytes(seen)[-500:]!r}"
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the program ended and closed the terminal
            return
        if not chunk:
            return
        seen.extend(chunk)


def test_the_reader_in_a_real_terminal_never_receives_a_stored_escape(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    poisoned_library(folder)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    gloss = Path(sys.executable).parent / "gloss"
    env = {**os.environ, "TERM": "xterm-256color", "GLOSS_LIBRARY": str(folder)}
    process = subprocess.Popen(
        [gloss], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = bytearray()
    try:
        read_until(master, [VISIBLE.encode(), b"Entities", b"Notes"], seen)
        os.write(master, b"q")
        read_until(master, [b"\x00never"], seen)  # to the end
        assert process.wait(timeout=60) == 0, bytes(seen)[-500:]
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    output = bytes(seen)
    assert VISIBLE.encode() in output
    for attack in (b"\x1b]0;PWN", "\x9b".encode(), "\u202e".encode(), b"\r\x08"):
        assert attack not in output


def test_keys_remapped_in_keys_toml_are_listed_in_help_without_escapes() -> None:
    rows = binding_rows(ReaderScreen.BINDINGS, {"reader.find": f"slash,ctrl+x{TYPED}"})
    (keys,) = [keys for keys, _, ident in rows if ident == "reader.find"]
    assert "ctrl+x" in keys.casefold() and not has_control(keys), keys
