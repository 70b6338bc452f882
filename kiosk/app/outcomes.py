"""What the application layer's actions report back, as plain values the CLI prints and the
screens show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.printing.queue import Report
from kiosk.core.records.store import Counts, PrintJob
from kiosk.core.signatures import Signature

if TYPE_CHECKING:
    from kiosk.core.delivery.engine import Report as SyncReport
    from kiosk.core.printing.cups import QueueState
    from kiosk.core.records.outbox import OutboxStatus


@dataclass(frozen=True)
class Recorded:
    """The outcome of one signing: the record, whether it is new (not a repeated tap), and
    what the print policy made of its letter."""

    signature: Signature
    created: bool
    letter_queued: bool = False
    print_at_once: bool = False


@dataclass(frozen=True)
class TestPageOutcome:
    """How a test page went. `message` says it in English (the command line, the log); a
    screen words it by `kind` instead: "" (printed), "not-ready" (the printer's `state`, its
    `reason` and that reason's kind `why`, as in `QueueState`), "printer" (CUPS refused the
    page) or "unfinished" (the job's `state` when it ended unprinted or the wait ran out)."""

    ok: bool
    message: str
    kind: str = ""
    state: str = ""
    reason: str = ""
    why: str = ""


@dataclass(frozen=True)
class PrinterStatus:
    """The printer as `kiosk printer status` and the admin screen show it."""

    description: str
    state: QueueState
    letters: dict[str, int]
    failed: list[PrintJob]


@dataclass(frozen=True)
class StandStatus:
    """The figures of the admin screen's dashboard."""

    counts: Counts
    letters: dict[str, int]
    failed: list[PrintJob]
    printer: str
    sync: OutboxStatus
    database: Path
    disk_free: int
    printer_kind: str = ""  # "cups" or "pdf-folder", for a screen to word `printer` itself
    printer_place: str = ""  # the queue's name or the folder


@dataclass(frozen=True)
class PrintRun:
    """What `kiosk print` did and what is left."""

    report: Report
    letters: dict[str, int]


@dataclass(frozen=True)
class SyncRun:
    """What `kiosk sync` did: this run's report (None without --once), records put back in line,
    and the outbox afterwards."""

    report: SyncReport | None
    released: int
    status: OutboxStatus
    quarantined: list[tuple[str, str]]


@dataclass(frozen=True)
class PurgeOutcome:
    """What `kiosk purge` (or the dashboard's button, or the daily round) erased, or with
    `dry_run` would erase: records, the oldest one's signing time, letters deleted."""

    count: int
    oldest: str | None
    kept: int  # past the retention period but not yet delivered, or a letter not settled
    retention_days: int
    letters_removed: int = 0
    dry_run: bool = False
    complete: bool = True  # False: another program held the WAL; run it again


@dataclass(frozen=True)
class ForgetOutcome:
    """What `kiosk forget` erased, and what is still to be done elsewhere."""

    uuids: tuple[str, ...]
    tombstones: int  # erasures the receiver is still to be told of (delivered like records)
    letters_cancelled: int
    letters_removed: int
    by_hand: str | None = None  # a target that cannot delete: what a person must do there
    complete: bool = True
