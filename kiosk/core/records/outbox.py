"""The outbox: what is still to be delivered to the organisation, and how each delivery went.

Each signature got its outbox row in the same transaction as the signature itself, with its
payload frozen as JSON at that moment (`Signature.payload`). A row is pending until the target
acknowledged that very record (delivered), or until the target refused it for a reason that
retrying cannot fix (quarantined, with the reason for a volunteer). Pending rows carry the time
of their next attempt, so the back-off survives restarts. Every change is one short
write transaction of the store (`Store.write`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.core.records.erasure import is_tombstone
from kiosk.core.records.store import Store
from kiosk.core.signatures import utc_now

STATES = ("pending", "delivered", "quarantined")


@dataclass(frozen=True)
class OutboxRecord:
    """One record to deliver: its UUID, its frozen payload (as stored, and parsed)."""

    uuid: str
    payload_text: str
    attempts: int
    created_at: str = ""

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_text)

    @property
    def forgets(self) -> bool:
        """Whether this is a tombstone: the receiver is to erase its copy of the record."""
        return is_tombstone(self.payload)


@dataclass(frozen=True)
class OutboxStatus:
    pending: int
    delivered: int
    quarantined: int
    next_attempt: str | None
    last_success: str | None
    last_error: str | None
    last_attempt: str | None


class Outbox:
    """The outbox rows of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _write(self, sql: str, rows: Iterable[tuple]) -> None:
        with self.store.write() as conn:
            conn.executemany(sql, list(rows))

    def due(
        self, limit: int, now: str | None = None, after: OutboxRecord | None = None
    ) -> list[OutboxRecord]:
        """Pending records, oldest first; only those whose next attempt is due if `now` is
        given (a "sync now" passes None and takes them all); only those after `after` in that
        order, to page through the outbox in one round."""
        sql = "SELECT uuid, payload, attempts, created_at FROM outbox WHERE state = 'pending'"
        params: list[Any] = []
        if now is not None:
            sql += " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
            params.append(now)
        if after is not None:
            sql += " AND (created_at, uuid) > (?, ?)"
            params += [after.created_at, after.uuid]
        sql += " ORDER BY created_at, uuid LIMIT ?"
        params.append(limit)
        with self.store.read() as conn:
            return [OutboxRecord(*row) for row in conn.execute(sql, params)]

    def pending(self) -> int:
        """How many records (and tombstones) still wait to be delivered: what a kiosk tells its
        collector with each request, for the coordinator's dashboard (read from the state
        index, so cheap enough for every batch)."""
        with self.store.read() as conn:
            return conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]

    def delivered(self, uuids: Iterable[str]) -> None:
        """The target acknowledged these records: they are never sent again."""
        now = utc_now()
        self._write(
            "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL, "
            "attempts = attempts + 1 WHERE uuid = ? AND state = 'pending'",
            ((now, uuid) for uuid in uuids),
        )

    def retry_later(self, uuids: Iterable[str], error: str, next_attempt_at: str) -> None:
        self._write(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
            "WHERE uuid = ? AND state = 'pending'",
            ((error, next_attempt_at, uuid) for uuid in uuids),
        )

    def bound_waits(self, latest: str) -> int:
        """Bring every next attempt later than `latest` back to `latest`: one stored while the
        clock was far ahead (it said 2036) must not hold a record for years once the clock is
        right. Returns how many records were waiting too long."""
        with self.store.write() as conn:
            return conn.execute(
                "UPDATE outbox SET next_attempt_at = ? "
                "WHERE state = 'pending' AND next_attempt_at > ?",
                (latest, latest),
            ).rowcount

    def quarantine(self, uuid: str, reason: str) -> None:
        """The target refused this record for good: kept aside, with the reason."""
        self._write(
            "UPDATE outbox SET state = 'quarantined', last_error = ?, attempts = attempts + 1 "
            "WHERE uuid = ? AND state = 'pending'",
            [(reason, uuid)],
        )

    def release(self, uuids: Iterable[str] | None = None) -> int:
        """Put quarantined records back in line (after the receiver was fixed)."""
        with self.store.write() as conn:
            if uuids is None:
                cursor = conn.execute(
                    "UPDATE outbox SET state = 'pending', next_attempt_at = NULL "
                    "WHERE state = 'quarantined'"
                )
                return cursor.rowcount
            count = 0
            for uuid in uuids:
                count += conn.execute(
                    "UPDATE outbox SET state = 'pending', next_attempt_at = NULL "
                    "WHERE uuid = ? AND state = 'quarantined'",
                    (uuid,),
                ).rowcount
            return count

    def quarantined(self) -> list[tuple[str, str]]:
        with self.store.read() as conn:
            return conn.execute(
                "SELECT uuid, last_error FROM outbox WHERE state = 'quarantined' "
                "ORDER BY created_at"
            ).fetchall()

    def payloads(self) -> dict[str, dict[str, Any]]:
        """Every record's frozen payload by UUID, whatever its state (to merge a database)."""
        with self.store.read() as conn:
            rows = conn.execute("SELECT uuid, payload FROM outbox").fetchall()
        return {uuid: json.loads(payload) for uuid, payload in rows}

    def state_of(self, uuid: str) -> str | None:
        with self.store.read() as conn:
            row = conn.execute("SELECT state FROM outbox WHERE uuid = ?", (uuid,)).fetchone()
        return row[0] if row else None

    # -- what the last attempts said, for `kiosk sync --status` and the admin screen -------

    def note(self, **values: str | None) -> None:
        """Remember sync facts (last_success, last_error, last_attempt) in the meta table."""
        self.store.set_meta({f"sync.{key}": value for key, value in values.items()})

    def status(self) -> OutboxStatus:
        counts = dict.fromkeys(STATES, 0)
        with self.store.read() as conn:
            counts.update(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"))
            next_attempt = conn.execute(
                "SELECT min(coalesce(next_attempt_at, created_at)) FROM outbox "
                "WHERE state = 'pending'"
            ).fetchone()[0]
        meta = self.store.meta("sync.")
        return OutboxStatus(
            pending=counts["pending"],
            delivered=counts["delivered"],
            quarantined=counts["quarantined"],
            next_attempt=next_attempt,
            last_success=meta.get("last_success"),
            last_error=meta.get("last_error"),
            last_attempt=meta.get("last_attempt"),
        )
