"""The baseline app for bench/run.py: the least a Textual app can do (Header, Static, Footer).

Gloss's cold start and key-to-repaint times are reported as ratios to this app
started the same way (same interpreter, same pseudo-terminal), so that the
machine's load and Textual's own start-up cost cancel out. `x` changes the
Static's text (the key-to-repaint baseline); `q` quits.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

READY = "Minimal Textual app: ready"
CHANGED = "Minimal Textual app: key seen"


class MinimalApp(App[None]):
    TITLE = "Baseline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "change", "Change the text"),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY, id="text")
        yield Footer()

    def action_change(self) -> None:
        self.query_one("#text", Static).update(CHANGED)


if __name__ == "__main__":
    MinimalApp().run()
