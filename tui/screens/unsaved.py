"""How a screen says a change was not saved: the store's one line, and the app goes on."""

from __future__ import annotations

from textual.widget import Widget

from tui.store import LibraryError, LibraryReadOnlyError


def report_unsaved(widget: Widget, error: LibraryError) -> None:
    """A full disk or a damaged file is an error; a read-only library was expected (a warning)."""
    expected = isinstance(error, LibraryReadOnlyError)
    widget.notify(
        str(error),
        title="Not saved",
        severity="warning" if expected else "error",
        timeout=10,
        markup=False,
    )
