"""What the Library did by itself (a repair, a wrong field at its default), waiting to be said."""

from __future__ import annotations

import threading

SHOWN = 10
"""Lines said at once; past that, one more line counts the rest (a whole catalog may be off)."""


class LibraryNotices:
    """Each notice is said once per Library, whichever thread made it.

    Reads run on worker threads and the app asks from its own, so this has its
    own lock rather than the Library's: asking never waits for a long search.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._waiting: list[str] = []

    def add(self, line: str) -> None:
        with self._lock:
            if line not in self._said:
                self._said.add(line)
                self._waiting.append(line)

    def take(self) -> list[str]:
        """The lines not taken yet, at most SHOWN of them and a count of the others."""
        with self._lock:
            lines, self._waiting = self._waiting, []
        if len(lines) <= SHOWN:
            return lines
        rest = len(lines) - SHOWN
        return [*lines[:SHOWN], f"and {rest} more like these in the library's files, not shown"]
