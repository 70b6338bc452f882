"""The signature store: one SQLite file that must never lose or duplicate a signature.

Every connection runs in WAL mode with `synchronous=FULL`, so a signature whose `record` call has
returned survives a power cut. A signature, its outbox row (what sync will deliver) and its
print-job row are written in one transaction: there is never a signature without its letter or its
delivery, nor a letter for a signature that was not kept. The file, its WAL and its shared-memory
file are readable by their owner only: they reveal who supports which political prisoner.

The schema carries a version (`PRAGMA user_version`) and is brought forward by the migrations
below, oldest first, each in its own transaction.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import sqlite_utils

from kiosk.core.clock import utc_bounds, utc_now
from kiosk.core.errors import DuplicateSignatureError, StorageError
from kiosk.core.signatures import Signature

log = logging.getLogger(__name__)

OWNER_ONLY = 0o600


def _v1_signatures(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE signatures (
            uuid TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            language TEXT NOT NULL,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            postal_code TEXT NOT NULL,
            town TEXT NOT NULL,
            country TEXT NOT NULL,
            email TEXT NOT NULL,
            consents TEXT NOT NULL,
            drawing TEXT,
            signature_png BLOB,
            wants_letter INTEGER NOT NULL
        );
        CREATE INDEX signatures_signed_at ON signatures (signed_at);
        CREATE INDEX signatures_case ON signatures (case_id, signed_at);
        CREATE INDEX signatures_event ON signatures (event_id);
        CREATE TABLE outbox (
            uuid TEXT PRIMARY KEY REFERENCES signatures (uuid),
            payload TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'delivered', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            delivered_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbox_state ON outbox (state, next_attempt_at);
        CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY,
            signature_uuid TEXT NOT NULL REFERENCES signatures (uuid),
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sent', 'printed', 'failed', 'cancelled')),
            cups_job TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            reprint_of INTEGER REFERENCES print_jobs (id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX print_jobs_state ON print_jobs (state);
        CREATE INDEX print_jobs_signature ON print_jobs (signature_uuid);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


# Append only: never edit a migration that has shipped, add the next one.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_signatures]
SCHEMA_VERSION = len(MIGRATIONS)


JOB_STATES = ("queued", "sent", "printed", "failed", "cancelled")


@dataclass(frozen=True)
class PrintJob:
    """One letter to print: the signature it is for, and how far printing got."""

    id: int
    signature_uuid: str
    state: str
    cups_job: str | None
    attempts: int
    last_error: str | None
    reprint_of: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Counts:
    """Signature counts for the attract screen's counter and the admin dashboard."""

    today: int
    total: int
    per_case: dict[str, int]
    today_per_case: dict[str, int]
    per_event: dict[str, int]


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` with the pragmas every connection to a signature database must have.

    Creates the file (owner-only) and its folder (0700) if needed; tightens an existing file that
    others could read. SQLite gives the WAL and shared-memory files the database file's mode.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY)
        os.close(fd)
        if path.stat().st_mode & 0o077:
            path.chmod(OWNER_ONLY)
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StorageError(f"The database {path} cannot use WAL mode (it reports '{mode}').")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise storage_error(path, exc) from exc
    except OSError as exc:
        raise StorageError(
            f"The database {path} cannot be opened: {exc.strerror}. Check that the folder exists "
            "and is writable, or give another file with --database."
        ) from exc
    return conn


def storage_error(path: Path, exc: sqlite3.Error) -> StorageError:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        why = "it is read-only. Check the file's permissions or the disk's write protection"
    elif "full" in text:
        why = "the disk is full. Free some space (or change the USB stick) and try again"
    elif "not a database" in text or "malformed" in text:
        why = "it is not a signature database or it is damaged. Keep a copy and ask for help"
    elif "locked" in text or "busy" in text:
        why = "another program holds it locked. Close other kiosk windows and try again"
    else:
        why = f"SQLite says '{exc}'"
    return StorageError(f"The database {path} cannot be used: {why}.")


@cache
def _insert_sql(table: str, row_keys: object) -> str:
    keys = list(row_keys)
    return (
        f"INSERT INTO {table} ({', '.join(keys)}) "  # noqa: S608 - names are the schema's own
        f"VALUES ({', '.join('?' * len(keys))})"
    )


class Store:
    """The signature database of one kiosk (or of a collector), safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn = connect(self.path)
        # No sqlite-utils plugins: nothing installed beside the kiosk gets a hook into the
        # connection that holds the signatures (and looking them up costs each start 15 ms).
        self.db = sqlite_utils.Database(self._conn, execute_plugins=False)
        self._migrate()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        with self._lock:
            current = self.schema_version
            if current > SCHEMA_VERSION:
                raise StorageError(
                    f"The database {self.path} was written by a newer kiosk (schema {current}, "
                    f"this kiosk knows up to {SCHEMA_VERSION}). Update the kiosk software."
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                try:
                    with self.db.atomic():
                        MIGRATIONS[version - 1](self.db)
                        self._conn.execute(f"PRAGMA user_version = {version}")
                except sqlite3.Error as exc:
                    raise storage_error(self.path, exc) from exc
                log.info("database schema migrated to version %d", version)

    def record(
        self, signature: Signature, *, print_letter: bool, payload: dict | None = None
    ) -> bool:
        """Write `signature`, its outbox row and (if `print_letter`) its print job; then commit.

        Returns True when it was new, False when this very signature was recorded before (a double
        tap or a retried call). Returns only after the commit: the caller may then tell the signer
        it is done. `payload` replaces the frozen outbox payload (a collector keeps the one the
        kiosk sent). Raises DuplicateSignatureError when the UUID is taken by other content, and
        StorageError when the disk or database fails (nothing is then written).
        """
        row = signature.to_row()
        now = utc_now()
        with self._lock:
            try:
                with self.db.atomic():
                    existing = self._conn.execute(
                        "SELECT * FROM signatures WHERE uuid = ?", (signature.uuid,)
                    ).fetchone()
                    if existing is not None:
                        if self._row(existing) != row:
                            raise DuplicateSignatureError(signature.uuid)
                        return False
                    # Plain prepared statements: this is the one call a signer waits for, and
                    # sqlite-utils' insert() looks the table's columns up on every call.
                    self._conn.execute(_insert_sql("signatures", tuple(row)), tuple(row.values()))
                    self._conn.execute(
                        "INSERT INTO outbox (uuid, payload, created_at, next_attempt_at) "
                        "VALUES (?, ?, ?, ?)",
                        (
                            signature.uuid,
                            json.dumps(
                                payload if payload is not None else signature.payload(),
                                ensure_ascii=False,
                            ),
                            now,
                            now,
                        ),
                    )
                    if print_letter:
                        self._conn.execute(
                            "INSERT INTO print_jobs (signature_uuid, created_at, updated_at) "
                            "VALUES (?, ?, ?)",
                            (signature.uuid, now, now),
                        )
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc
        log.info("recorded signature %s for case %s", signature.uuid, signature.case_id)
        return True

    def _row(self, values: tuple) -> dict:
        names = [d[1] for d in self._conn.execute("PRAGMA table_info(signatures)")]
        return dict(zip(names, values, strict=True))

    def get(self, uuid: str) -> Signature | None:
        """The signature recorded under `uuid`, or None."""
        with self._lock:
            rows = list(self.db.query("SELECT * FROM signatures WHERE uuid = ?", [uuid]))
        return Signature.from_row(rows[0]) if rows else None

    def signatures(
        self,
        *,
        case_id: str | None = None,
        event_id: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> Iterator[Signature]:
        """Signatures oldest first, optionally of one case or event and between two local days
        (both included)."""
        where, params = [], []
        if case_id is not None:
            where.append("case_id = ?")
            params.append(case_id)
        if event_id is not None:
            where.append("event_id = ?")
            params.append(event_id)
        if start is not None:
            where.append("signed_at >= ?")
            params.append(utc_bounds(start)[0])
        if end is not None:
            where.append("signed_at < ?")
            params.append(utc_bounds(end)[1])
        sql = "SELECT * FROM signatures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._lock:
            rows = list(self.db.query(sql + " ORDER BY signed_at, uuid", params))
        return (Signature.from_row(r) for r in rows)

    def counts(self, today: date | None = None) -> Counts:
        """Counts overall, per case, per event, and for the local calendar day `today`."""
        start, end = utc_bounds(today or datetime.now().astimezone().date())
        with self._lock:
            per_case = self._grouped("SELECT case_id, count(*) FROM signatures GROUP BY case_id")
            per_event = self._grouped("SELECT event_id, count(*) FROM signatures GROUP BY event_id")
            today_per_case = self._grouped(
                "SELECT case_id, count(*) FROM signatures "
                "WHERE signed_at >= ? AND signed_at < ? GROUP BY case_id",
                (start, end),
            )
        return Counts(
            today=sum(today_per_case.values()),
            total=sum(per_case.values()),
            per_case=per_case,
            today_per_case=today_per_case,
            per_event=per_event,
        )

    def count_today(self, today: date | None = None) -> int:
        """Signatures of the local day: the screen's counter, one indexed range count (the
        full `counts` groups every signature, too much to redo after each confirm)."""
        start, end = utc_bounds(today or datetime.now().astimezone().date())
        with self._lock:
            return self._conn.execute(
                "SELECT count(*) FROM signatures WHERE signed_at >= ? AND signed_at < ?",
                (start, end),
            ).fetchone()[0]

    def _grouped(self, sql: str, params: tuple = ()) -> dict[str, int]:
        return {key: n for key, n in self._conn.execute(sql, params)}

    def kiosk_id(self) -> str:
        """This kiosk's id: made once at random and kept in the database it writes."""
        with self._lock, self.db.atomic():
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
            if row:
                return row[0]
            made = f"kiosk-{secrets.token_hex(3)}"
            self._conn.execute("INSERT INTO meta (key, value) VALUES ('kiosk_id', ?)", (made,))
            return made

    # Print jobs. Every change of state is one short transaction, so printing (in the
    # background) and recording (at the screen) never wait long on each other.

    def print_jobs(self, *states: str, limit: int | None = None) -> list[PrintJob]:
        """Jobs in any of `states` (all jobs if none given), oldest first."""
        sql = "SELECT * FROM print_jobs"
        params: list = []
        if states:
            sql += f" WHERE state IN ({', '.join('?' * len(states))})"
            params += list(states)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            return [PrintJob(**row) for row in self.db.query(sql, params)]

    def print_job(self, job_id: int) -> PrintJob | None:
        with self._lock:
            rows = list(self.db.query("SELECT * FROM print_jobs WHERE id = ?", [job_id]))
        return PrintJob(**rows[0]) if rows else None

    def move_print_job(
        self, job_id: int, from_states: tuple[str, ...], to_state: str, **fields: object
    ) -> bool:
        """Move a job to `to_state` only if it is in one of `from_states`; True if it moved.

        The state check and the change happen in one statement, so two workers can never both
        send the same job: this is what keeps a letter from printing twice.
        """
        assert to_state in JOB_STATES
        allowed = {"cups_job", "last_error", "attempts"}
        assert set(fields) <= allowed | {"add_attempt"}
        sets = ["state = ?", "updated_at = ?"]
        params: list = [to_state, utc_now()]
        if fields.pop("add_attempt", False):
            sets.append("attempts = attempts + 1")
        for name, value in fields.items():
            sets.append(f"{name} = ?")
            params.append(value)
        params.append(job_id)
        params += list(from_states)
        sql = (
            f"UPDATE print_jobs SET {', '.join(sets)} WHERE id = ? "  # noqa: S608 - fixed names
            f"AND state IN ({', '.join('?' * len(from_states))})"
        )
        with self._lock:
            try:
                with self.db.atomic():
                    moved = self._conn.execute(sql, params).rowcount == 1
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc
        if moved:
            log.info("print job %d: %s", job_id, to_state)
        return moved

    def add_reprint(self, signature_uuid: str) -> int:
        """Queue the letter of `signature_uuid` once more (a volunteer asked for it)."""
        now = utc_now()
        with self._lock, self.db.atomic():
            last = self._conn.execute(
                "SELECT max(id) FROM print_jobs WHERE signature_uuid = ?", (signature_uuid,)
            ).fetchone()[0]
            cursor = self._conn.execute(
                "INSERT INTO print_jobs (signature_uuid, reprint_of, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (signature_uuid, last, now, now),
            )
            job_id = cursor.lastrowid
        log.info("print job %d: reprint of %s", job_id, signature_uuid)
        return job_id

    def print_job_counts(self) -> dict[str, int]:
        """How many jobs are in each state (every state present, zero if none)."""
        counts = dict.fromkeys(JOB_STATES, 0)
        with self._lock:
            counts.update(self._grouped("SELECT state, count(*) FROM print_jobs GROUP BY state"))
        return counts

    # Small facts beside the records (sync status, the admin lockout, kiosks' last contact),
    # kept in the `meta` table so they survive a restart.

    def set_meta(self, values: dict[str, str | None]) -> None:
        """Set each key to its value (None removes it), in one transaction."""
        with self._lock:
            try:
                with self.db.atomic():
                    for key, value in values.items():
                        if value is None:
                            self._conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                        else:
                            self._conn.execute(
                                "INSERT INTO meta (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                (key, value),
                            )
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc

    def meta(self, prefix: str) -> dict[str, str]:
        """Every meta key starting with `prefix`, without the prefix."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
            ).fetchall()
        return {key[len(prefix) :]: value for key, value in rows}

    def integrity(self) -> str:
        """SQLite's own check of the file: 'ok' or the first problems found."""
        with self._lock:
            rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)
