"""Work off the GUI thread, with the outcome delivered back on it.

The screens must answer every touch at once, so rendering a preview, printing and syncing run in
Qt's thread pool. `run_in_background(work, done, failed)` runs `work()` there and then calls
`done(result)` or `failed(exception)` on the GUI thread. `work` must not touch any Qt object of
the UI: it gets plain values and returns plain values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry a result back there (queued connection)."""

    succeeded = Signal(object)
    raised = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to say
            log.debug("background work raised %r", exc)
            self.relay.raised.emit(exc)
        else:
            self.relay.succeeded.emit(result)


_running: set[_Relay] = set()  # keep relays alive until they have delivered


def run_in_background(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[Exception], None] | None = None,
) -> None:
    relay = _Relay()
    _running.add(relay)

    @Slot(object)
    def on_success(result: Any) -> None:
        _running.discard(relay)
        done(result)

    @Slot(object)
    def on_error(exc: Exception) -> None:
        _running.discard(relay)
        if failed is not None:
            failed(exc)
        else:
            log.error("background work failed: %s", exc)

    relay.succeeded.connect(on_success)
    relay.raised.connect(on_error)
    QThreadPool.globalInstance().start(_Job(work, relay))


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Wait until the thread pool is idle (for shutting down and for tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
