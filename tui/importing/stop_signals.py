"""ctrl+c and SIGTERM stop a long command the same way, never in the middle of a write.

A service manager, `timeout` or `kill` send SIGTERM, which used to end
`gloss import` on the spot: no report, helpers left running. Under
`StopSignals` both signals raise KeyboardInterrupt in the main thread, so
every clean-up that ctrl+c runs runs for SIGTERM too, and the command can say
what it stored and exit 128 + the signal (130, 143), as shells expect.

A write whose result the report must show (a batch of articles and the
report lines for it) runs under `StopSignals.deferred()`: a signal arriving
then stops the command right after the write, not inside it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, ClassVar

_STOPPING = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """Installs the handlers for its `with` block (main thread only; elsewhere it does nothing)."""

    _active: ClassVar[StopSignals | None] = None

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._previous: dict[signal.Signals, Any] = {}
        self._deferring = 0
        self._pending = False

    @property
    def exit_code(self) -> int:
        """128 + the signal that stopped the command (130 for ctrl+c, 143 for SIGTERM)."""
        return 128 + int(self.received or signal.SIGINT)

    @property
    def name(self) -> str:
        """How a report names the stop: "ctrl+c", or the signal ("SIGTERM")."""
        if self.received is None or self.received == signal.SIGINT:
            return "ctrl+c"
        return self.received.name

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for number in _STOPPING:
                self._previous[number] = signal.signal(number, self._stop)
            StopSignals._active = self
        return self

    def __exit__(self, *exc_info: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        self._previous.clear()
        if StopSignals._active is self:
            StopSignals._active = None

    @staticmethod
    @contextmanager
    def deferred() -> Iterator[None]:
        """A stop signal that arrives inside this block takes effect when it ends."""
        active = StopSignals._active
        if active is None:
            yield
            return
        active._deferring += 1
        try:
            yield
        finally:
            active._deferring -= 1
            if not active._deferring and active._pending:
                active._pending = False
                raise KeyboardInterrupt

    def _stop(self, number: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signal.Signals(number)
        if self._deferring:
            self._pending = True
            return
        raise KeyboardInterrupt
