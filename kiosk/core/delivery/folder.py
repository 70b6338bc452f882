"""The folder target: JSON Lines files on a share or a USB stick, for a CRM import elsewhere."""

from __future__ import annotations

import json
import uuid as uuid_module
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core import files
from kiosk.core.delivery.protocol import Outcome, TransientError
from kiosk.core.records.outbox import OutboxRecord


class Folder:
    """JSON Lines files, one per batch, written whole or not at all (temporary file, fsync,
    rename), so a pulled USB stick never holds half a file that looks complete."""

    def __init__(self, folder: str | Path, *, kiosk_id: str) -> None:
        self.folder = Path(folder)
        self.kiosk_id = kiosk_id
        self.description = f"folder {self.folder}"

    def deliver(self, records: list[OutboxRecord], *, waiting: int | None = None) -> Outcome:
        """Records go to a `signatures-...jsonl` file; tombstones (people who asked to be
        forgotten) to a `forget-...jsonl` file beside it, one `{"uuid": ..., "forget": true}`
        per line, for whoever imports the folder to erase those records."""
        signatures = [r for r in records if not r.forgets]
        tombstones = [r for r in records if r.forgets]
        if signatures:
            self._write("signatures", [{"uuid": r.uuid, "record": r.payload} for r in signatures])
        if tombstones:
            self._write("forget", [{"uuid": r.uuid, "forget": True} for r in tombstones])
        return Outcome(acknowledged={r.uuid for r in records})

    def _write(self, kind: str, items: list[dict]) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{kind}-{self.kiosk_id}-{stamp}-{uuid_module.uuid4().hex[:8]}.jsonl"
        lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        try:
            files.make_folder(self.folder)
            files.write_atomically(self.folder / name, lines.encode("utf-8"))
        except OSError as exc:
            raise TransientError(f"cannot write to {self.folder}: {exc.strerror}") from exc

    def close(self) -> None:
        pass
