"""A campaign's central collector on PostgreSQL: every stand's records in one place.

`kiosk collect --database postgresql://USER@HOST/DB` keeps what the kiosks deliver here instead of
in a SQLite file. Several collector processes (uvicorn workers, two machines behind one address)
may write at once, so nothing here checks and then inserts: a record is stored by one
`INSERT ... ON CONFLICT (uuid) DO NOTHING`, and the primary key on its UUID decides which copy is
first. Only when the insert did nothing is the kept payload read and compared: the same record
again is a duplicate, another one under the same UUID a conflict.

A tombstone (`forget`) and a copy of the same record arriving at once in two processes are
serialised by a transaction-scoped advisory lock on the UUID, so a late copy of a forgotten
record is never stored after its tombstone was answered.

The schema carries its version in `kiosk_schema`; each migration runs in its own transaction
with its version bump, under a session advisory lock, so two collectors starting at once against
an empty database migrate it once. The tables mirror a kiosk's `signatures` columns (so a row
reads back as a `Signature`, and `kiosk export` writes the same files as from SQLite), plus the
payload the kiosk sent (JSONB), when it arrived, and when it was erased. A later field of the
payload (a sealed blob) is one more column here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from kiosk.core.errors import DuplicateSignatureError, StorageError
from kiosk.core.records import tallies
from kiosk.core.records.collected import Stand
from kiosk.core.records.erasure import ERASED_BLOBS, ERASED_TEXT, SEALED_PAYLOAD
from kiosk.core.records.paired import CREATE_TABLE as PAIRED_KIOSKS
from kiosk.core.records.selection import Selection
from kiosk.core.signatures import Signature, format_utc

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
# The advisory lock key of schema migrations: any number that no other program on the same
# database is likely to take ('kiosk' in ASCII).
MIGRATION_LOCK = 0x6B696F736B
POOL_SIZE = 8  # connections per collector process: uvicorn's worker threads share them
# A signature row's columns, as `Signature.to_row` names them.
COLUMNS = (
    "uuid",
    "case_id",
    "event_id",
    "kiosk_id",
    "signed_at",
    "language",
    "given_name",
    "family_name",
    "postal_code",
    "town",
    "country",
    "email",
    "consents",
    "drawing",
    "signature_png",
    "wants_letter",
    "sealed",
    "sealed_drawing",
)

_V1 = (
    """CREATE TABLE signatures (
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
        signature_png BYTEA,
        wants_letter INTEGER NOT NULL,
        payload JSONB NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        erased_at TEXT
    )""",
    "CREATE INDEX signatures_case ON signatures (case_id, signed_at)",
    "CREATE INDEX signatures_event ON signatures (event_id)",
    "CREATE INDEX signatures_kiosk ON signatures (kiosk_id)",
    # UUIDs forgotten before their record arrived: a late copy is not stored.
    "CREATE TABLE forgotten (uuid TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL)",
    "CREATE TABLE contacts (kiosk_id TEXT PRIMARY KEY, last_report TEXT NOT NULL)",
)

# Sealed records (`privacy.public_key` on the kiosks): the sealed fields, kept as they came.
_V2_SEALED = (
    "ALTER TABLE signatures ADD COLUMN sealed BYTEA",
    "ALTER TABLE signatures ADD COLUMN sealed_drawing BYTEA",
)

# Paired kiosks (`paired.py`), and for each record the kiosk that sent it (the paired kiosk's
# name, not what the message claims); `received_at` is there since the first version.
_V4_PAIRED = (
    PAIRED_KIOSKS,
    "ALTER TABLE signatures ADD COLUMN sent_by TEXT",
    "CREATE INDEX signatures_sent_by ON signatures (sent_by)",
)

# Append only: never edit a migration that has shipped, add the next one.
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2_SEALED, tallies.CENTRAL_MIGRATION, _V4_PAIRED]
SCHEMA_VERSION = len(MIGRATIONS)

# The schema's own column names, and placeholders: every value is a bound parameter.
_INSERT = (
    f"INSERT INTO signatures ({', '.join(COLUMNS)}, payload, sent_by) "  # noqa: S608
    f"SELECT {', '.join(['%s'] * len(COLUMNS))}, %s, %s "
    "WHERE NOT EXISTS (SELECT 1 FROM forgotten WHERE uuid = %s) "
    "ON CONFLICT (uuid) DO NOTHING RETURNING 1"
)
_LOCK_UUID = "SELECT pg_advisory_xact_lock(hashtext(%s))"
# The same for many UUIDs (given sorted: two batches take their common locks in one order).
_LOCK_UUIDS = (
    "SELECT pg_advisory_xact_lock(hashtext(u)) FROM unnest(%s::text[]) WITH ORDINALITY AS t(u, n) "
    "ORDER BY n"
)


def is_url(database: object) -> bool:
    """Whether `database` (as given to --database) names a PostgreSQL database."""
    return isinstance(database, str) and database.startswith(SCHEMES)


def shown(url: str) -> str:
    """`url` without its password, for messages and logs."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "the PostgreSQL database given"
    host = parts.get("host", "localhost")
    port = f":{parts['port']}" if "port" in parts else ""
    user = f"{parts['user']}@" if "user" in parts else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"


class CentralStore:
    """A central collector's records in the PostgreSQL database at `url`, through a pool of
    connections shared by the threads of one process; migrated to SCHEMA_VERSION on opening."""

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.path = shown(url)  # what messages name (as a `Store`'s path)
        self.marks_samples = False  # a collector never receives made-up signatures
        with self.errors():
            # One connection first: a wrong address or password is said at once, in the
            # server's words, where the pool would retry it quietly until its timeout.
            psycopg.connect(url, connect_timeout=10).close()
            self.pool = ConnectionPool(
                url, min_size=1, max_size=pool_size, open=False, kwargs={"autocommit": False}
            )
            try:
                self.pool.open(wait=True, timeout=10)
            except PoolTimeout as exc:
                self.pool.close()
                raise StorageError(
                    f"The PostgreSQL database {self.path} cannot be reached within 10 s. Check "
                    "that the server runs, that the address, user and database name are right "
                    "and that this machine may connect (pg_hba.conf)."
                ) from exc
            self.migrate()

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> CentralStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Turn any psycopg failure inside the block into a `StorageError` naming the database
        (without its password): the layers above never see a psycopg exception."""
        try:
            yield
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StorageError(
                f"The PostgreSQL database {self.path} cannot be used: {first}. Check that the "
                "server runs and that the user may write to the database."
            ) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """A pooled connection inside one transaction, committed when the block ends."""
        with self.errors(), self.pool.connection() as conn:
            yield conn

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.transaction() as conn:
            return _version(conn)

    def migrate(self) -> None:
        """Bring the schema forward, each migration in its own transaction with its version,
        under an advisory lock: a second collector starting at once waits, then finds the
        work done. A database written by a newer kiosk is refused."""
        with self.pool.connection() as conn:
            conn.commit()
            conn.autocommit = True
            try:
                conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
                try:
                    with conn.transaction():
                        conn.execute(
                            "CREATE TABLE IF NOT EXISTS kiosk_schema (version INTEGER NOT NULL)"
                        )
                    current = _version(conn)
                    if current > SCHEMA_VERSION:
                        raise StorageError(
                            f"The database {self.path} was written by a newer kiosk (schema "
                            f"{current}, this kiosk knows up to {SCHEMA_VERSION}). Update the "
                            "kiosk software."
                        )
                    for number in range(current, SCHEMA_VERSION):
                        with conn.transaction():
                            for statement in MIGRATIONS[number]:
                                conn.execute(statement)  # type: ignore[arg-type] - fixed SQL
                            conn.execute("DELETE FROM kiosk_schema")
                            conn.execute(
                                "INSERT INTO kiosk_schema (version) VALUES (%s)", (number + 1,)
                            )
                        log.info("central schema migrated to version %d", number + 1)
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
            finally:
                conn.autocommit = False

    # -- what the collector does -------------------------------------------------------------

    def keep_all(
        self, checked: list[tuple[Signature, dict[str, Any]]], sent_by: str = ""
    ) -> list[str]:
        """Store checked records with the payloads the kiosk sent and the kiosk that sent them
        (`sent_by`; "": each record's own kiosk_id), in one transaction; for each, 'stored',
        'duplicate' (this very record was here, or it was forgotten: its late copy is not
        stored) or 'conflict' (its UUID holds a different record, left as it is).

        The inserts go out together (psycopg's pipeline: one round trip for the batch); only
        the UUIDs whose insert did nothing are read back and compared."""
        if not checked:
            return []
        uuids = [signature.uuid for signature, _ in checked]
        firsts = {}  # a UUID twice in one batch: its first copy is inserted, the rest compared
        for place, uuid in enumerate(uuids):
            firsts.setdefault(uuid, place)
        with self.transaction() as conn, conn.cursor() as cursor:
            cursor.execute(_LOCK_UUIDS, (sorted(firsts),))
            cursor.executemany(
                _INSERT,
                [
                    (
                        *_cells(checked[place][0]),
                        Jsonb(checked[place][1]),
                        sent_by or checked[place][0].kiosk_id,
                        uuid,
                    )
                    for uuid, place in firsts.items()
                ],
                returning=True,
            )
            inserted = set()
            for uuid in firsts:
                if cursor.fetchone():
                    inserted.add(uuid)
                cursor.nextset()
            tallies.add(conn, [checked[firsts[uuid]][0] for uuid in inserted])
            others = [uuid for uuid in firsts if uuid not in inserted]
            kept = {}
            if others or len(firsts) < len(uuids):
                kept = {
                    uuid: (payload, erased_at)
                    for uuid, payload, erased_at in cursor.execute(
                        "SELECT uuid, payload, erased_at FROM signatures WHERE uuid = ANY(%s)",
                        (list(firsts),),
                    )
                }
        outcomes = []
        for place, (signature, payload) in enumerate(checked):
            if signature.uuid in inserted and firsts[signature.uuid] == place:
                outcomes.append("stored")
                continue
            payload_kept, erased_at = kept.get(signature.uuid, (None, "forgotten"))
            if erased_at is not None or payload_kept == payload:
                outcomes.append("duplicate")
            else:
                outcomes.append("conflict")
        return outcomes

    def keep(self, signature: Signature, payload: dict[str, Any]) -> bool:
        """`keep_all` for one record: True if new, False if a duplicate, and
        DuplicateSignatureError on a conflict."""
        [outcome] = self.keep_all([(signature, payload)])
        if outcome == "conflict":
            raise DuplicateSignatureError(signature.uuid)
        return outcome == "stored"

    def was_forgotten(self, uuid: str) -> bool:
        """Whether record `uuid` was erased here, or forgotten before it arrived."""
        with self.transaction() as conn:
            return bool(
                conn.execute(
                    "SELECT 1 FROM signatures WHERE uuid = %s AND erased_at IS NOT NULL "
                    "UNION ALL SELECT 1 FROM forgotten WHERE uuid = %s",
                    (uuid, uuid),
                ).fetchone()
            )

    def forget(self, uuids: list[str]) -> None:
        """Erase the personal fields of the records `uuids` (in their columns and their
        payload), and remember every one of them, so a copy arriving later is not stored."""
        now = format_utc(datetime.now(UTC))
        blank_text = ", ".join(f"{name} = ''" for name in ERASED_TEXT)
        blank_blobs = ", ".join(f"{name} = NULL" for name in ERASED_BLOBS)
        with self.transaction() as conn:
            for uuid in sorted(uuids):  # in one order: two tombstone batches never deadlock
                conn.execute(_LOCK_UUID, (uuid,))
                conn.execute(
                    f"UPDATE signatures SET {blank_text}, {blank_blobs}, "  # noqa: S608 - fixed
                    "payload = (payload || %s) - %s, erased_at = coalesce(erased_at, %s) "
                    "WHERE uuid = %s",
                    (Jsonb(dict.fromkeys(ERASED_TEXT, "")), SEALED_PAYLOAD, now, uuid),
                )
                conn.execute(
                    "INSERT INTO forgotten (uuid, forgotten_at) VALUES (%s, %s) "
                    "ON CONFLICT (uuid) DO NOTHING",
                    (uuid, now),
                )

    def note_contact(
        self, kiosk_id: str, when: datetime | None = None, waiting: int | None = None
    ) -> None:
        """Remember that `kiosk_id` reported now (or `when`), with `waiting` records still on it
        (None: it did not say)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO contacts (kiosk_id, last_report, waiting) VALUES (%s, %s, %s) "
                "ON CONFLICT (kiosk_id) DO UPDATE "
                "SET last_report = excluded.last_report, waiting = excluded.waiting",
                (kiosk_id, format_utc(when or datetime.now(UTC)), waiting),
            )

    def dashboard(self, since: str | None = None, until: str | None = None) -> Stand:
        """The coordinators' dashboard: counts from the tallies kept with the records (a few
        hundred rows, whatever the number of records), and each kiosk's last report."""
        with self.transaction() as conn:
            counts = tallies.read(conn, since, until)
            contacts = conn.execute(
                "SELECT kiosk_id, last_report, waiting FROM contacts"
            ).fetchall()
        return Stand(
            per_kiosk=dict(sorted(counts[tallies.KIOSK].items())),
            per_case=dict(sorted(counts[tallies.CASE].items())),
            contacts={kiosk: last for kiosk, last, _ in contacts},
            per_event=dict(sorted(counts[tallies.EVENT].items())),
            per_quarter=dict(sorted(counts[tallies.QUARTER].items())),
            waiting={kiosk: n for kiosk, _, n in contacts if n is not None},
        )

    def recount(self) -> None:
        """Count every record again into the dashboard's tallies: after rows were written
        around the collector (a bulk load, a restore)."""
        with self.transaction() as conn:
            tallies.recount(conn)

    def value(self, name: str) -> str | None:
        """One of the collector's own values (the coordinators' password hash...), or None."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT value FROM collector_values WHERE name = %s", (name,)
            ).fetchone()
        return row[0] if row else None

    def keep_value(self, name: str, value: str, *, replace: bool = True) -> str:
        """Keep `value` under `name`; without `replace` a value kept before (by any collector
        process) stays. Returns the value kept."""
        conflict = "DO UPDATE SET value = excluded.value" if replace else "DO NOTHING"
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO collector_values (name, value) VALUES (%s, %s) "  # noqa: S608
                f"ON CONFLICT (name) {conflict}",
                (name, value),
            )
            return conn.execute(
                "SELECT value FROM collector_values WHERE name = %s", (name,)
            ).fetchone()[0]

    def count(self) -> int:
        """How many records are kept (erased ones included)."""
        with self.transaction() as conn:
            return conn.execute("SELECT count(*) FROM signatures").fetchone()[0]

    # -- what an export reads ----------------------------------------------------------------

    def per_case(self) -> dict[str, int]:
        with self.transaction() as conn:
            return dict(
                conn.execute("SELECT case_id, count(*) FROM signatures GROUP BY 1").fetchall()
            )

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[psycopg.Connection]:
        """A pooled connection in one read-only transaction that sees one moment of the
        database throughout (REPEATABLE READ): a record stored meanwhile is in or out whole,
        for every statement of the block."""
        with self.transaction() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn

    @contextlib.contextmanager
    def export_rows(
        self, selection: Selection, *, piece: int = 2000
    ) -> Iterator[tuple[list[str], Iterator[tuple]]]:
        """The selection's distinct consents texts (in the order they first appear) and its
        signatures' cells in `export_rows.CELLS` order, oldest first, of one moment of the
        database; the rows come through a server-side cursor, `piece` at a time: a million
        rows never sit in memory."""
        where, params = _where(selection)
        texts = (
            "SELECT consents, min((signed_at || ' ' || uuid) COLLATE \"C\") "  # noqa: S608
            f"FROM signatures{where} GROUP BY consents ORDER BY 2"
        )
        sql = (
            "SELECT uuid, signed_at, signed_at, case_id, event_id, kiosk_id, language, "  # noqa: S608
            "given_name, family_name, postal_code, town, country, email, wants_letter, "
            "(drawing IS NOT NULL OR signature_png IS NOT NULL)::int, consents "
            f'FROM signatures{where} ORDER BY signed_at COLLATE "C", uuid COLLATE "C"'
        )
        with self.snapshot() as conn:
            found = [text for text, _ in conn.execute(texts, params)]  # type: ignore[arg-type]
            with conn.cursor(name="export_rows") as cursor:
                cursor.itersize = piece
                cursor.execute(sql, params)  # type: ignore[arg-type] - fixed SQL, bound values
                yield found, (_with_local_time(row) for row in cursor)

    @contextlib.contextmanager
    def export_records(
        self, selection: Selection, *, piece: int = 2000
    ) -> Iterator[Iterator[tuple]]:
        """The selected signatures as a JSON Lines export reads them (`export_rows.records`),
        oldest first, through a server-side cursor, `piece` at a time."""
        where, params = _where(selection)
        sql = (
            "SELECT uuid, case_id, event_id, kiosk_id, signed_at, language, "  # noqa: S608
            "given_name, family_name, postal_code, town, country, email, consents, wants_letter, "
            "(drawing IS NOT NULL OR signature_png IS NOT NULL OR sealed_drawing IS NOT NULL)"
            "::int, sealed "
            f'FROM signatures{where} ORDER BY signed_at COLLATE "C", uuid COLLATE "C"'
        )
        with self.snapshot() as conn, conn.cursor(name="export_records") as cursor:
            cursor.itersize = piece
            cursor.execute(sql, params)  # type: ignore[arg-type] - fixed SQL, bound values
            yield cursor

    def export_per_minute(self, selection: Selection) -> list[tuple[str, str, int]]:
        where, params = _where(selection)
        sql = (
            "SELECT case_id, substr(signed_at, 1, 16), count(*) "  # noqa: S608 - fixed SQL
            f"FROM signatures{where} GROUP BY 1, 2"
        )
        with self.transaction() as conn:
            return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]

    def export_sealed_count(self, selection: Selection) -> int:
        """How many of the selected signatures are sealed (`export_rows.sealed_count`)."""
        where, params = _where(selection)
        where += " AND sealed IS NOT NULL" if where else " WHERE sealed IS NOT NULL"
        with self.transaction() as conn:
            sql = f"SELECT count(*) FROM signatures{where}"  # noqa: S608 - fixed SQL
            return conn.execute(sql, params).fetchone()[0]  # type: ignore[arg-type]

    def signatures(self, *, piece: int = 2000, **selection: Any) -> Iterator[Signature]:
        """Signatures oldest first (the fields of a `Selection`), streamed `piece` at a time."""
        where, params = _where(Selection(**selection))
        sql = (
            f"SELECT {', '.join(COLUMNS)} FROM signatures{where} "  # noqa: S608 - fixed SQL
            'ORDER BY signed_at COLLATE "C", uuid COLLATE "C"'
        )
        with self.snapshot() as conn, conn.cursor(name="signatures", row_factory=dict_row) as c:
            c.itersize = piece
            c.execute(sql, params)  # type: ignore[arg-type]
            for row in c:
                yield Signature.from_row(row)

    def signatures_integrity_later(self) -> Future[str]:
        """'ok': PostgreSQL checks its own pages as it reads them (and fails the read, which
        the export reports, when one is damaged); there is no file-wide check to run here."""
        done: Future[str] = Future()
        done.set_result("ok")
        return done


def _cells(signature: Signature) -> list[Any]:
    """The values of `signature`'s row in `COLUMNS` order (a clear record has no sealed ones)."""
    row = signature.to_row()
    return [row.get(name) for name in COLUMNS]


def _version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM kiosk_schema").fetchone()
    return (row[0] if row else None) or 0


def _where(selection: Selection) -> tuple[str, list[str]]:
    """`selection` as a PostgreSQL condition: the same clauses, with psycopg's placeholders."""
    where, params = selection.where(marks_samples=False)
    return where.replace("?", "%s"), params


def _local(signed_at: str) -> str:
    """'2026-12-10T17:05:03Z' as this machine's local time, as SQLite's 'localtime' gives it."""
    try:
        return datetime.fromisoformat(signed_at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, OverflowError):
        return ""


def _with_local_time(row: tuple) -> tuple:
    return (row[0], row[1], _local(row[2]), *row[3:])
