"""Putting the records of several kiosks together, offline, each record once.

For a stand whose kiosks never had a network: their databases (or JSON Lines exports, e.g. from
USB sticks) are merged into one database of the kiosk's own kind. Records are matched by UUID.
The same record twice is kept once; a *different* record under a UUID already present is a
conflict, reported and never resolved by guessing: neither copy is changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.errors import DuplicateSignatureError, StorageError
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.received import received_signature
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature

SQLITE_MAGIC = b"SQLite format 3\0"


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
            except (ValueError, RecursionError) as exc:
                result.invalid.append((f"{path}:{number}", f"not JSON ({exc})"))
                continue
            data = data.get("record", data) if isinstance(data, dict) else data
            try:
                found.append((received_signature(data), data))
            except ValueError as exc:  # RecordRefusedError: the reason, field by field
                result.invalid.append((f"{path}:{number}", str(exc)))
    return found


def merge_into(output: Path, inputs: list[Path] | tuple[Path, ...]) -> MergeResult:
    result = MergeResult()
    with Store(output) as store:
        for path in inputs:
            source = str(path)
            try:
                with path.open("rb") as handle:
                    is_database = handle.read(16) == SQLITE_MAGIC
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
