"""The one door by which work done beside the screen reaches the screens: the UI thread.

Background work runs on the core's threads: the print and delivery `Worker`s repeat their
rounds, one-off work (a letter's preview, a test page, an export) runs as `Jobs`. Their results
must reach QML objects only on the UI thread, so every one of them goes through `on_ui_thread`:
`run_in_background(work, done, failed)` runs `work()` on a job thread and then `done(result)`
or `failed(exception)` on the UI thread; `on_ui_thread(callback)` wraps a callback a worker
calls from its own thread (the printer's report) so it runs on the UI thread instead. `work`
must not touch any Qt object of the UI: it gets plain values and returns plain values.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.worker import Jobs

log = logging.getLogger(__name__)


class _UiThread(QObject):
    """Lives on the UI thread. A call from another thread is left here under a ticket and the
    ticket is signalled (a queued connection across threads); the UI thread then makes the call.
    One object serves every call: nothing is made per call that could outlive it."""

    posted = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._mutex = threading.Lock()
        self._tickets = itertools.count()
        self._calls: dict[int, Callable[[], None]] = {}
        self.posted.connect(self._run)

    def post(self, call: Callable[[], None]) -> None:
        """Run `call()` on the UI thread (at once when already there). Any thread may post."""
        ticket = next(self._tickets)
        with self._mutex:
            self._calls[ticket] = call
        self.posted.emit(ticket)

    @Slot(int)
    def _run(self, ticket: int) -> None:
        with self._mutex:
            call = self._calls.pop(ticket)
        try:
            call()
        except Exception:  # one bad result must not stop the others from arriving
            log.exception("a background result could not be shown")


_ui: _UiThread | None = None
_jobs: Jobs | None = None


def _door() -> _UiThread:
    """The UI thread's door; made on first use, which must be on the UI thread."""
    global _ui
    if _ui is None:
        _ui = _UiThread()
    return _ui


def on_ui_thread(callback: Callable[..., None]) -> Callable[..., None]:
    """`callback`, made safe to call from any thread: it then runs on the UI thread. Call this
    on the UI thread (where the app wires its workers)."""
    door = _door()

    def posted(*args: Any) -> None:
        door.post(lambda: callback(*args))

    return posted


def run_in_background(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Run `work()` on a job thread; then `done(result)` or `failed(exception)` on the UI
    thread. Call it from the UI thread."""
    global _jobs
    door = _door()
    if _jobs is None:
        _jobs = Jobs()

    def finished(ok: bool, value: Any) -> None:
        if ok:
            door.post(lambda: done(value))
        elif failed is not None:
            door.post(lambda: failed(value))
        else:
            log.error("background work failed: %s", type(value).__name__)

    _jobs.submit(work, finished)


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Wait until the jobs started so far have finished (for shutting down and for tests)."""
    return _jobs is None or _jobs.wait(timeout_ms / 1000)
