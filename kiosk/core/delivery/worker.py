"""Background delivery beside the touchscreen."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.delivery.engine import Report, SyncEngine
from kiosk.core.errors import KioskError
from kiosk.core.worker import Worker


class SyncWorker(Worker):
    """Delivers in a background thread, so signing never waits on the network.

    It tries at start, whenever woken (after each signature, when the network comes back, on
    "sync now" with `force`), and every `interval` seconds. The target is made on the first
    round, so a missing token becomes a reported problem, not a crash.
    """

    name = "sync-worker"

    def __init__(
        self,
        make_engine: Callable[[], SyncEngine],
        *,
        interval: float = 60.0,
        on_report: Callable[[Report], None] | None = None,
    ) -> None:
        super().__init__(interval)
        self.make_engine = make_engine
        self.on_report = on_report
        self.last: Report | None = None
        self._engine: SyncEngine | None = None

    def wake(self, *, force: bool = False, urgent: bool = False) -> None:
        super().wake(urgent=force or urgent)

    def round(self, urgent: bool) -> float:
        try:
            if self._engine is None:
                self._engine = self.make_engine()
            report = self._engine.run_once(force=urgent)
        except KioskError as exc:
            report = Report(error=str(exc))
        self.last = report
        if self.on_report is not None:
            self.on_report(report)
        return self.interval

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)
        close = getattr(getattr(self._engine, "target", None), "close", None)
        if close is not None:
            close()
