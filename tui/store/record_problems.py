"""The wrong fields the Library met while reading, waiting to be said (see codec.checked_*)."""

from __future__ import annotations

import threading

SHOWN = 10
"""Lines said at once; past that, one more line counts the rest (a whole catalog may be off)."""


class RecordProblems:
    """Each wrong field is said once per Library, whichever thread read it.

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
        return [*lines[:SHOWN], f"and {rest} more wrong fields in the library's files, not shown"]
