"""The print queue: every letter printed once, whatever the printer does, never holding up signing.

Each signature that wants a letter has a print job in the database (queued, sent, printed,
failed, cancelled). A worker, run in the background by the kiosk or by `kiosk print --pending`,
sends queued jobs to the printer and follows the ones sent until the printer reports them done.

A job is claimed (queued -> sent) in the database before it reaches the printer, so two workers
never send it twice; a job found "sent" without a printer job id was interrupted mid-way and is
marked failed for a volunteer to look at rather than printed again. A stopped CUPS queue is
re-enabled by itself, with growing pauses, and the backlog then prints once. A letter is printed
again only when a volunteer asks for a reprint.

Two back-ends: a CUPS queue (`lp`, `lpstat`; the PDF goes to CUPS as it is) and a folder of
PDFs, the default when no queue is configured.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from kiosk.core import files
from kiosk.core.cases import CaseLibrary
from kiosk.core.config import Config
from kiosk.core.errors import UnknownCaseError
from kiosk.core.letters.layout import render_letter
from kiosk.core.printing.cups import Cups, JobState, PrinterError, QueueState
from kiosk.core.records.store import PrintJob, Store
from kiosk.core.signatures import SignerEntry, prepare
from kiosk.core.worker import Worker

log = logging.getLogger(__name__)

INTERRUPTED_AFTER = timedelta(minutes=2)


class Backend(Protocol):
    """Where letters go: a CUPS queue or a folder."""

    description: str

    def status(self) -> QueueState: ...
    def submit(self, pdf: bytes, title: str) -> str: ...
    def job_state(self, job_id: str) -> JobState: ...
    def enable(self) -> None: ...


class PdfFolder:
    """Letters written as PDF files to a folder (no printer, or printing done elsewhere).

    Files are named after the print job, never after the signer, and readable by the owner only.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.description = f"PDF folder {self.folder}"

    def status(self) -> QueueState:
        name = str(self.folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            return QueueState(name, "unreachable", False, f"cannot create it: {exc.strerror}")
        if not os.access(self.folder, os.W_OK):
            return QueueState(name, "unreachable", False, "the folder is not writable")
        return QueueState(name, "idle", True, "")

    def submit(self, pdf: bytes, title: str) -> str:
        target = self.folder / f"{title}.pdf"
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            files.write_atomically(target, pdf)
        except OSError as exc:
            raise PrinterError(
                f"The letter cannot be saved in {self.folder}: {exc.strerror}. "
                "Check that the folder (or USB stick) is there and has free space."
            ) from exc
        return target.name

    def job_state(self, job_id: str) -> JobState:
        done = (self.folder / job_id).is_file()
        return JobState(job_id, "completed" if done else "aborted", "" if done else "file gone")

    def enable(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)


class CupsQueue:
    """A CUPS print queue; the letter's PDF is handed to `lp` as it is."""

    def __init__(self, queue: str, server: str | None = None) -> None:
        self.cups = Cups(queue, server)
        self.description = f"CUPS queue {queue}"

    def status(self) -> QueueState:
        return self.cups.queue_state()

    def submit(self, pdf: bytes, title: str) -> str:
        with tempfile.TemporaryDirectory(prefix="kiosk-print-") as folder:
            path = Path(folder) / f"{title}.pdf"
            path.write_bytes(pdf)
            return self.cups.submit(path, title)

    def job_state(self, job_id: str) -> JobState:
        return self.cups.job_state(job_id)

    def enable(self) -> None:
        self.cups.enable()


def backend_for(config: Config) -> Backend:
    """The back-end the configuration names: its CUPS queue, or else the PDF folder."""
    queue = config.settings.printing.printer
    return CupsQueue(queue) if queue else PdfFolder(config.pdf_folder)


@dataclass
class Report:
    """What one round of the print worker did, for the admin screen and the command line."""

    status: QueueState
    sent: int = 0
    printed: int = 0
    failed: int = 0
    recovered: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, later: Report) -> None:
        """Fold a later round into this report: totals add up, the status is the latest."""
        self.status = later.status
        self.sent += later.sent
        self.printed += later.printed
        self.failed += later.failed
        self.recovered = self.recovered or later.recovered
        self.errors += later.errors


@dataclass
class _Recovery:
    """When to try re-enabling a stopped queue next: 10 s, then doubling up to 5 minutes."""

    first: float = 10.0
    longest: float = 300.0
    pause: float = 0.0
    next_try: float = 0.0

    def due(self, now: float) -> bool:
        if not self.pause:
            self.pause, self.next_try = self.first, now + self.first
            return False
        return now >= self.next_try

    def tried(self, now: float) -> None:
        self.pause = min(self.pause * 2, self.longest)
        self.next_try = now + self.pause

    def reset(self) -> None:
        self.pause = self.next_try = 0.0


class PrintQueue:
    """Sends the queued letters of one store to one back-end and follows them to the end."""

    def __init__(
        self,
        store: Store,
        library: CaseLibrary,
        backend: Backend,
        *,
        event_name: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.library = library
        self.backend = backend
        self.event_name = event_name
        self.clock = clock
        self.recovery = _Recovery()
        self._lock = threading.Lock()  # one round at a time in this process

    def run_once(self, *, send: bool = True, recover: bool = True) -> Report:
        """Follow the jobs already sent, bring a stopped queue back, then send what is queued."""
        with self._lock:
            status = self.backend.status()
            report = Report(status)
            if status.state == "stopped" and recover:
                self._try_recover(report)
            elif status.state != "stopped":
                self.recovery.reset()
            self._follow_sent(report)
            if send and report.status.ok:
                for job in self.store.print_jobs("queued"):
                    if not self._send(job, report):
                        break
            return report

    def enable_now(self) -> QueueState:
        """A volunteer's "the printer is back": re-enable the queue at once."""
        self.backend.enable()
        self.recovery.reset()
        return self.backend.status()

    def _try_recover(self, report: Report) -> None:
        now = self.clock()
        if not self.recovery.due(now):
            return
        self.recovery.tried(now)
        try:
            self.backend.enable()
        except PrinterError as exc:
            report.errors.append(str(exc))
            return
        report.status = self.backend.status()
        report.recovered = report.status.state != "stopped"
        log.info("printer queue re-enabled: %s", report.status.state)

    def _follow_sent(self, report: Report) -> None:
        for job in self.store.print_jobs("sent"):
            if job.cups_job is None:
                self._interrupted(job, report)
                continue
            try:
                state = self.backend.job_state(job.cups_job)
            except PrinterError as exc:
                report.errors.append(str(exc))
                return
            if state.state == "completed":
                self.store.move_print_job(job.id, ("sent",), "printed", last_error=None)
                report.printed += 1
            elif state.state in ("cancelled", "aborted", "unknown"):
                why = state.reason or f"the printer reports the job {state.state}"
                self.store.move_print_job(job.id, ("sent",), "failed", last_error=why)
                report.failed += 1

    def _interrupted(self, job: PrintJob, report: Report) -> None:
        updated = datetime.fromisoformat(job.updated_at.replace("Z", "+00:00"))
        if datetime.now(UTC) - updated < INTERRUPTED_AFTER:
            return  # another worker may be sending it right now
        why = "sending was interrupted; check the printer and reprint it if it is missing"
        if self.store.move_print_job(job.id, ("sent",), "failed", last_error=why):
            report.failed += 1

    def _send(self, job: PrintJob, report: Report) -> bool:
        """Send one job; False when the printer cannot take more this round."""
        signature = self.store.get(job.signature_uuid)
        try:
            case = self.library.get(signature.case_id)
        except UnknownCaseError:
            why = f"the case '{signature.case_id}' is no longer installed on this kiosk"
            self.store.move_print_job(job.id, ("queued",), "failed", last_error=why)
            report.failed += 1
            return True
        pdf = render_letter(signature, case, self.event_name)
        if not self.store.move_print_job(job.id, ("queued",), "sent", add_attempt=True):
            return True  # someone else took it
        try:
            cups_job = self.backend.submit(pdf, f"kiosk-letter-{job.id}")
        except PrinterError as exc:
            self.store.move_print_job(job.id, ("sent",), "queued", last_error=str(exc))
            report.errors.append(str(exc))
            return False
        self.store.move_print_job(job.id, ("sent",), "sent", cups_job=cups_job, last_error=None)
        report.sent += 1
        return True

    def wait(self, timeout: float, poll: float = 0.2) -> Report:
        """Run rounds until nothing is queued or sent, or `timeout` seconds have passed."""
        deadline = self.clock() + timeout
        report = self.run_once()
        while self.clock() < deadline:
            counts = self.store.print_job_counts()
            if counts["queued"] == 0 and counts["sent"] == 0:
                break
            if counts["sent"] == 0 and not report.status.ok:
                break  # nothing in flight and the printer cannot take jobs: waiting won't help
            time.sleep(poll)
            report.add(self.run_once())
        return report


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
        report = self.queue.run_once(send=self.mode == "immediate" or urgent)
        if self.on_report is not None:
            self.on_report(report)
        in_flight = self.queue.store.print_job_counts()["sent"] > 0
        return 1.0 if in_flight else self.interval


@dataclass(frozen=True)
class TestPageOutcome:
    ok: bool
    message: str


def print_test_page(service, wait: float) -> TestPageOutcome:  # service: KioskService
    """Print a sample letter (not recorded) and wait for the printer to finish it."""
    settings = service.config.settings
    case = service.active_cases[0]
    signature = prepare(
        SignerEntry(
            given_name="Test",
            family_name="Page",
            town="Kiosk",
            country=settings.event.country,
            consents={c.id for c in case.consents if c.required},
        ),
        case,
        event_id=settings.event.id,
        kiosk_id=service.kiosk_id,
        language=settings.languages.default,
    )
    backend = service.print_queue.backend
    status = backend.status()
    if not status.ok:
        why = f" ({status.reason})" if status.reason else ""
        return TestPageOutcome(False, f"{backend.description} is {status.state}{why}.")
    try:
        job_id = backend.submit(render_letter(signature, case, settings.event.name), "kiosk-test")
    except PrinterError as exc:
        return TestPageOutcome(False, str(exc))
    deadline = time.monotonic() + wait
    state = backend.job_state(job_id)
    while state.state not in ("completed", "cancelled", "aborted") and time.monotonic() < deadline:
        time.sleep(0.2)
        state = backend.job_state(job_id)
    if state.state == "completed":
        return TestPageOutcome(True, f"Test page printed on {backend.description} ({job_id}).")
    why = f": {state.reason}" if state.reason else ""
    return TestPageOutcome(
        False, f"The test page ({job_id}) is {state.state} on {backend.description}{why}."
    )
