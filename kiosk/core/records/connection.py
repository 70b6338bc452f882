"""Opening a signature database: the pragmas every connection must have, and errors in words.

Every connection runs in WAL mode with `synchronous=FULL`, so a signature whose `record` call
has returned survives a power cut, and with `secure_delete`, so erased data is overwritten.
The file, its WAL and its shared-memory file are readable by their owner only: they reveal
who supports which political prisoner.

Connections are opened in autocommit mode (`isolation_level=None`): Python's own transaction
handling starts a deferred `BEGIN` just before the first write, and a transaction that has read
before it writes gets "database is locked" at once when another connection writes, without the
busy timeout ever applying. The store starts its transactions itself instead (`Store.write`
begins with `BEGIN IMMEDIATE`, which waits for the write lock up to `BUSY_TIMEOUT_MS`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.core import files
from kiosk.core.errors import DamagedDatabaseError, NotADatabaseError, StorageError

OWNER_ONLY = files.OWNER_ONLY
SQLITE_MAGIC = b"SQLite format 3\0"  # the first 16 bytes of every SQLite database
# How long a writer waits for another one (a terminal's `kiosk sync --once`, a collector
# forwarding onwards) before it gives up with "locked".
BUSY_TIMEOUT_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` with the pragmas every connection to a signature database must have.

    Creates the file (owner-only) and its missing folders (0700) if needed. A file that is
    there is checked first: only an empty file or an SQLite database is the kiosk's own, and
    only then is it tightened when others could read it (with its WAL and shared-memory files).
    Anything else (`--database /etc/passwd`) is refused untouched, its mode and content kept.
    SQLite gives new WAL and shared-memory files the database file's mode.
    """
    path = Path(path)
    try:
        files.make_folder(path.parent)
        if not _is_ours(path):
            raise NotADatabaseError(path)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY)
        os.close(fd)
        for own in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
            if own.exists() and own.stat().st_mode & 0o077:
                own.chmod(OWNER_ONLY)
        conn = _open(str(path))
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StorageError(f"The database {path} cannot use WAL mode (it reports '{mode}').")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # What is deleted or overwritten (an erased name, an old payload) is zeroed in the
        # file, not left in free space for anyone who copies it (`erasure.py`).
        conn.execute("PRAGMA secure_delete = ON")
    except sqlite3.DatabaseError as exc:
        raise storage_error(path, exc) from exc
    except OSError as exc:
        raise StorageError(
            f"The database {path} cannot be opened: {exc.strerror}. Check that the folder exists "
            "and is writable, or give another file with --database."
        ) from exc
    return conn


def _is_ours(path: Path) -> bool:
    """Whether `path` is missing, empty, an empty SQLite database or a signature database: a
    file the kiosk may open for writing (and so change). Another program's SQLite database (a
    browser's history, say) is not: opening it would turn it to WAL and add our tables."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return True
    if head != SQLITE_MAGIC:
        return head == b""
    try:
        conn = _open(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True  # a damaged signature database, as like as not: the opening says so
    return not tables or "signatures" in tables or version > 0


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open `path` for reading only (another kiosk's database, to merge): nothing in it, not
    even its journal mode, is changed."""
    path = Path(path)
    try:
        conn = _open(f"file:{path}?mode=ro", uri=True)
        conn.execute("PRAGMA schema_version").fetchone()  # a file that is no database says so
    except sqlite3.DatabaseError as exc:
        raise storage_error(path, exc) from exc
    return conn


def _open(target: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target,
        uri=uri,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def storage_error(path: Path, exc: sqlite3.Error) -> StorageError:
    """What went wrong with the database at `path`, in words a volunteer can act on."""
    if DamagedDatabaseError.fits(exc):
        return DamagedDatabaseError(path)
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        why = "it is read-only. Check the file's permissions or the disk's write protection"
    elif "full" in text:
        why = "the disk is full. Free some space (or change the USB stick) and try again"
    elif "not a database" in text or "malformed" in text:
        why = "it is not a signature database or it is damaged. Keep a copy and ask for help"
    elif "locked" in text or "busy" in text:
        why = "another program holds it locked. Close other kiosk windows and try again"
    elif "unable to open" in text:
        why = "the file cannot be opened. Check that it exists and is readable"
    else:
        why = f"SQLite says '{exc}'"
    return StorageError(f"The database {path} cannot be used: {why}.")


@contextmanager
def database_errors(path: Path) -> Iterator[None]:
    """Turn any SQLite failure inside the block into a `StorageError` naming `path`: for the
    layers above, which never see an `sqlite3` exception."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from exc


def as_dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of `cursor` as dicts keyed by column name: the one place rows become dicts."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
