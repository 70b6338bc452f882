"""Work beside the screen: rounds that repeat (`Worker`) and one-off jobs (`Jobs`), on threads.

Printing and delivery both work this way beside the touchscreen: never on the screen's thread,
woken by events (a new signature, "print all", "sync now", the network coming back), and
otherwise looking again after a pause the round itself chooses. A round that raises is logged
and tried again later: a kiosk keeps going whatever a printer or a network does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

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


class Jobs:
    """One-off work beside the screen (a letter's preview, a test page, an export): threads of
    the same kind as the workers', started as needed. `submit(work, finished)` runs `work()`
    and then `finished(ok, value)` on that thread, with the result or the exception. The
    caller decides how the outcome reaches its own thread (the touchscreen: `kiosk.ui.background`).
    """

    def __init__(self, threads: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="job")
        self._mutex = threading.Lock()
        self._running: set[Future] = set()

    def submit(self, work: Callable[[], Any], finished: Callable[[bool, Any], None]) -> None:
        def job() -> None:
            try:
                value = work()
            except Exception as exc:  # handed to the caller, who decides what to say
                log.debug("a job raised %s", type(exc).__name__)
                finished(False, exc)
            else:
                finished(True, value)

        future = self._pool.submit(job)
        with self._mutex:
            self._running.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future) -> None:
        with self._mutex:
            self._running.discard(future)

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait until every job submitted so far has finished; False if some still run."""
        with self._mutex:
            running = set(self._running)
        _, not_done = wait(running, timeout=timeout)
        return not not_done
