"""Putting the records of several kiosks together, offline, each record once.

For a stand whose kiosks never had a network: their databases (or JSON Lines exports, e.g. from
USB sticks) are merged into one database of the kiosk's own kind. Records are matched by UUID.
The same record twice is kept once; a *different* record under a UUID already present is a
conflict, reported and never resolved by guessing: neither copy is changed.

A new database is built in a hidden file and appears only when complete. The same way, `rescue`
saves the records of a damaged database that can still be read into a new one.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kiosk.core import files
from kiosk.core.errors import DuplicateSignatureError, StorageError
from kiosk.core.records import streams
from kiosk.core.records.connection import SQLITE_MAGIC, as_dicts, connect_read_only
from kiosk.core.records.export_rows import PIECE
from kiosk.core.records.received import received_signature
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature

R = TypeVar("R")


@dataclass
class MergeResult:
    added: int = 0
    already: int = 0
    total: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (uuid, source)
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (source, why)


class _UnreadableSourceError(Exception):
    """A source that could not be read on (carrying the reason): its records are taken back."""


def _from_database(path: Path, piece: int) -> Iterator[tuple[Signature, dict | None]]:
    """The records of a kiosk database with their frozen payloads, read without changing it,
    `piece` at a time."""
    with Store(path, read_only=True) as source, streams.with_payloads(source, piece=piece) as found:
        yield from found


def _from_jsonl(path: Path, result: MergeResult) -> Iterator[tuple[Signature, dict | None]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except (ValueError, RecursionError) as exc:
                result.invalid.append((f"{path}:{number}", f"not JSON ({exc})"))
                continue
            data = data.get("record", data) if isinstance(data, dict) else data
            try:
                signature = received_signature(data)
            except ValueError as exc:  # RecordRefusedError: the reason, field by field
                result.invalid.append((f"{path}:{number}", str(exc)))
                continue
            yield signature, data


def _read(path: Path, result: MergeResult, piece: int) -> Iterator[tuple[Signature, dict | None]]:
    """The records of `path` (a kiosk database or a JSON Lines export) as they are read; a
    source that cannot be read on raises `_UnreadableSourceError`, whatever the reason."""
    try:
        with path.open("rb") as handle:
            is_database = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
        yield from _from_database(path, piece) if is_database else _from_jsonl(path, result)
    except (OSError, StorageError, UnicodeDecodeError) as exc:
        raise _UnreadableSourceError(str(exc)) from exc


def merge_into(
    output: Path, inputs: list[Path] | tuple[Path, ...], *, piece: int = PIECE
) -> MergeResult:
    """Merge `inputs` into the database `output`, complete or not at all.

    A new `output` is built in a hidden temporary file beside it and renamed into place once
    complete (flushed, file and folder): a killed merge never leaves a partial database that
    looks complete, and the next merge removes the temporary file it left. Either takes every
    record in one transaction, so a killed merge leaves an existing `output` as it was; a kiosk
    writing to it meanwhile waits, up to the busy timeout.

    Each source is read `piece` records at a time and merged as it is read: a campaign's
    millions of records never sit in memory. A source that cannot be read on (a file cut
    short, a damaged page) adds nothing: what it gave is taken back, and it is reported.
    """
    output = Path(output)
    remove_leftovers(output)
    if output.exists():
        with Store(output) as store:
            return _merge(store, inputs, piece)
    return _build_new(output, lambda store: _merge(store, inputs, piece))


def _build_new(output: Path, fill: Callable[[Store], R]) -> R:
    """Make the database `output` with `fill`, in a hidden file renamed into place once `fill`
    returned and everything is on the disk: until then there is no `output` at all."""
    with _temporary_beside(output) as temporary:
        with Store(temporary) as store:
            result = fill(store)
            store.checkpoint()  # everything in the file itself: no WAL goes with the rename
        _remove_companions(temporary)
        files.sync_file(temporary)
        if output.exists():  # made meanwhile by someone else: theirs is not replaced
            raise FileExistsError(0, "another merge made it meanwhile", str(output))
        _remove_companions(output)  # a stale WAL of a removed file must not join the new one
        temporary.rename(output)
        files.sync_folder(output.parent)
    return result


def _merge(store: Store, inputs: list[Path] | tuple[Path, ...], piece: int) -> MergeResult:
    result = MergeResult()
    with store.write() as conn:
        for path in inputs:
            source = str(path)
            tally = MergeResult()
            conn.execute("SAVEPOINT merge_source")
            try:
                for signature, payload in _read(path, result, piece):
                    try:
                        added = store.record(signature, print_letter=False, payload=payload)
                    except DuplicateSignatureError:
                        tally.conflicts.append((signature.uuid, source))
                        continue
                    tally.added += added
                    tally.already += not added
            except _UnreadableSourceError as exc:  # all or nothing of a source, as when read whole
                conn.execute("ROLLBACK TO merge_source")
                result.invalid.append((source, str(exc)))
            else:
                result.added += tally.added
                result.already += tally.already
                result.conflicts += tally.conflicts
            conn.execute("RELEASE merge_source")
    result.total = store.counts().total
    return result


def _temporaries(output: Path) -> list[Path]:
    return sorted(output.parent.glob(f".{glob.escape(output.name)}.merging-*.db"))


def remove_leftovers(output: Path) -> int:
    """Remove the temporary files of merges into `output` that were killed (a merge still
    running holds a lock on its own and is left alone); how many were removed."""
    removed = 0
    for temporary in _temporaries(output):
        try:
            fd = os.open(temporary, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # in use
        else:
            temporary.unlink(missing_ok=True)
            _remove_companions(temporary)
            removed += 1
        finally:
            os.close(fd)
    return removed


@contextmanager
def _temporary_beside(output: Path) -> Iterator[Path]:
    """A new, empty, owner-only file beside `output`, locked while the block runs and removed
    after it unless it was renamed."""
    files.make_folder(output.parent)
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.merging-", suffix=".db", dir=output.parent)
    temporary = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)  # gone already once renamed into place
        _remove_companions(temporary)
        os.close(fd)


def _remove_companions(database: Path) -> None:
    """Remove a closed database's WAL and shared-memory files."""
    for end in ("-wal", "-shm"):
        database.with_name(database.name + end).unlink(missing_ok=True)


# -- rescue: the readable records of a damaged database ----------------------------------------


@dataclass
class RescueResult:
    saved: int = 0
    lost: int = 0  # rows that could not be read, or that read as no valid record
    # Saved, but unlike the copy frozen for delivery when they were signed: one of the two was
    # changed by the damage, and a person must look.
    differing: list[str] = field(default_factory=list)


def rescue_into(output: Path, damaged: Path) -> RescueResult:
    """Copy every record of `damaged` that can still be read whole and valid into the new
    database `output` (complete or not at all, as a merge builds one); nothing in `damaged` is
    changed. Rows are read one by one by their row number, so a damaged page loses only the
    records on it. The records saved wait for delivery again (a receiver keeps each once, by its
    UUID) and queue no letter."""
    output = Path(output)
    if output.exists():
        raise FileExistsError(0, "it is there already: name a new file", str(output))
    remove_leftovers(output)
    unreadable = StorageError(
        f"Nothing can be rescued from {damaged}: its list of tables cannot be read, so nothing "
        f"was written. The sqlite3 tool may still find records (`sqlite3 {damaged} .recover`)."
    )
    try:
        source = connect_read_only(damaged)
    except StorageError as exc:
        raise unreadable from exc
    try:
        found = source.execute("SELECT 1 FROM sqlite_master WHERE name = 'signatures'").fetchone()
    except sqlite3.DatabaseError as exc:
        source.close()
        raise unreadable from exc
    if found is None:
        source.close()
        raise unreadable
    try:
        return _build_new(output, lambda store: _rescue(store, source, Path(damaged)))
    finally:
        source.close()


def _rescue(store: Store, source: sqlite3.Connection, path: Path) -> RescueResult:
    result = RescueResult()
    for row in _rows(source, path):
        try:
            if row is None:
                raise ValueError("unreadable")
            signature = Signature.from_row(row)
            received_signature(signature.payload())  # what a collector would refuse is lost
            frozen = _payload(source, signature.uuid)
            sample = bool(row.get("sample"))  # made up by `kiosk sample`: it stays so
            store.record(signature, print_letter=False, payload=frozen, sample=sample)
        except (ValueError, TypeError, KeyError, DuplicateSignatureError):
            result.lost += 1
            continue
        result.saved += 1
        if frozen is not None and frozen != signature.payload():
            result.differing.append(signature.uuid)
    return result


def _rows(source: sqlite3.Connection, path: Path) -> Iterator[dict | None]:
    """Every signature row by its row number; None for one that cannot be read or is gone."""
    try:
        last = source.execute("SELECT max(rowid) FROM signatures").fetchone()[0] or 0
        counted = True
    except sqlite3.DatabaseError:
        last = path.stat().st_size // 64  # more rows than the file could hold
        counted = False
    for rowid in range(1, last + 1):
        try:
            rows = as_dicts(source.execute("SELECT * FROM signatures WHERE rowid = ?", (rowid,)))
        except sqlite3.DatabaseError:
            yield None
            continue
        if rows:
            yield rows[0]
        elif counted:  # signatures are never deleted: a number up to the last one that reads
            yield None  # as no row lost its record to the damage


def _payload(source: sqlite3.Connection, uuid: str) -> dict | None:
    """The record's outbox payload as frozen when it was signed, when it can be read."""
    try:
        row = source.execute("SELECT payload FROM outbox WHERE uuid = ?", (uuid,)).fetchone()
        payload = json.loads(row[0]) if row else None
    except (sqlite3.DatabaseError, ValueError, TypeError):
        return None
    return payload if isinstance(payload, dict) and payload.get("uuid") == uuid else None
