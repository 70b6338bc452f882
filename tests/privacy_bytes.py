"""Finding a signer's name in raw bytes, in every form a program might have written it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from tests.hostile_records import NAMES_IN_EVERY_SCRIPT


def forms(text: str) -> set[bytes]:
    """`text` as UTF-8 and UTF-16 (both byte orders), composed (NFC) and decomposed (NFD)."""
    found = set()
    for normal in ("NFC", "NFD"):
        value = unicodedata.normalize(normal, text)
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            found.add(value.encode(codec))
    return found


def secrets_of_every_script() -> list[str]:
    """The names, towns and emails of `NAMES_IN_EVERY_SCRIPT` (not postal codes: digits
    also occur in times and sizes)."""
    return [
        v
        for given, family, _, town, email in NAMES_IN_EVERY_SCRIPT
        for v in (given, family, town, email)
    ]


def leaks(blobs: Iterable[tuple[str, bytes]], secrets: Iterable[str]) -> list[str]:
    """'secret in where' for every secret found in any of the named byte strings."""
    blobs = list(blobs)
    return [
        f"{secret!r} in {where}"
        for secret in secrets
        for where, data in blobs
        if any(form in data for form in forms(secret))
    ]


def database_files(path: Path) -> list[tuple[str, bytes]]:
    """The bytes of a SQLite database and of its WAL and shared-memory files, as they are."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return [(f.name, f.read_bytes()) for f in files if f.exists()]
