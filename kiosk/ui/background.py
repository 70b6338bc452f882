"""Work off the GUI thread, with the outcome delivered back on it.

The screens must answer every touch at once, so rendering a preview, printing and syncing run in
Qt's thread pool. `run_in_background(work, done, failed)` runs `work()` there and then calls
`done(result)` or `failed(exception)` on the GUI thread. `work` must not touch any Qt object of
the UI: it gets plain values and returns plain values.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Dispatcher(QObject):
    """Lives on the GUI thread. A finished job leaves its outcome here under a ticket and
    signals the ticket (a queued connection across threads); the GUI thread then hands the
    outcome to the job's callback. One dispatcher serves every job: nothing is made per job
    that could outlive it."""

    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._tickets = itertools.count()
        self._pending: dict[int, list[Any]] = {}
        self.finished.connect(self._deliver)

    def submit(self, work: Callable[[], Any], done: Callable, failed: Callable | None) -> None:
        ticket = next(self._tickets)
        with self._lock:
            self._pending[ticket] = [done, failed, None]
        QThreadPool.globalInstance().start(_Job(work, ticket, self))

    def complete(self, ticket: int, ok: bool, value: Any) -> None:
        """Called on the worker thread."""
        with self._lock:
            self._pending[ticket][2] = (ok, value)
        self.finished.emit(ticket)

    @Slot(int)
    def _deliver(self, ticket: int) -> None:
        with self._lock:
            done, failed, (ok, value) = self._pending.pop(ticket)
        if ok:
            done(value)
        elif failed is not None:
            failed(value)
        else:
            log.error("background work failed: %s", value)

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], ticket: int, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self.work = work
        self.ticket = ticket
        self.dispatcher = dispatcher

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to say
            log.debug("background work raised %r", exc)
            self.dispatcher.complete(self.ticket, False, exc)
        else:
            self.dispatcher.complete(self.ticket, True, result)


_dispatcher: _Dispatcher | None = None


def run_in_background(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Run `work()` in Qt's thread pool; then `done(result)` or `failed(exception)` on the GUI
    thread. Call it from the GUI thread."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    _dispatcher.submit(work, done, failed)


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Wait until the thread pool is idle (for shutting down and for tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
