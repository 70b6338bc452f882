"""Looking for a person's data in the bytes of files: what a thief who copies the disk gets."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tests.hostile_records import byte_forms


def database_files(database: Path) -> list[Path]:
    """The database with its WAL and shared-memory files (those that exist)."""
    return [
        p
        for p in (database, *(database.with_name(database.name + e) for e in ("-wal", "-shm")))
        if p.exists()
    ]


def traces(places: Iterable[Path], texts: Iterable[str], *, extra: bytes = b"") -> list[str]:
    """'file: text' for each text found in the raw bytes of any file among `places` (folders
    are walked) or in `extra` (captured logs)."""
    wanted = [(text, form) for text in texts if text for form in byte_forms(text)]
    found = []
    files: list[Path] = []
    for place in places:
        if place.is_dir():
            files += [p for p in place.rglob("*") if p.is_file()]
        elif place.is_file():
            files.append(place)
    for path in files:
        data = path.read_bytes()
        found += [f"{path}: {text}" for text, form in wanted if form in data]
    found += [f"logs: {text}" for text, form in wanted if form in extra]
    return sorted(set(found))
