"""Which records a long read has met already, kept on the disk rather than in memory.

`kiosk decrypt` of JSON Lines files put together (two exports of one day, say) keeps each record
once and refuses a different one under a UUID it met before. A campaign's file holds millions
of records, so the UUIDs met, each with a digest of its record (never a name), go to a private
temporary SQLite database, which SQLite removes when it is closed: memory stays flat.
"""

from __future__ import annotations

import sqlite3
from enum import Enum


class Met(Enum):
    NEW = "new"
    SAME = "same"  # this very record came before
    DIFFERENT = "different"  # another record came before under this UUID


class SeenRecords:
    """The UUIDs met so far, with a digest of each record's content."""

    def __init__(self) -> None:
        # "": a temporary database of this connection's own, on the disk, gone when closed.
        self._conn = sqlite3.connect("", isolation_level=None)
        self._conn.execute("CREATE TABLE seen (uuid TEXT PRIMARY KEY, digest BLOB NOT NULL)")
        self._conn.execute("BEGIN")  # nothing here needs to survive: one transaction, no syncs

    def meet(self, uuid: str, digest: bytes) -> Met:
        """Note the record `uuid` with content `digest`; whether it is new, came before the
        same, or came before different."""
        inserted = self._conn.execute(
            "INSERT INTO seen (uuid, digest) VALUES (?, ?) ON CONFLICT (uuid) DO NOTHING",
            (uuid, digest),
        ).rowcount
        if inserted:
            return Met.NEW
        [kept] = self._conn.execute("SELECT digest FROM seen WHERE uuid = ?", (uuid,)).fetchone()
        return Met.SAME if kept == digest else Met.DIFFERENT

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SeenRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
