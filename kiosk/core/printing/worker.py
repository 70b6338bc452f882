"""Printing in the background beside the touchscreen."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.printing.policy import sends_at_once
from kiosk.core.printing.queue import PrintQueue, Report
from kiosk.core.worker import Worker


class PrintWorker(Worker):
    """Runs a print queue in a background thread, so printing never holds up signing.

    It wakes after each signature (`wake()`), on a timer, and when a volunteer asks to print
    everything pending (`wake(send_all=True)`). In "immediate" mode every round sends what is
    queued; in "batch" and "off" rounds only follow letters already sent and bring a stopped
    queue back, and queued letters wait for `send_all`. While letters are at the printer it
    looks again every second, so the admin screen soon shows them printed.
    """

    name = "print-worker"

    def __init__(
        self,
        queue: PrintQueue,
        *,
        mode: str,
        interval: float = 10.0,
        on_report: Callable[[Report], None] | None = None,
    ) -> None:
        super().__init__(interval)
        self.queue = queue
        self.mode = mode
        self.on_report = on_report

    def wake(self, *, send_all: bool = False, urgent: bool = False) -> None:
        super().wake(urgent=send_all or urgent)

    def round(self, urgent: bool) -> float:
        report = self.queue.run_once(send=sends_at_once(self.mode) or urgent)
        if self.on_report is not None:
            self.on_report(report)
        in_flight = self.queue.store.print_job_counts()["sent"] > 0
        return 1.0 if in_flight else self.interval
