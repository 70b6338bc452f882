"""Where the application layer meets the files: SQLite failures and unwritable outputs become
`KioskError`s that say what to do, so no volunteer ever sees a traceback."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from kiosk.core.errors import DamagedDatabaseError, OutputError, StorageError
from kiosk.core.records.store import storage_error

P = ParamSpec("P")
R = TypeVar("R")


def database_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn an SQLite failure inside a service action into a `StorageError` naming the file."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            service = args[0]
            raise database_problem(service.database_path, exc) from exc  # type: ignore[attr-defined]

    return guarded


def database_problem(path: Path, exc: sqlite3.DatabaseError) -> StorageError:
    """An SQLite failure as a volunteer reads it: a damaged file, or why it cannot be used."""
    if DamagedDatabaseError.fits(exc):
        return DamagedDatabaseError(path)
    return storage_error(path, exc)


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user asked for; a missing folder or a full disk is an `OutputError`."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(
            f"Cannot write {path}: {exc.strerror}. Check that the folder exists, is writable "
            "and has free space."
        ) from exc
