"""Delivering recorded signatures to the organisation, each exactly once, whatever the network does.

The engine takes due records from the outbox in batches and hands them to a target. A record is
marked delivered only when the target acknowledged that record; anything else leaves it pending
with a next attempt time (exponential back-off with full jitter, or the receiver's Retry-After),
so a crash, a timeout after the receiver committed, or a dropped connection only ever leads to a
record being sent again, which the receiver recognises by its UUID. No record waits longer than
`LONGEST_DELAY`, whatever the clock said when its wait was stored. Only a record the receiver
itself answers `rejected` for is quarantined, with the reason; a refused token or a refusal of
the address or the request as a whole (a wrong `sync.url`) stops delivery, keeps every record
pending and says what to fix. "Last success" is the last time a record was acknowledged.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.core.delivery.protocol import (
    AuthError,
    BatchRefusedError,
    RequestRefusedError,
    Target,
    TransientError,
)
from kiosk.core.records.outbox import Outbox, OutboxRecord
from kiosk.core.records.store import Store
from kiosk.core.signatures import format_utc

log = logging.getLogger(__name__)

FIRST_DELAY = 5.0  # seconds: the back-off's first step
LONGEST_DELAY = 15 * 60.0  # and its ceiling


@dataclass
class Report:
    """What one round of delivery did."""

    sent: int = 0
    delivered: int = 0
    quarantined: int = 0
    retry: int = 0
    error: str | None = None
    auth_problem: bool = False
    address_problem: bool = False  # the receiver refused the address or the request itself

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.delivered += other.delivered
        self.quarantined += other.quarantined
        self.retry += other.retry
        self.error = other.error or self.error
        self.auth_problem = self.auth_problem or other.auth_problem
        self.address_problem = self.address_problem or other.address_problem

    @property
    def stopped(self) -> bool:
        """Whether delivery must wait for a person: no retry helps until they fix the settings."""
        return self.auth_problem or self.address_problem


def backoff(attempts: int, rng: random.Random) -> float:
    """Seconds to wait after `attempts` failed tries: full jitter over a doubling ceiling."""
    ceiling = min(LONGEST_DELAY, FIRST_DELAY * 2 ** min(attempts, 20))
    return rng.uniform(FIRST_DELAY / 2, ceiling)


class SyncEngine:
    """Delivers one store's outbox to one target."""

    def __init__(
        self,
        store: Store,
        target: Target,
        *,
        batch_size: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.outbox = Outbox(store)
        self.target = target
        self.batch_size = batch_size
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not secrets

    def run_once(self, *, force: bool = False) -> Report:
        """Deliver every due record (all pending ones if `force`, as "sync now" does)."""
        report = Report()
        now = format_utc(self.clock())
        self.outbox.note(last_attempt=now)
        latest = format_utc(self.clock() + timedelta(seconds=LONGEST_DELAY))
        if bounded := self.outbox.bound_waits(latest):  # stored under a clock far ahead
            log.warning("%d record(s) waited longer than the longest back-off: cut", bounded)
        last: OutboxRecord | None = None
        while True:
            due_by = None if force else format_utc(self.clock())
            batch = self.outbox.due(self.batch_size, due_by, after=last)
            if not batch:
                break
            last = batch[-1]
            result = self._deliver(batch)
            report.add(result)
            if result.error:
                break  # the receiver is unwell: leave the rest for the next round
        done = format_utc(self.clock())
        facts: dict[str, str | None] = {}
        if report.delivered:  # a success is a record acknowledged, not a request answered
            facts["last_success"] = done
        if report.error:
            facts["last_error"] = f"{done}: {report.error}"
        elif report.sent:
            facts["last_error"] = None
        if facts:
            self.outbox.note(**facts)
        return report

    def _deliver(self, batch: list[OutboxRecord]) -> Report:
        report = Report(sent=len(batch))
        # What else waits on this kiosk once this batch is through (the coordinator's dashboard
        # shows it per kiosk): zero in the last request of a round that delivers everything.
        waiting = max(0, self.outbox.pending() - len(batch))
        try:
            outcome = self.target.deliver(batch, waiting=waiting)
        except AuthError as exc:
            report.auth_problem = True
            return self._stop(batch, report, str(exc))
        except RequestRefusedError as exc:
            report.address_problem = True
            return self._stop(batch, report, str(exc))
        except TransientError as exc:
            report.error = str(exc)
            self._later(batch, str(exc), exc.retry_after)
            report.retry += len(batch)
            return report
        except BatchRefusedError as exc:
            if len(batch) > 1:  # too big, or about one record: one at a time tells
                report.sent = 0
                for index, record in enumerate(batch):
                    single = self._deliver([record])
                    report.add(single)
                    if single.error:
                        rest = batch[index + 1 :]
                        if single.stopped and rest:  # the others wait for the same fix
                            self._later(rest, single.error, LONGEST_DELAY)
                            report.retry += len(rest)
                        break
                return report
            report.address_problem = True
            return self._stop(
                batch,
                report,
                f"The receiver refused even one record sent alone ({exc}), so it refuses the "
                f"request itself, not the record: check that sync.url ({self.target.description}) "
                "is the address of a receiver of kiosk-sync/1 records; every record waits.",
            )
        self.outbox.delivered(outcome.acknowledged)
        report.delivered += len(outcome.acknowledged)
        for uuid, reason in outcome.refused.items():
            self.outbox.quarantine(uuid, reason)
            log.warning("record %s quarantined: %s", uuid, reason)
        report.quarantined += len(outcome.refused)
        unanswered = [r for r in batch if r.uuid not in outcome.acknowledged | set(outcome.refused)]
        if unanswered:
            self._later(unanswered, "the receiver did not answer for this record", None)
            report.retry += len(unanswered)
        return report

    def _stop(self, batch: list[OutboxRecord], report: Report, error: str) -> Report:
        """Delivery waits for a person: the batch stays pending, tried again only much later."""
        report.error = error
        self._later(batch, error, LONGEST_DELAY)
        report.retry += len(batch)
        return report

    def _later(self, records: list[OutboxRecord], error: str, delay: float | None) -> None:
        by_attempts: dict[int, list[str]] = {}
        for record in records:
            by_attempts.setdefault(record.attempts, []).append(record.uuid)
        for attempts, uuids in by_attempts.items():
            wait = delay if delay is not None else backoff(attempts, self.rng)
            wait = min(wait, LONGEST_DELAY)  # a Retry-After read with a wrong clock: years
            when = format_utc(self.clock() + timedelta(seconds=wait))
            self.outbox.retry_later(uuids, error, when)

    def deliver_all(self, max_time: float, pause: float = 1.0) -> Report:
        """`kiosk sync --once`: try now, retry transient failures briefly, for at most
        `max_time` seconds; stops early when the token or the address is refused."""
        deadline = time.monotonic() + max_time
        report = self.run_once(force=True)
        attempt = 0
        while self.outbox.status().pending and not report.stopped:
            wait = min(pause * 2**attempt, 10.0)
            if time.monotonic() + wait >= deadline:
                break
            time.sleep(wait)
            attempt += 1
            report.add(self.run_once(force=True))
        return report
