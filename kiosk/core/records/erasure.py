"""Erasing signers' personal data: after the retention period (`purge`) or on request (`forget`).

A record's personal fields (names, postal code, town, email, the drawing and its picture) are
overwritten in the signature row and in its frozen outbox payload; what stays (UUID, case,
event, kiosk, time, language, country, consents, whether a letter was wanted) keeps the counts,
the dashboard and the summary right. The row is marked `erased_at`, so nothing is erased twice
and a receiver can tell an erased record from a new one.

Retention erases only what the organisation has: records delivered (or that are never
delivered: made-up ones) whose letters are printed, cancelled or not wanted. A record still
pending (no target, an unreachable receiver) or quarantined, or with a letter queued, sent or
failed, is kept until that is settled: erasing it would lose a signature.

Forgetting a person erases their records whatever their state, cancels their letters not yet
sent and turns each outbox row into a tombstone (`{"uuid": ..., "forget": true}`), pending again:
the record is never delivered afterwards, and the tombstone goes to the receiver instead, which
erases its copy. A UUID forgotten before its record arrived (a collector) is remembered, so a
late copy is not stored.

Erased means gone from the file: every connection has `secure_delete` on (SQLite zeroes what
an update or delete leaves behind, freed pages included), and after each erasure the WAL, which
still holds the old page images, is checkpointed into the file and truncated.
"""

from __future__ import annotations

import json
import logging
import unicodedata
import uuid as uuids_
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.core.clock import utc_now
from kiosk.core.records.store import Store

log = logging.getLogger(__name__)

# The columns of `signatures` and the keys of an outbox payload that name or locate a person.
ERASED_TEXT = ("given_name", "family_name", "postal_code", "town", "email")
ERASED_BLOBS = ("drawing", "signature_png", "sealed", "sealed_drawing")
SEALED_PAYLOAD = "sealed"  # a sealed record's payload carries its sealed fields here
TOMBSTONE_KEY = "forget"
FORGOTTEN = "forgotten."  # meta prefix: UUIDs forgotten before their record arrived

# Records old enough, not erased yet, that the organisation has (delivered, or never to be
# delivered: made up), and whose letters are settled: a letter queued, at the printer or failed
# (to be retried) still needs the name.
_DUE = (
    "SELECT s.uuid, s.signed_at FROM signatures s LEFT JOIN outbox o ON o.uuid = s.uuid "
    "WHERE s.erased_at IS NULL AND s.signed_at < ? "
    "AND (o.uuid IS NULL OR o.state = 'delivered') "
    "AND NOT EXISTS (SELECT 1 FROM print_jobs p WHERE p.signature_uuid = s.uuid "
    "AND p.state IN ('queued', 'sent', 'failed')) "
    "ORDER BY s.signed_at, s.uuid"
)
_OLD_ENOUGH = "SELECT count(*) FROM signatures s WHERE s.erased_at IS NULL AND s.signed_at < ?"


@dataclass(frozen=True)
class Purge:
    """What a purge erased (or, dry, would erase), and what it had to keep."""

    uuids: tuple[str, ...] = ()
    oldest: str | None = None  # when the oldest of them was signed (UTC)
    kept: int = 0  # older than the cut-off, but not yet delivered or its letter not settled
    # the WAL was truncated; False: another process's reader kept it, and the old page
    # images may still be there until the next checkpoint (the erasure itself is committed)
    emptied: bool = True

    @property
    def count(self) -> int:
        return len(self.uuids)


@dataclass(frozen=True)
class Forgotten:
    """What forgetting one person did on this database."""

    uuids: tuple[str, ...] = ()
    tombstones: tuple[str, ...] = ()  # UUIDs whose erasure now waits to be delivered
    letters_cancelled: int = 0
    emptied: bool = True
    unknown: tuple[str, ...] = ()  # UUIDs asked for that this file never held


def tombstone(uuid: str) -> dict[str, object]:
    """The payload that tells a receiver to erase its copy of record `uuid`."""
    return {"uuid": uuid, TOMBSTONE_KEY: True}


def is_tombstone(payload: dict) -> bool:
    return payload.get(TOMBSTONE_KEY) is True


def due(store: Store, before: str) -> Purge:
    """What a purge with cut-off `before` (a UTC time as stored) would erase: a dry run."""
    with store.read() as conn:
        uuids, oldest = _due(conn, before)
        kept = conn.execute(_OLD_ENOUGH, (before,)).fetchone()[0] - len(uuids)
    return Purge(tuple(uuids), oldest, kept)


def purge(store: Store, before: str) -> Purge:
    """Erase the personal fields of every record signed before `before` that the organisation
    has and whose letter is settled, in one transaction; then empty the WAL."""
    with store.write() as conn:
        uuids, oldest = _due(conn, before)
        kept = conn.execute(_OLD_ENOUGH, (before,)).fetchone()[0] - len(uuids)
        _erase(conn, uuids)
    emptied = store.checkpoint()
    if uuids:
        log.info("retention: erased the personal fields of %d record(s)", len(uuids))
    return Purge(tuple(uuids), oldest, kept, emptied)


def _due(conn, before: str) -> tuple[list[str], str | None]:
    rows = conn.execute(_DUE, (before,)).fetchall()
    return [uuid for uuid, _ in rows], (rows[0][1] if rows else None)


def find(store: Store, *, uuid: str | None = None, email: str | None = None) -> list[str]:
    """The UUIDs of the records of one person: the record `uuid` (as a coordinator may paste
    it: in capitals, with spaces), or every record that gave `email` (compared without regard
    to case in any script, as people write it in a request; SQLite's lower() folds only ASCII)."""
    with store.read() as conn:
        if uuid is not None:
            rows = conn.execute("SELECT uuid FROM signatures WHERE uuid = ?", (_uuid_text(uuid),))
            return [row[0] for row in rows]
        wanted = _email_key(email or "")
        rows = conn.execute(
            "SELECT uuid, email FROM signatures WHERE email != '' ORDER BY signed_at"
        )
        return [row[0] for row in rows if _email_key(row[1]) == wanted]


def _uuid_text(text: str) -> str:
    """The stored form of a record id (lower case, hyphens); other text as it is (no match)."""
    try:
        return str(uuids_.UUID(text.strip()))
    except ValueError:
        return text


def _email_key(email: str) -> str:
    return unicodedata.normalize("NFC", email.strip()).casefold()


def forget(store: Store, uuids: Sequence[str]) -> Forgotten:
    """Erase the records `uuids` whatever their state; cancel their letters not yet sent to
    the printer; put a tombstone in place of each outbox row, pending, so the receiver erases
    its copy and the record itself is never delivered again. A UUID this file never held is
    remembered (a collector: its record may still arrive) and reported as `unknown`."""
    now = utc_now()
    with store.write() as conn:
        known = _existing(conn, uuids)
        unknown = tuple(u for u in uuids if u not in known)
        _erase(conn, known)
        cancelled = 0
        tombstones = []
        for uuid in known:
            cancelled += conn.execute(
                "UPDATE print_jobs SET state = 'cancelled', updated_at = ?, last_error = NULL "
                "WHERE signature_uuid = ? AND state IN ('queued', 'failed')",
                (now, uuid),
            ).rowcount
            if conn.execute(
                "UPDATE outbox SET payload = ?, state = 'pending', attempts = 0, "
                "next_attempt_at = ?, last_error = NULL, delivered_at = NULL WHERE uuid = ?",
                (json.dumps(tombstone(uuid)), now, uuid),
            ).rowcount:
                tombstones.append(uuid)
        for uuid in unknown:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (FORGOTTEN + uuid, now),
            )
    emptied = store.checkpoint()
    log.info("forgot %d record(s), %d tombstone(s) to deliver", len(known), len(tombstones))
    return Forgotten(tuple(known), tuple(tombstones), cancelled, emptied, unknown)


def was_forgotten(store: Store, uuid: str) -> bool:
    """Whether record `uuid` was erased here, or forgotten before it arrived: a copy that
    arrives now must not be stored."""
    with store.read() as conn:
        erased = conn.execute(
            "SELECT 1 FROM signatures WHERE uuid = ? AND erased_at IS NOT NULL", (uuid,)
        ).fetchone()
        marked = conn.execute("SELECT 1 FROM meta WHERE key = ?", (FORGOTTEN + uuid,)).fetchone()
    return bool(erased or marked)


def erased_among(store: Store, uuids: Iterable[str]) -> set[str]:
    """Which of `uuids` have had their personal fields erased (their letters cannot be made)."""
    with store.read() as conn:
        return {u for u in uuids if _is_erased(conn, u)}


def _is_erased(conn, uuid: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM signatures WHERE uuid = ? AND erased_at IS NOT NULL", (uuid,)
        ).fetchone()
    )


def _existing(conn, uuids: Sequence[str]) -> list[str]:
    found = []
    for uuid in dict.fromkeys(uuids):
        if conn.execute("SELECT 1 FROM signatures WHERE uuid = ?", (uuid,)).fetchone():
            found.append(uuid)
    return found


def _erase(conn, uuids: Sequence[str]) -> None:
    """Overwrite the personal fields of `uuids` in their rows and payloads (inside the
    caller's write transaction)."""
    now = utc_now()
    blank_text = ", ".join(f"{name} = ''" for name in ERASED_TEXT)
    blank_blobs = ", ".join(f"{name} = NULL" for name in ERASED_BLOBS)
    blank_payload = ", ".join(f"'$.{name}', ''" for name in ERASED_TEXT)
    for uuid in uuids:
        conn.execute(
            f"UPDATE signatures SET {blank_text}, {blank_blobs}, "  # noqa: S608 - fixed names
            "erased_at = coalesce(erased_at, ?) WHERE uuid = ?",
            (now, uuid),
        )
        conn.execute(
            f"UPDATE outbox SET payload = json_remove(json_set(payload, {blank_payload}), "  # noqa: S608
            f"'$.{SEALED_PAYLOAD}') "
            f"WHERE uuid = ? AND json_extract(payload, '$.{TOMBSTONE_KEY}') IS NULL",
            (uuid,),
        )
