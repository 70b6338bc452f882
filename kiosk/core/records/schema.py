"""The schema of a signature database and the migrations that bring an older file forward.

The schema carries a version (`PRAGMA user_version`). Each migration is a function of a
sqlite-utils `Database` (the project's library for schema work: `create_table`, `add_column`,
`transform`, `create_index`) and runs inside one `BEGIN IMMEDIATE` transaction together with
the version bump, so a migration is applied whole or not at all, and two processes opening an
old file at once migrate it once. A migration therefore never commits by itself: no
`executescript` (which commits first) and no `atomic()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.core.errors import StorageError

if TYPE_CHECKING:
    import sqlite_utils

    from kiosk.core.records.store import Store

log = logging.getLogger(__name__)

_V1 = """
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


def _v1_signatures(db: sqlite_utils.Database) -> None:
    # The shipped script, run statement by statement inside the migration's transaction.
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


def _v2_sample_mark(db: sqlite_utils.Database) -> None:
    # Made-up signatures (`kiosk sample`) are marked, so they are never delivered or exported
    # as real people; every record written before was a real one.
    db["signatures"].add_column("sample", int, not_null_default=0)


def _v3_sealed(db: sqlite_utils.Database) -> None:
    # Sealed mode (`privacy.public_key`): the personal fields and the drawn signature, sealed
    # to the organisation's key; the plain columns of a sealed record stay empty. Older
    # records were never sealed.
    db["signatures"].add_column("sealed", bytes)
    db["signatures"].add_column("sealed_drawing", bytes)


def _v4_erasure_mark(db: sqlite_utils.Database) -> None:
    # When a record's personal fields were erased (retention or `kiosk forget`): what stays of
    # it (case, time, consents) still counts, and nothing personal is ever put back into it.
    db["signatures"].add_column("erased_at", str)


_LOST_PRINT_JOBS = """
        CREATE TABLE print_jobs_new (
            id INTEGER PRIMARY KEY,
            signature_uuid TEXT NOT NULL REFERENCES signatures (uuid),
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sent', 'printed', 'failed', 'cancelled', 'lost')),
            cups_job TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            reprint_of INTEGER REFERENCES print_jobs_new (id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            held_by TEXT
        );
        INSERT INTO print_jobs_new (id, signature_uuid, state, cups_job, attempts, last_error,
                                    reprint_of, created_at, updated_at)
            SELECT id, signature_uuid, state, cups_job, attempts, last_error,
                   reprint_of, created_at, updated_at FROM print_jobs;
        DROP TABLE print_jobs;
        ALTER TABLE print_jobs_new RENAME TO print_jobs;
        CREATE INDEX print_jobs_state ON print_jobs (state);
        CREATE INDEX print_jobs_signature ON print_jobs (signature_uuid);
        """


def _v5_lost_print_jobs(db: sqlite_utils.Database) -> None:
    # Sealed mode: a letter waits for the printer in the memory of the kiosk process that
    # recorded it (`held_by` names that process), and a letter whose process stopped before
    # CUPS took it is 'lost' (printed by the coordinator from the decrypted export). SQLite
    # cannot change a CHECK constraint in place: the table is rebuilt, ids and all. A reprint
    # refers to its first job within the new table (the rename renames that reference too), so
    # dropping the old table breaks no foreign key.
    for statement in _LOST_PRINT_JOBS.split(";"):
        if statement.strip():
            db.execute(statement)


def _v6_paired_kiosks(db: sqlite_utils.Database) -> None:
    # A collector's kiosks, each paired with a token of its own (`paired.py`); and for each
    # record a collector receives, the kiosk that sent it (the paired kiosk's name, not what
    # the message claims) and when it arrived. A kiosk's own records have neither.
    from kiosk.core.records.paired import CREATE_TABLE

    db.execute(CREATE_TABLE)
    db["signatures"].add_column("sent_by", str)
    db["signatures"].add_column("received_at", str)


# Append only: never edit a migration that has shipped, add the next one.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_signatures,
    _v2_sample_mark,
    _v3_sealed,
    _v4_erasure_mark,
    _v5_lost_print_jobs,
    _v6_paired_kiosks,
]
SAMPLE_MARK_SINCE = 2  # the schema version that has `signatures.sample`
SEALED_SINCE = MIGRATIONS.index(_v3_sealed) + 1  # has `signatures.sealed`
ERASURE_MARK_SINCE = MIGRATIONS.index(_v4_erasure_mark) + 1  # has `signatures.erased_at`
RECEIVED_SINCE = MIGRATIONS.index(_v6_paired_kiosks) + 1  # has `kiosks`, `sent_by`
SCHEMA_VERSION = len(MIGRATIONS)


def version(store: Store) -> int:
    """The schema version the file at `store` has now."""
    with store.read() as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def check_known(store: Store) -> None:
    """Refuse a database written by a newer kiosk: its records may hold what this one drops."""
    current = version(store)
    if current > SCHEMA_VERSION:
        raise StorageError(
            f"The database {store.path} was written by a newer kiosk (schema {current}, "
            f"this kiosk knows up to {SCHEMA_VERSION}). Update the kiosk software."
        )


def migrate(store: Store) -> None:
    """Bring the database forward to `SCHEMA_VERSION`, oldest migration first.

    A database already up to date costs one read: the write lock is taken only when there is
    something to do, and the version is read again under it (another process may have just
    migrated the same file).
    """
    check_known(store)
    while version(store) < SCHEMA_VERSION:
        with store.write() as conn:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= SCHEMA_VERSION:
                break
            # Imported here: a file that is up to date (nearly every start) never needs it,
            # and it costs each `kiosk` command a tenth of a second.
            import sqlite_utils

            db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
            MIGRATIONS[current](db)
            # The version is a number this module counts, never outside text.
            conn.execute(f"PRAGMA user_version = {current + 1}")
        log.info("database schema migrated to version %d", current + 1)
