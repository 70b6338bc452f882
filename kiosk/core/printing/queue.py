"""The print queue: every letter printed once, whatever the printer does, never holding up signing.

Each signature that wants a letter has a print job in the database (queued, sent, printed,
failed, cancelled). A worker, run in the background by the kiosk or by `kiosk print --pending`,
sends queued jobs to the printer and follows the ones sent until the printer reports them done.

A job is claimed (queued -> sent) in the database before it reaches the printer, so two workers
never send it twice; a job found "sent" without a printer job id was interrupted mid-way and is
marked failed for a volunteer to look at rather than printed again. A stopped CUPS queue is
re-enabled by itself, with growing pauses, and the backlog then prints once. A letter is printed
again only when a volunteer asks for a reprint.

In sealed mode (`privacy.public_key` set) the kiosk cannot read a record back, so a letter is
never made from the database: the signature as the visitor typed it is held in this process's
memory (`hold`, before the record is committed), its letter is drawn from there and piped to
CUPS, and CUPS's spooled copy is purged as soon as CUPS reports it printed. A letter still held
when the kiosk stops is never written anywhere: its job becomes 'lost' (at a clean stop by
`lose_held`, after a crash by whoever looks next, see `holders`), and the coordinator prints it
from the decrypted export.

The back-ends (a CUPS queue, a folder of PDFs) are in `backends`; the background worker in
`worker`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kiosk.core.cases import CaseLibrary
from kiosk.core.errors import UnknownCaseError
from kiosk.core.printing import holders
from kiosk.core.printing.backends import Backend
from kiosk.core.printing.cups import PrinterError, QueueState
from kiosk.core.records.erasure import erased_among
from kiosk.core.records.store import PrintJob, Store
from kiosk.core.signatures import Signature

log = logging.getLogger(__name__)


INTERRUPTED_AFTER = timedelta(minutes=2)
LOST = "the kiosk stopped before the printer took this sealed letter; it was not kept"


@dataclass
class Report:
    """What one round of the print worker did, for the admin screen and the command line."""

    status: QueueState
    sent: int = 0
    printed: int = 0
    failed: int = 0
    lost: int = 0  # sealed letters whose kiosk stopped before the printer took them
    recovered: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, later: Report) -> None:
        """Fold a later round into this report: totals add up, the status is the latest."""
        self.status = later.status
        self.sent += later.sent
        self.printed += later.printed
        self.failed += later.failed
        self.lost += later.lost
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
        sealed: bool = False,
    ) -> None:
        """`sealed`: printed letters are purged from CUPS's spool at once (sealed mode)."""
        self.store = store
        self.library = library
        self.backend = backend
        self.event_name = event_name
        self.clock = clock
        self.sealed = sealed
        self.recovery = _Recovery()
        self._one_round = threading.Lock()  # one round at a time in this process
        self.holder = holders.new_holder()  # this queue, as its jobs' `held_by` names it
        self._held: dict[str, Signature] = {}  # by UUID: the sealed letters waiting here
        self._held_lock = threading.Lock()  # the screen holds while the worker sends

    # -- sealed letters, held in memory --------------------------------------------------------

    def hold(self, signature: Signature) -> str:
        """Keep `signature` in memory until its letter is at the printer; returns the holder
        name its print job must carry. Call it before the record is committed, so the worker
        never meets the job without its letter."""
        with self._held_lock:
            self._held[signature.uuid] = signature
        return self.holder

    def drop(self, uuid: str) -> None:
        """Forget a held letter (its record was not written after all)."""
        with self._held_lock:
            self._held.pop(uuid, None)

    @property
    def held(self) -> int:
        """How many letters wait in this process's memory."""
        with self._held_lock:
            return len(self._held)

    def lose_held(self) -> int:
        """The kiosk stops: every letter still held here can never print, and is marked lost
        (never written anywhere). Returns how many."""
        with self._held_lock:
            self._held.clear()
        lost = 0
        for job in self.store.print_jobs("queued"):
            if job.held_by == self.holder:
                lost += self.store.move_print_job(job.id, ("queued",), "lost", last_error=LOST)
        if lost:
            log.warning("%d sealed letter(s) lost: the kiosk stopped before they printed", lost)
        return lost

    def _held_signature(self, uuid: str) -> Signature | None:
        with self._held_lock:
            return self._held.get(uuid)

    # -- rounds --------------------------------------------------------------------------------

    def run_once(self, *, send: bool = True, recover: bool = True) -> Report:
        """Follow the jobs already sent, bring a stopped queue back, then send what is queued."""
        with self._one_round:
            status = self.backend.status()
            report = Report(status)
            report.lost += mark_orphans_lost(self.store)
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
                if self.sealed:
                    try:
                        self.backend.purge(job.cups_job)
                    except PrinterError as exc:  # stays 'sent': purged at the next round
                        report.errors.append(str(exc))
                        continue
                self.store.move_print_job(job.id, ("sent",), "printed", last_error=None)
                report.printed += 1
            elif state.state in ("cancelled", "aborted", "unknown"):
                if self.sealed and state.state != "unknown":
                    try:  # CUPS keeps the document of a job it gave up on just as long
                        self.backend.purge(job.cups_job)
                    except PrinterError as exc:
                        report.errors.append(str(exc))
                        continue
                why = state.reason or f"the printer reports the job {state.state}"
                self.store.move_print_job(job.id, ("sent",), "failed", last_error=why)
                report.failed += 1

    def _interrupted(self, job: PrintJob, report: Report) -> None:
        updated = datetime.fromisoformat(job.updated_at.replace("Z", "+00:00"))
        # A claim "in the future" was made while the clock was ahead: waiting for that time
        # could take years, so it counts as interrupted too.
        if abs(datetime.now(UTC) - updated) < INTERRUPTED_AFTER:
            return  # another worker may be sending it right now
        why = "sending was interrupted; check the printer and reprint it if it is missing"
        if self.store.move_print_job(job.id, ("sent",), "failed", last_error=why):
            report.failed += 1

    def _send(self, job: PrintJob, report: Report) -> bool:
        """Send one job; False when the printer cannot take more this round."""
        if erased_among(self.store, [job.signature_uuid]):  # forgotten while at the printer
            why = "its signer was erased (kiosk forget): there is no name to print"
            self.store.move_print_job(job.id, ("queued",), "cancelled", last_error=why)
            return True
        if job.held_by is None:
            signature = self.store.get(job.signature_uuid)
        elif job.held_by != self.holder:
            return True  # held by another kiosk process still running (orphans were lost)
        elif (signature := self._held_signature(job.signature_uuid)) is None:
            # Its letter left this memory (sent, then cancelled at the printer and queued
            # again): nothing can make it again on this kiosk.
            if self.store.move_print_job(job.id, ("queued",), "lost", last_error=LOST):
                report.lost += 1
            return True
        try:
            case = self.library.get(signature.case_id)
        except UnknownCaseError:
            why = f"the case '{signature.case_id}' is no longer installed on this kiosk"
            self.store.move_print_job(job.id, ("queued",), "failed", last_error=why)
            report.failed += 1
            return True
        from kiosk.core.letters.layout import render_letter  # reportlab: loaded when first needed

        pdf = render_letter(signature, case, self.event_name)
        if not self.store.move_print_job(job.id, ("queued",), "sent", add_attempt=True):
            return True  # someone else took it
        try:
            # Named after the record, whose UUID is the same everywhere, never after the signer
            # or the job id (which restarts with every database).
            cups_job = self.backend.submit(pdf, f"letter-{signature.uuid}")
        except PrinterError as exc:
            self.store.move_print_job(job.id, ("sent",), "queued", last_error=str(exc))
            report.errors.append(str(exc))
            return False
        self.store.move_print_job(job.id, ("sent",), "sent", cups_job=cups_job, last_error=None)
        if job.held_by is not None:
            self.drop(job.signature_uuid)  # CUPS has it now; purged there once printed
        report.sent += 1
        return True

    def _held_elsewhere(self) -> int:
        """Queued letters that another kiosk process holds: this queue can never send them."""
        queued = self.store.print_jobs("queued")
        return sum(1 for job in queued if job.held_by not in (None, self.holder))

    def wait(self, timeout: float, poll: float = 0.2) -> Report:
        """Run rounds until nothing is queued or sent, or `timeout` seconds have passed."""
        deadline = self.clock() + timeout
        report = self.run_once()
        while self.clock() < deadline:
            counts = self.store.print_job_counts()
            if counts["queued"] - self._held_elsewhere() == 0 and counts["sent"] == 0:
                break
            if counts["sent"] == 0 and not report.status.ok:
                break  # nothing in flight and the printer cannot take jobs: waiting won't help
            time.sleep(poll)
            report.add(self.run_once())
        return report


def mark_orphans_lost(store: Store) -> int:
    """Mark lost the sealed letters whose kiosk process has stopped (killed, crashed) before
    the printer took them: they were only ever in that process's memory. Returns how many."""
    lost = 0
    for job in store.print_jobs("queued"):
        if job.held_by is not None and not holders.is_running(job.held_by):
            lost += store.move_print_job(job.id, ("queued",), "lost", last_error=LOST)
    if lost:
        log.warning("%d sealed letter(s) lost: their kiosk stopped before they printed", lost)
    return lost
