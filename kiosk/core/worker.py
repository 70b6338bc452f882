"""A thread that does one round of work whenever woken, and on a timer in between.

Printing and delivery both work this way beside the touchscreen: never on the screen's thread,
woken by events (a new signature, "print all", "sync now", the network coming back), and
otherwise looking again after a pause the round itself chooses. A round that raises is logged
and tried again later: a kiosk keeps going whatever a printer or a network does.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class Worker:
    """Subclasses define `round(urgent)`, returning the seconds to wait before the next one."""

    name = "worker"

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._urgent = False
        self._thread: threading.Thread | None = None

    def round(self, urgent: bool) -> float:  # pragma: no cover - subclasses say what
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()

    def wake(self, *, urgent: bool = False) -> None:
        """Run a round now; `urgent` asks it to do everything pending, not only what is due."""
        self._urgent = self._urgent or urgent
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        pause = 0.0
        while not self._stop.is_set():
            self._wake.wait(pause)
            self._wake.clear()
            if self._stop.is_set():
                break
            urgent, self._urgent = self._urgent, False
            try:
                pause = self.round(urgent)
            except Exception:  # the log says what; the next round may fare better
                log.exception("%s round failed", self.name)
                pause = self.interval
