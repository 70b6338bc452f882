"""The signature store: one SQLite file that must never lose or duplicate a signature.

A signature, its outbox row (what sync will deliver) and its print-job row are written in one
transaction: there is never a signature without its letter or its delivery, nor a letter for a
signature that was not kept. How the file is opened is `connection.py`'s business, its tables
`schema.py`'s.

`Store` owns the one connection of its file in this process and shares it between threads. The
other modules of this package reach that connection only through `read()` and `write()`, which
hold the store's lock, translate SQLite's errors into `StorageError` and, for writes, take the
write lock first (`BEGIN IMMEDIATE`): a second writer, in this process or another, then waits up
to the busy timeout and succeeds, instead of failing at once with "database is locked".
Nothing outside this package touches a connection.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kiosk.core.clock import today as local_today
from kiosk.core.clock import utc_bounds, utc_now
from kiosk.core.errors import DuplicateSignatureError, NoDatabaseError, NoDatabaseFolderError
from kiosk.core.records import schema
from kiosk.core.records.connection import (
    as_dicts,
    connect,
    connect_read_only,
    database_errors,
    storage_error,
)
from kiosk.core.records.selection import Selection
from kiosk.core.signatures import Signature

log = logging.getLogger(__name__)
_CHECKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="integrity")

# 'lost': a sealed letter whose kiosk stopped before the printer took it (see `held_by`).
JOB_STATES = ("queued", "sent", "printed", "failed", "cancelled", "lost")


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
    # In sealed mode, the kiosk process whose memory holds the letter (printing/holders.py);
    # None when the letter is made from the stored record.
    held_by: str | None = None


@dataclass(frozen=True)
class Counts:
    """Signature counts for the attract screen's counter and the admin dashboard."""

    today: int
    total: int
    per_case: dict[str, int]
    today_per_case: dict[str, int]
    per_event: dict[str, int]
    samples: int = 0  # made-up signatures (`kiosk sample`), never in the figures above


@cache
def _insert_sql(table: str, row_keys: object) -> str:
    keys = list(row_keys)
    return (
        f"INSERT INTO {table} ({', '.join(keys)}) "  # noqa: S608 - names are the schema's own
        f"VALUES ({', '.join('?' * len(keys))})"
    )


# A drawn signature's strokes or image: a record that arrives from elsewhere (a delivery, a
# JSON Lines export) carries none, only whether there was one (`has_drawing`, in its payload).
PIXELS = ("drawing", "signature_png", "sealed_drawing")


def _same_row(kept: dict, row: dict, *, carried: bool) -> bool:
    """Whether the signature row `row` is the one `kept`. For a record `carried` from elsewhere
    (with its payload, which says whether it was drawn and is compared too), a drawing only
    one of the two copies holds is not a difference: the other never carried it."""
    if carried and not (
        any(kept.get(name) is not None for name in PIXELS)
        and any(row.get(name) is not None for name in PIXELS)
    ):
        return all(kept[key] == value for key, value in row.items() if key not in PIXELS)
    return all(kept[key] == value for key, value in row.items())


class Store:
    """The signature database of one kiosk (or of a collector), safe to share between threads.

    `read_only` opens someone else's database (to merge it) without changing anything in it,
    its schema included.
    """

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        create: bool = True,
        make_folder: bool = False,
    ) -> None:
        """Open the database at `path`. A missing one is created only with `create` (commands
        that only read get `NoDatabaseError`), and only in a folder that exists unless
        `make_folder` (the kiosk's own data folder): `NoDatabaseFolderError` otherwise."""
        self.path = Path(path)
        self._lock = threading.RLock()
        self._writing = False  # inside `write()`, which a nested `write()` joins
        if not read_only and not self.path.exists():
            if not create:
                raise NoDatabaseError(self.path)
            if not make_folder and not self.path.parent.is_dir():
                raise NoDatabaseFolderError(self.path.parent)
        self._conn = connect_read_only(self.path) if read_only else connect(self.path)
        try:
            if read_only:
                schema.check_known(self)
            else:
                schema.migrate(self)
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the connection, for the modules of this package ----------------------------------

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reading: everything read inside sees one moment of the file
        (one read transaction), and SQLite's errors come out as `StorageError`."""
        with self._lock:
            if self._conn.in_transaction:  # inside this store's own read or write
                yield self._conn
                return
            try:
                self._conn.execute("BEGIN")
                try:
                    yield self._conn
                finally:
                    if self._conn.in_transaction:
                        self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The connection, in a transaction that holds the write lock from its first statement:
        committed when the block ends, rolled back if it raises. A block inside another
        `write` joins it."""
        with self._lock:
            conn = self._conn
            if conn.in_transaction:
                if not self._writing:
                    raise RuntimeError("a write cannot start inside a read of the same store")
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc
            self._writing = True
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):  # the error said it all; keep it, not this one
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise storage_error(self.path, exc) from exc
                raise
            finally:
                self._writing = False

    @property
    def schema_version(self) -> int:
        return schema.version(self)

    @property
    def marks_samples(self) -> bool:
        """Whether this file marks made-up signatures (a file read without migrating may be
        older, and then holds none)."""
        return self.schema_version >= schema.SAMPLE_MARK_SINCE

    # -- signatures ------------------------------------------------------------------------

    def record(
        self,
        signature: Signature,
        *,
        print_letter: bool,
        payload: dict | None = None,
        sample: bool = False,
        held_by: str | None = None,
    ) -> bool:
        """Write `signature`, its outbox row and (if `print_letter`) its print job; then commit.

        `held_by` marks the print job's letter as held in the memory of that process (sealed
        mode) rather than made from the stored record.

        A `sample` (made up by `kiosk sample`) is marked as such and gets no outbox row: it is
        never delivered, and exports and counts leave it out unless asked for.

        Returns True when it was new, False when this very signature was recorded before (a double
        tap or a retried call). Returns only after the commit: the caller may then tell the signer
        it is done. `payload` replaces the frozen outbox payload (a collector keeps the one the
        kiosk sent). Raises DuplicateSignatureError when the UUID is taken by other content, and
        StorageError when the disk or database fails (nothing is then written).
        """
        row = signature.to_row()
        now = utc_now()
        with self.write() as conn:
            existing = self._signature_rows(conn, " WHERE uuid = ?", [signature.uuid])
            if existing:
                if not _same_row(existing[0], row, carried=payload is not None) or not (
                    self._same_payload(conn, signature.uuid, payload)
                ):
                    raise DuplicateSignatureError(signature.uuid)
                return False
            if sample:
                row = {**row, "sample": 1}
            # Plain prepared statements: this is the one call a signer waits for.
            conn.execute(_insert_sql("signatures", tuple(row)), tuple(row.values()))
            if not sample:
                conn.execute(
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
                conn.execute(
                    "INSERT INTO print_jobs (signature_uuid, created_at, updated_at, held_by) "
                    "VALUES (?, ?, ?, ?)",
                    (signature.uuid, now, now, held_by),
                )
        log.info("recorded signature %s for case %s", signature.uuid, signature.case_id)
        return True

    @staticmethod
    def _same_payload(conn: sqlite3.Connection, uuid: str, payload: dict | None) -> bool:
        """Whether a record arriving with `payload` (a collector's, a merge's) is the very one
        kept under `uuid`: its fields may match while an extra key differs, and that is
        another record, never a duplicate. Without a payload (a kiosk's own record) the
        signature row alone decides."""
        if payload is None:
            return True
        row = conn.execute("SELECT payload FROM outbox WHERE uuid = ?", (uuid,)).fetchone()
        return row is None or json.loads(row[0]) == payload

    @staticmethod
    def _signature_rows(conn: sqlite3.Connection, where: str, params: list) -> list[dict]:
        # `where` is fixed SQL from this package; every value is a bound parameter.
        sql = f"SELECT * FROM signatures{where}"  # noqa: S608
        return as_dicts(conn.execute(sql, params))

    def get(self, uuid: str) -> Signature | None:
        """The signature recorded under `uuid`, or None."""
        with self.read() as conn:
            rows = self._signature_rows(conn, " WHERE uuid = ?", [uuid])
        return Signature.from_row(rows[0]) if rows else None

    def signatures(
        self,
        *,
        case_id: str | None = None,
        event_id: str | None = None,
        start: date | None = None,
        end: date | None = None,
        samples: bool = False,
    ) -> Iterator[Signature]:
        """Signatures oldest first, optionally of one case or event and between two local days
        (both included): the fields of a `Selection`. Made-up ones only with `samples`."""
        selection = Selection(case_id, event_id, start, end, samples)
        where, params = selection.where(marks_samples=self.marks_samples)
        with self.read() as conn:
            rows = self._signature_rows(conn, where + " ORDER BY signed_at, uuid", params)
        return (Signature.from_row(r) for r in rows)

    # -- counts ------------------------------------------------------------------------------

    def counts(self, today: date | None = None) -> Counts:
        """Counts of real signatures overall, per case, per event, and for the local calendar
        day `today`; and how many made-up ones (`kiosk sample`) the file holds besides."""
        with self.read() as conn:
            per_case = dict(
                conn.execute(
                    "SELECT case_id, count(*) FROM signatures WHERE sample = 0 GROUP BY case_id"
                )
            )
            per_event = dict(
                conn.execute(
                    "SELECT event_id, count(*) FROM signatures WHERE sample = 0 GROUP BY event_id"
                )
            )
            today_per_case = self._today_per_case(conn, today)
            samples = conn.execute("SELECT count(*) FROM signatures WHERE sample = 1").fetchone()
        return Counts(
            today=sum(today_per_case.values()),
            total=sum(per_case.values()),
            per_case=per_case,
            today_per_case=today_per_case,
            per_event=per_event,
            samples=samples[0],
        )

    def count_today(self, today: date | None = None) -> int:
        """Real signatures of the local day: the screen's counter, counted from the time index
        and that day's rows only (the full `counts` groups every signature, too much to redo
        after each confirm)."""
        with self.read() as conn:
            return sum(self._today_per_case(conn, today).values())

    @staticmethod
    def _today_per_case(conn: sqlite3.Connection, today: date | None) -> dict[str, int]:
        start, end = utc_bounds(today or local_today())
        return dict(
            conn.execute(
                "SELECT case_id, count(*) FROM signatures "
                "WHERE signed_at >= ? AND signed_at < ? AND sample = 0 GROUP BY case_id",
                (start, end),
            )
        )

    def kiosk_id(self) -> str:
        """This kiosk's id: made once at random and kept in the database it writes."""
        with self.write() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
            if row:
                return row[0]
            made = f"kiosk-{secrets.token_hex(3)}"
            conn.execute("INSERT INTO meta (key, value) VALUES ('kiosk_id', ?)", (made,))
            return made

    # -- print jobs: every change of state is one short transaction, so printing (in the
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
        with self.read() as conn:
            return [PrintJob(**row) for row in as_dicts(conn.execute(sql, params))]

    def print_job(self, job_id: int) -> PrintJob | None:
        with self.read() as conn:
            rows = as_dicts(conn.execute("SELECT * FROM print_jobs WHERE id = ?", (job_id,)))
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
        with self.write() as conn:
            moved = conn.execute(sql, params).rowcount == 1
        if moved:
            log.info("print job %d: %s", job_id, to_state)
        return moved

    def add_reprint(self, signature_uuid: str) -> int:
        """Queue the letter of `signature_uuid` once more (a volunteer asked for it)."""
        now = utc_now()
        with self.write() as conn:
            last = conn.execute(
                "SELECT max(id) FROM print_jobs WHERE signature_uuid = ?", (signature_uuid,)
            ).fetchone()[0]
            cursor = conn.execute(
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
        with self.read() as conn:
            counts.update(conn.execute("SELECT state, count(*) FROM print_jobs GROUP BY state"))
        return counts

    # -- small facts beside the records (sync status, the admin lockout, kiosks' last
    # contact), kept in the `meta` table so they survive a restart.

    def set_meta(self, values: dict[str, str | None]) -> None:
        """Set each key to its value (None removes it), in one transaction."""
        with self.write() as conn:
            for key, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )

    def keep_meta(self, key: str, value: str, *, replace: bool = True) -> str:
        """Set `key` to `value` and return what is kept: without `replace`, a value set before
        (by this or another process) stays and is returned."""
        with self.write() as conn:
            kept = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if kept and not replace:
                return kept[0]
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        return value

    def meta(self, prefix: str) -> dict[str, str]:
        """Every meta key starting with `prefix`, without the prefix."""
        with self.read() as conn:
            rows = conn.execute(
                "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
            ).fetchall()
        return {key[len(prefix) :]: value for key, value in rows}

    def checkpoint(self) -> bool:
        """Move everything in the WAL into the database file and empty the WAL: the file alone
        then holds every record (before it is copied or renamed), and old page images (an
        erased name) are gone from the WAL. False when a reader of another process kept the
        WAL from being emptied within the busy timeout."""
        with self._lock, database_errors(self.path):
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return busy == 0

    def signatures_integrity_later(self) -> Future[str]:
        """SQLite's full check of the signatures table and its indexes (what an export reads),
        run on a connection of its own in a thread while the caller reads: SQLite checks in C
        without Python's lock, so with a spare core the caller hardly waits for it."""
        return _CHECKER.submit(self._signatures_integrity)

    def _signatures_integrity(self) -> str:
        with database_errors(self.path), closing(connect_read_only(self.path)) as conn:
            rows = conn.execute("PRAGMA integrity_check(signatures)").fetchall()
        return "; ".join(r[0] for r in rows)

    def integrity(self) -> str:
        """SQLite's own check of the file: 'ok' or the first problems found."""
        with self.read() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)
