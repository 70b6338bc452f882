"""Putting the records of several kiosks together, offline, each record once.

For a stand whose kiosks never had a network: their databases (or JSON Lines exports, e.g. from
USB sticks) are merged into one database of the kiosk's own kind. Records are matched by UUID.
The same record twice is kept once; a *different* record under a UUID already present is a
conflict, reported and never resolved by guessing: neither copy is changed.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kiosk.core import files
from kiosk.core.errors import DuplicateSignatureError, StorageError
from kiosk.core.records.connection import SQLITE_MAGIC
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.received import RecordIn, reason
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature


@dataclass
class MergeResult:
    added: int = 0
    already: int = 0
    total: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (uuid, source)
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (source, why)


def _from_database(path: Path) -> list[tuple[Signature, dict | None]]:
    """The records of a kiosk database, read without changing it."""
    with Store(path, read_only=True) as source:
        payloads = Outbox(source).payloads()
        return [(s, payloads.get(s.uuid)) for s in source.signatures()]


def _from_jsonl(path: Path, result: MergeResult) -> list[tuple[Signature, dict | None]]:
    found = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                data = data.get("record", data) if isinstance(data, dict) else data
                found.append((RecordIn.model_validate(data).signature(), data))
            except (ValueError, ValidationError) as exc:
                why = reason(exc) if isinstance(exc, ValidationError) else f"not JSON ({exc})"
                result.invalid.append((f"{path}:{number}", why))
    return found


def merge_into(output: Path, inputs: list[Path] | tuple[Path, ...]) -> MergeResult:
    """Merge `inputs` into the database `output`, complete or not at all.

    A new `output` is built in a hidden temporary file beside it and renamed into place once
    complete (flushed, file and folder): a killed merge never leaves a partial database that
    looks complete, and the next merge removes the temporary file it left. An existing `output`
    takes every record in one transaction, so a killed merge leaves it as it was; a kiosk
    writing to it meanwhile waits, up to the busy timeout.
    """
    output = Path(output)
    remove_leftovers(output)
    if output.exists():
        with Store(output) as store, store.write():
            return _merge(store, inputs)
    with _temporary_beside(output) as temporary:
        with Store(temporary) as store:
            result = _merge(store, inputs)
            store.checkpoint()  # everything in the file itself: no WAL goes with the rename
        _remove_companions(temporary)
        files.sync_file(temporary)
        if output.exists():  # made meanwhile by someone else: theirs is not replaced
            raise FileExistsError(0, "another merge made it meanwhile", str(output))
        _remove_companions(output)  # a stale WAL of a removed file must not join the new one
        temporary.rename(output)
        files.sync_folder(output.parent)
    return result


def _merge(store: Store, inputs: list[Path] | tuple[Path, ...]) -> MergeResult:
    result = MergeResult()
    for path in inputs:
        source = str(path)
        try:
            with path.open("rb") as handle:
                is_database = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
            records = _from_database(path) if is_database else _from_jsonl(path, result)
        except (OSError, StorageError, UnicodeDecodeError) as exc:
            result.invalid.append((source, str(exc)))
            continue
        for signature, payload in records:
            try:
                added = store.record(signature, print_letter=False, payload=payload)
            except DuplicateSignatureError:
                result.conflicts.append((signature.uuid, source))
                continue
            result.added += added
            result.already += not added
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
