"""A stand's collector forwarding upstream: store and forward to the campaign's central collector.

A stand's connection to the outside is often poor (a market square, a school hall's Wi-Fi). So a
stand's collector with `collector.upstream_url` first stores what its kiosks deliver, answers
them, and only then forwards it, from its own outbox, with the very delivery engine the kiosks
use (`kiosk.core.delivery`): batches, back-off after a failure, and nothing marked delivered
until the central collector acknowledged that record, so a lost answer, a dead upstream or a
collector killed mid-request only ever leads to a record being sent again, which the central
collector recognises by its UUID. Exactly once, upstream as on the stand.

What is forwarded is the outbox row the collector wrote with each record: the payload exactly
as the kiosk sent it (a sealed record stays sealed; its `kiosk_id` stays the kiosk that recorded
it), or the tombstone a kiosk's `forget` turned it into. The message's own `kiosk_id` is the
stand's (`kiosk.id`, or the database's random id, as `kiosk sync` by hand would send): the
central collector notes that id's last report, so it sees which stands report and when.

Forwarding runs on a worker thread inside the `kiosk collect` process, started and stopped with
the app. It looks at the outbox every `upstream_interval` seconds and whenever a kiosk's
delivery brought something new (unless the upstream is failing: then the back-off decides, and
the stand does not knock on a dead door at every kiosk's request). When a round gets through
after failures, everything still waiting is sent at once rather than when each record's
back-off ends: the upstream is back.

It is a stand's business (a SQLite database with an outbox): a central collector on PostgreSQL
forwards nothing, and one configured to is refused at start.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.engine import Report, SyncEngine
from kiosk.core.delivery.protocol import (
    AuthError,
    BatchRefusedError,
    RequestRefusedError,
    SyncError,
    TransientError,
)
from kiosk.core.delivery.webhook import Webhook
from kiosk.core.delivery.worker import SyncWorker
from kiosk.core.records import collected
from kiosk.core.records import upstream as owed
from kiosk.core.records.erasure import tombstone
from kiosk.core.records.outbox import Outbox, OutboxRecord
from kiosk.core.records.store import Store

log = logging.getLogger(__name__)

# What a kiosk's delivery brought that is to go upstream (a duplicate was forwarded before).
NEW_STATUSES = frozenset({"stored", "erased"})
# The Webhook names the kiosk's settings in its advice; on a stand these are the ones to fix.
STAND_SETTINGS = (
    "On this stand, the central collector's address is collector.upstream_url and its token "
    "is in collector.upstream_token_file (or KIOSK_UPSTREAM_TOKEN)."
)


@dataclass(frozen=True)
class Upstream:
    """Where and how a stand forwards: the central collector's records address and token."""

    url: str
    token: str
    stand_id: str = ""  # the stand's name in the messages; empty: its database's own id
    allow_http: bool = False
    batch_size: int = 100
    interval: float = 30.0
    timeout: float = 20.0


@dataclass(frozen=True)
class ForwardingState:
    """How forwarding goes, for the stand's page: counts and times only, never a name."""

    url: str
    stand_id: str
    waiting: int  # records and tombstones the central collector has not acknowledged yet
    refused: int  # records the central collector refused for good (quarantined here)
    last_success: str | None  # when a record was last acknowledged upstream (UTC)
    last_error: str | None  # "time: what went wrong", None once a round got through
    next_attempt: str | None


class Forwarding:
    """Forwards a stand's outbox to its upstream on a worker thread (`start`, `stop`)."""

    def __init__(self, store: Store, upstream: Upstream) -> None:
        """Raises SyncError when the address cannot be used (a typo, plain http:// to another
        machine): said when `kiosk collect` starts, not found out hours later."""
        check_url(
            upstream.url,
            allow_http=upstream.allow_http,
            setting="collector.upstream_url",
            allow_setting="collector.upstream_allow_http",
        )
        self.store = store
        self.outbox = Outbox(store)
        self.batch_size = upstream.batch_size
        self.stand_id = upstream.stand_id or store.kiosk_id()
        self.target = Webhook(
            upstream.url,
            upstream.token,
            kiosk_id=self.stand_id,
            timeout=upstream.timeout,
            allow_http=upstream.allow_http,
        )
        self.url = self.target.url
        self.failing = False
        self._mutex = threading.Lock()
        self.worker = ForwardingWorker(
            lambda: SyncEngine(store, self.target, batch_size=upstream.batch_size),
            interval=upstream.interval,
            on_report=self._reported,
            after_round=self._forward_erasures,
        )

    def start(self) -> None:
        """Start forwarding, with everything waiting at once: a stand is restarted after its
        settings were fixed (a token, an address), and its records need not wait out the
        back-off that the old settings earned them."""
        pending = self.outbox.status().pending
        log.info("forwarding to %s as %s: %d record(s) waiting", self.url, self.stand_id, pending)
        self.worker.wake(force=True)
        self.worker.start()

    def stop(self) -> None:
        """Stop after the round under way, waiting for it up to ten seconds (a request to a
        slow upstream); records it had not got acknowledged stay pending and go next time."""
        self.worker.stop()
        self.target.close()

    def received(self, answer: dict) -> None:
        """A kiosk's batch was answered with `answer`: forward what it brought that is new,
        unless the upstream is failing (the next round after its back-off takes it along)."""
        results = answer.get("results") or []
        if not self.failing and any(r.get("status") in NEW_STATUSES for r in results):
            self.worker.wake()

    def state(self) -> ForwardingState:
        status = self.outbox.status()
        return ForwardingState(
            url=self.url,
            stand_id=self.stand_id,
            waiting=status.pending + len(owed.unforwarded_erasures(self.store)),
            refused=status.quarantined,
            last_success=status.last_success,
            last_error=status.last_error,
            next_attempt=status.next_attempt,
        )

    def _reported(self, report: Report) -> None:
        """What a round did, in the log: each failure as it starts and its end, and each round
        that forwarded something; and the backlog sent at once when the upstream is back."""
        if not report.sent and not report.error:
            return  # nothing was due: says nothing about the upstream
        with self._mutex:
            was_failing, self.failing = self.failing, bool(report.error)
        if report.error:
            if not was_failing:
                advice = f" {STAND_SETTINGS}" if report.stopped else ""
                log.warning(
                    "forwarding to %s fails, records wait here and are tried again later: %s%s",
                    self.url,
                    report.error,
                    advice,
                )
            return
        waiting = self.outbox.status().pending
        level = logging.WARNING if was_failing else logging.INFO
        log.log(
            level,
            "forwarded %d record(s) to %s%s, %d refused, %d waiting",
            report.delivered,
            self.url,
            " (it answers again)" if was_failing else "",
            report.quarantined,
            waiting,
        )
        if was_failing and waiting:
            self.worker.wake(force=True)  # the upstream is back: no need to wait out back-offs

    def _forward_erasures(self) -> None:
        """Forward the tombstones of records this stand never had (`records.upstream`), after
        a round that got through: the upstream erases its copy wherever it came from. Rare
        enough to need no back-off of their own: a failure waits for the next round."""
        uuids = owed.unforwarded_erasures(self.store)
        for start in range(0, len(uuids), self.batch_size):
            chunk = uuids[start : start + self.batch_size]
            items = [OutboxRecord(uuid, json.dumps(tombstone(uuid)), 0) for uuid in chunk]
            try:
                outcome = self.target.deliver(items)
            except (AuthError, BatchRefusedError, RequestRefusedError, TransientError) as exc:
                log.info("erasures of records never held here wait: %s", exc)
                return
            for uuid, reason in outcome.refused.items():  # no retry would change the answer
                log.warning("the upstream refused the erasure of %s: %s", uuid, reason)
            owed.erasures_forwarded(self.store, outcome.acknowledged | set(outcome.refused))
            if outcome.acknowledged:
                log.info("forwarded %d erasure(s) of records never held here", len(chunk))


class ForwardingWorker(SyncWorker):
    """The kiosks' background delivery, on the stand's outbox, then the erasures it owes."""

    name = "forward-upstream"

    def __init__(
        self,
        make_engine: Callable[[], SyncEngine],
        *,
        interval: float,
        on_report: Callable[[Report], None],
        after_round: Callable[[], None],
    ) -> None:
        super().__init__(make_engine, interval=interval, on_report=on_report)
        self.after_round = after_round

    def round(self, urgent: bool) -> float:
        pause = super().round(urgent)
        if self.last is not None and not self.last.error:
            self.after_round()
        return pause


def forwarding_for(
    collection: collected.Collection, upstream: Upstream | None
) -> Forwarding | None:
    """The forwarding of a collector keeping `collection` to `upstream`, or None when it has
    none. SyncError when a central collector (on PostgreSQL) is told to forward."""
    if upstream is None:
        return None
    if not isinstance(collection, collected.StandCollection):
        raise SyncError(
            "A central collector (on PostgreSQL) forwards nothing: remove collector.upstream_url "
            "from its settings. Forwarding is for a stand's collector, on a SQLite database."
        )
    return Forwarding(collection.store, upstream)
