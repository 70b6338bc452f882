"""Files that belong together (an export: data, summary, letters, manifest) appear as one set,
complete or not at all, and never over another set's files.

The files are first written, owner-only and flushed, into a hidden staging folder beside their
place (same file system, so moving them is a rename). Then the names the set will take are
written down in the staging folder, and the files are moved out one by one, the seal (the
manifest, which vouches for the others) last. A set without its seal is not finished: if the
kiosk is killed or the stick pulled mid-way, the next `publish` into that folder finds the
staging folder it left and takes back what was moved, so no half set stays around and no file
with personal data lingers hidden. While a set is being written its staging folder is locked,
so a second export into the same folder never takes it for a leftover.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kiosk.core import files

STAGING_PREFIX = ".kiosk-set-"
PLAN = ".plan"  # the names the set takes, in the order they are moved: the seal last


def free_stem(folder: Path, stem: str, names: Callable[[str], Iterable[str]]) -> str:
    """`stem`, or `stem-2`, `stem-3` ... : the first for which none of `names(stem)` exists
    in `folder`, so a new set never replaces another's files."""
    candidate, number = stem, 1
    while any((folder / name).exists() for name in names(candidate)):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def publish(folder: Path, contents: Sequence[tuple[str, bytes]]) -> None:
    """Put `contents` (name, bytes) into `folder` as one set, the last one (the seal) last.

    `FileExistsError` when a name is taken (nothing is replaced); on any `OSError` whatever was
    moved is taken back and the staging folder removed before the error is raised.
    """
    with staged(folder, [name for name, _ in contents]) as stage:
        for name, data in contents:
            stage.write(name, data)


class Stage:
    """The files of a set being written, in its staging folder (see `staged`)."""

    def __init__(self, staging: Path, names: list[str]) -> None:
        self.staging = staging
        self.names = names
        self.digests: dict[str, str] = {}  # name -> SHA-256 of each file written so far

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[files.HashingFile]:
        """The set's file `name`, to write in pieces (a million records are never one
        `bytes`); flushed, and its SHA-256 in `digests`, once the block ends."""
        if name not in self.names or name in self.digests:
            raise ValueError(f"{name} is not a file of this set still to write")
        with files.new_file(self.staging / name) as handle:
            yield handle
        self.digests[name] = handle.sha256()

    def write(self, name: str, data: bytes) -> str:
        """The set's file `name` with `data`; its SHA-256."""
        with self.open(name) as handle:
            handle.write(data)
        return self.digests[name]


@contextlib.contextmanager
def staged(folder: Path, names: Sequence[str]) -> Iterator[Stage]:
    """Write the files `names` of one set (the last, the seal, last) in the block; they appear
    in `folder` together when it ends, or not at all if it raises (say, a database found
    damaged while its rows were read: nothing is published).

    `FileExistsError` when a name is taken (nothing is replaced); on any `OSError` whatever was
    moved is taken back and the staging folder removed before the error is raised.
    """
    folder = Path(folder)
    names = list(names)
    taken = [name for name in names if (folder / name).exists()]
    if taken:
        raise FileExistsError(0, "a file of another set has this name", str(folder / taken[0]))
    with _staging(folder) as staging:
        stage = Stage(staging, names)
        yield stage
        missing = [name for name in names if name not in stage.digests]
        if missing:
            raise ValueError(f"the set was left without {', '.join(missing)}")
        try:
            files.write_new(staging / PLAN, json.dumps(names).encode())
            files.sync_folder(staging)
            for name in names:
                (staging / name).rename(folder / name)
            files.sync_folder(folder)
        except OSError:
            _take_back(folder, staging)
            raise


def remove_leftovers(folder: Path) -> int:
    """Take back the half sets that a killed `publish` left in `folder` (a finished one, sealed,
    is kept) and remove their staging folders; how many were found. Ones in use are left."""
    found = 0
    for staging in Path(folder).glob(f"{STAGING_PREFIX}*"):
        if not staging.is_dir() or staging.is_symlink():
            continue
        with contextlib.suppress(OSError), _locked(staging, wait=False):
            _take_back(folder, staging)
            found += 1
    return found


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))  # 0700
    try:
        with _locked(staging, wait=True):
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _locked(staging: Path, *, wait: bool) -> Iterator[None]:
    """Hold the staging folder's lock; without `wait`, `BlockingIOError` when another process
    holds it (an export still running)."""
    fd = os.open(staging, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        yield
    finally:
        os.close(fd)


def _take_back(folder: Path, staging: Path) -> None:
    """Undo an unfinished set: remove from `folder` what was moved there from `staging` unless
    the seal was moved too (then the set is complete), and remove `staging`."""
    try:
        names = json.loads((staging / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        names = []  # killed before anything was moved
    if names and (staging / names[-1]).exists():
        for name in names:
            if not (staging / name).exists():
                (folder / name).unlink(missing_ok=True)
        files.sync_folder(folder)
    shutil.rmtree(staging, ignore_errors=True)
