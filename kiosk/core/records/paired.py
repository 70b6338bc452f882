"""A collector's paired kiosks: each one's name, its code while it waits, its token's hash.

One row per kiosk the coordinator added (`kiosk collect kiosks add NAME`), in the `kiosks`
table of the collector's database: SQLite for a stand (schema v6), PostgreSQL for a campaign
(central migration 3). The same statements serve both (`?` placeholders, turned into psycopg's
for PostgreSQL). Nothing stored opens anything: a code is kept as a salted scrypt hash, a token
as its SHA-256 (`kiosk.core.delivery.pairing` says why each).

Several collector processes may pair at once. Trading a code is one conditional `UPDATE` that
only matches while the code is still there, unused and not tried too often: of two kiosks
sending the same code at once, exactly one changes the row and gets a token. Counting a wrong
try is one `UPDATE ... SET code_attempts = code_attempts + 1` for the same reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.core.delivery.pairing import MAX_CODE_ATTEMPTS
from kiosk.core.records.connection import as_dicts

if TYPE_CHECKING:
    from kiosk.core.records.central import CentralStore
    from kiosk.core.records.store import Store

CONTACT = "collector.contact."  # as `collected.CONTACT`: a kiosk's last report, in `meta`
# Held while adding a kiosk on PostgreSQL, so two `kiosks add` at once never pick one slot.
ADD_LOCK = 0x6B696F736B01

# What `add` came to.
ADDED, PAIRED_ALREADY, SLOT_TAKEN = "added", "paired", "slot-taken"

# The table, as both schemas create it (a TEXT time is `format_utc`'s, which sorts as time).
CREATE_TABLE = """CREATE TABLE kiosks (
    name TEXT PRIMARY KEY,
    added_at TEXT NOT NULL,
    code_slot TEXT UNIQUE,
    code_hash TEXT,
    code_expires_at TEXT,
    code_attempts INTEGER NOT NULL DEFAULT 0,
    token_hash TEXT UNIQUE,
    paired_at TEXT,
    paired_as TEXT,
    revoked_at TEXT
)"""


@dataclass(frozen=True)
class WaitingCode:
    """A code that waits under a slot: whose, its hash, until when, and how often tried."""

    name: str
    code_hash: str
    expires_at: str
    attempts: int


@dataclass(frozen=True)
class TokenOwner:
    """The kiosk a token belongs to, and when it was revoked ("" if it was not)."""

    name: str
    revoked_at: str


@dataclass(frozen=True)
class KioskRow:
    """One kiosk as the coordinator sees it (never a hash)."""

    name: str
    added_at: str
    code_expires_at: str  # "" when no code waits
    code_attempts: int
    paired_at: str
    paired_as: str  # the id the kiosk called itself when it paired
    revoked_at: str
    last_report: str
    has_token: bool
    has_code: bool


class KioskRegistry:
    """The kiosks of one collector's database; `StandKiosks` and `CentralKiosks` say how to
    reach it."""

    def add(self, name: str, slot: str, code_hash: str, expires_at: str, now: str) -> str:
        """Give kiosk `name` (new, waiting, or revoked) a new code under `slot`, replacing a
        code it had: ADDED; PAIRED_ALREADY (a kiosk of that name is paired and not revoked:
        nothing changes); SLOT_TAKEN (another waiting code has that slot: try another)."""
        with self._write() as conn:
            self._lock_adds(conn)
            # The slots of codes that no longer work are free again.
            self._run(
                conn,
                "UPDATE kiosks SET code_slot = NULL WHERE code_slot IS NOT NULL "
                "AND (code_expires_at <= ? OR code_attempts >= ?)",
                (now, MAX_CODE_ATTEMPTS),
            )
            row = self._run(
                conn, "SELECT token_hash, revoked_at FROM kiosks WHERE name = ?", (name,)
            ).fetchone()
            if row is not None and row[0] is not None and row[1] is None:
                return PAIRED_ALREADY
            taken = self._run(
                conn, "SELECT name FROM kiosks WHERE code_slot = ?", (slot,)
            ).fetchone()
            if taken is not None and taken[0] != name:
                return SLOT_TAKEN
            if row is None:
                self._run(
                    conn,
                    "INSERT INTO kiosks (name, added_at, code_slot, code_hash, code_expires_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, now, slot, code_hash, expires_at),
                )
            else:
                self._run(
                    conn,
                    "UPDATE kiosks SET code_slot = ?, code_hash = ?, code_expires_at = ?, "
                    "code_attempts = 0 WHERE name = ?",
                    (slot, code_hash, expires_at, name),
                )
        return ADDED

    def waiting(self, slot: str) -> WaitingCode | None:
        """The code waiting under `slot`, if any (expired or tried too often included)."""
        with self._read() as conn:
            row = self._run(
                conn,
                "SELECT name, code_hash, code_expires_at, code_attempts FROM kiosks "
                "WHERE code_slot = ?",
                (slot,),
            ).fetchone()
        return WaitingCode(*row) if row else None

    def count_wrong(self, slot: str, code_hash: str) -> None:
        """One more wrong try of the code `code_hash` under `slot` (if it is still there)."""
        with self._write() as conn:
            self._run(
                conn,
                "UPDATE kiosks SET code_attempts = code_attempts + 1 "
                "WHERE code_slot = ? AND code_hash = ?",
                (slot, code_hash),
            )

    def pair(self, slot: str, code_hash: str, token_hash: str, paired_as: str, now: str) -> bool:
        """Trade the code `code_hash` under `slot` for the token `token_hash`: True for the
        one caller that found the code still there, unused and not tried too often; the code
        is then gone, and a revoked kiosk is paired again."""
        with self._write() as conn:
            changed = self._run(
                conn,
                "UPDATE kiosks SET token_hash = ?, paired_at = ?, paired_as = ?, "
                "revoked_at = NULL, code_slot = NULL, code_hash = NULL, code_expires_at = NULL, "
                "code_attempts = 0 WHERE code_slot = ? AND code_hash = ? AND code_attempts < ?",
                (token_hash, now, paired_as, slot, code_hash, MAX_CODE_ATTEMPTS),
            ).rowcount
        return changed == 1

    def owner(self, token_hash: str) -> TokenOwner | None:
        """The kiosk whose token has `token_hash`, if any."""
        with self._read() as conn:
            row = self._run(
                conn, "SELECT name, revoked_at FROM kiosks WHERE token_hash = ?", (token_hash,)
            ).fetchone()
        return TokenOwner(row[0], row[1] or "") if row else None

    def revoke(self, name: str, now: str) -> bool:
        """Refuse kiosk `name` from now on (its token, and a code it waits with): False if
        there is no such kiosk. Revoking again keeps the first time."""
        with self._write() as conn:
            changed = self._run(
                conn,
                "UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?), code_slot = NULL, "
                "code_hash = NULL, code_expires_at = NULL, code_attempts = 0 WHERE name = ?",
                (now, name),
            ).rowcount
        return changed == 1

    def all(self) -> list[KioskRow]:
        """Every kiosk added, by name, with its last report."""
        with self._read() as conn:
            rows = as_dicts(
                self._run(
                    conn,
                    "SELECT name, added_at, code_expires_at, code_attempts, paired_at, "
                    "paired_as, revoked_at, token_hash IS NOT NULL AS has_token, "
                    "code_hash IS NOT NULL AS has_code FROM kiosks ORDER BY name",
                    (),
                )
            )
        reports = self.last_reports()
        return [
            KioskRow(
                name=row["name"],
                added_at=row["added_at"],
                code_expires_at=row["code_expires_at"] or "",
                code_attempts=row["code_attempts"],
                paired_at=row["paired_at"] or "",
                paired_as=row["paired_as"] or "",
                revoked_at=row["revoked_at"] or "",
                last_report=reports.get(row["name"], ""),
                has_token=bool(row["has_token"]),
                has_code=bool(row["has_code"]),
            )
            for row in rows
        ]

    # -- how the database is reached ---------------------------------------------------------

    def last_reports(self) -> dict[str, str]:
        raise NotImplementedError

    def _read(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def _write(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def _lock_adds(self, conn: Any) -> None:
        """Nothing on SQLite, whose write transaction holds the file's one write lock."""

    def _run(self, conn: Any, sql: str, params: tuple) -> Any:
        return conn.execute(sql, params)


class StandKiosks(KioskRegistry):
    """The kiosks of a stand's SQLite collector."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def last_reports(self) -> dict[str, str]:
        return self.store.meta(CONTACT)

    def _read(self) -> contextlib.AbstractContextManager[Any]:
        return self.store.read()

    def _write(self) -> contextlib.AbstractContextManager[Any]:
        return self.store.write()


class CentralKiosks(KioskRegistry):
    """The kiosks of a campaign's PostgreSQL collector."""

    def __init__(self, central: CentralStore) -> None:
        self.central = central

    def last_reports(self) -> dict[str, str]:
        with self.central.transaction() as conn:
            return dict(conn.execute("SELECT kiosk_id, last_report FROM contacts").fetchall())

    @contextlib.contextmanager
    def _read(self) -> Iterator[Any]:
        with self.central.transaction() as conn:
            yield conn

    _write = _read

    def _lock_adds(self, conn: Any) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADD_LOCK,))

    def _run(self, conn: Any, sql: str, params: tuple) -> Any:
        return conn.execute(sql.replace("?", "%s"), params)
