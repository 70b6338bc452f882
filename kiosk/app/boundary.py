"""Where the application layer meets the files: SQLite failures and unwritable outputs become
`KioskError`s that say what to do, so no volunteer ever sees a traceback."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ParamSpec, TypeVar

from kiosk.core import files
from kiosk.core.errors import OutputError
from kiosk.core.records.connection import database_errors as translated

P = ParamSpec("P")
R = TypeVar("R")


def database_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn an SQLite failure inside a service action into a `StorageError` naming the file."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        with translated(args[0].database_path):  # type: ignore[attr-defined]
            return method(*args, **kwargs)

    return guarded


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user asked for, owner-only and whole or not at all (it may hold every
    signer's name); a missing folder or a full disk is an `OutputError`."""
    with output_file(path) as out:
        out.write(data)


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[files.HashingFile]:
    """`write_output` in pieces: what the block writes appears at `path` whole once it ends,
    or not at all."""
    try:
        with files.atomic_file(path) as out:
            yield out
    except OSError as exc:
        raise OutputError(
            f"Cannot write {path}: {exc.strerror}. Check that the folder exists, is writable "
            "and has free space."
        ) from exc
