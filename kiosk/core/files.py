"""Writing the kiosk's files: owner-only, and whole or not at all.

Everything the kiosk writes can say who signed for which political prisoner (an export, a
letter, a delivery batch, the database, the settings with the PIN's hash), so every file is
created readable by its owner only (0600) and every folder the kiosk makes is 0700. The mode is
given when the file or folder is created (`os.open`, `mkdir`), never put right afterwards with
a chmod: there is no moment at which another user could open it. Folders that already exist are
left as they are: they are not the kiosk's own.

A letter in the PDF folder, a batch of records in a delivery folder, an export, a file asked for
with --output: each is written to a temporary file beside its target, flushed to the disk,
renamed into place, and the folder is flushed too. A power cut or a pulled USB stick then leaves
either the whole file or no file, never a half file that looks complete. On any failure the
temporary file is removed and the OSError is raised for the caller to put in its own words.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


def make_folder(path: Path) -> None:
    """Create `path` and any missing parent as owner-only folders; existing ones are untouched.

    (`Path.mkdir(parents=True, mode=...)` gives the parents the umask's default mode, 0755.)
    """
    path = Path(path)
    missing = []
    while not path.is_dir():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=OWNER_ONLY_FOLDER)
        except FileExistsError:
            if not folder.is_dir():
                raise


def write_new(path: Path, data: bytes) -> str:
    """Write `data` to a file that must not exist yet, owner-only and flushed to the disk; its
    SHA-256. `FileExistsError` when it does exist: nothing there is overwritten."""
    with new_file(path) as handle:
        handle.write(data)
    return handle.sha256()


class HashingFile:
    """A file being written piece by piece (a million records never sit in memory as one
    `bytes`) that keeps the SHA-256 of what went through it, for the manifest."""

    def __init__(self, handle: object) -> None:
        self._handle = handle
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self.size += len(data)
        return self._handle.write(data)  # type: ignore[attr-defined]

    def flush(self) -> None:
        self._handle.flush()  # type: ignore[attr-defined]

    def sha256(self) -> str:
        return self._hash.hexdigest()


@contextlib.contextmanager
def new_file(path: Path) -> Iterator[HashingFile]:
    """A file that must not exist yet, to write in pieces: owner-only, flushed to the disk when
    the block ends, removed if it raises. `FileExistsError` when it does exist."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            hashing = HashingFile(handle)
            yield hashing
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise


def sync_file(path: Path) -> None:
    """Flush a file written by someone else (SQLite) to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(path: Path) -> None:
    """Flush a folder's entries (a rename, a new file) to the disk."""
    directory = os.open(path, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_atomically(path: Path, data: bytes, mode: int = OWNER_ONLY) -> str:
    """Write `data` to `path` whole or not at all (readable by the owner only); its SHA-256."""
    with atomic_file(path, mode) as handle:
        handle.write(data)
    return handle.sha256()


@contextlib.contextmanager
def atomic_file(path: Path, mode: int = OWNER_ONLY) -> Iterator[HashingFile]:
    """`write_atomically` in pieces: what the block writes appears at `path` whole when the
    block ends, flushed, or not at all if it raises."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.unlink(missing_ok=True)  # a leftover may have another mode: start afresh
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            hashing = HashingFile(handle)
            yield hashing
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
        sync_folder(path.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
