"""Every record of a kiosk's or collector's database, read in bounded pieces.

A campaign's store grows to millions of records; `kiosk merge` and `kiosk decrypt` go through
all of them. `Store.signatures` reads its rows whole (it serves a day's letters), so these read
through one cursor, `piece` rows at a time, within one read transaction (one moment of the
file): what is held in memory does not grow with the records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kiosk.core.records.export_rows import PIECE, in_pieces
from kiosk.core.records.selection import Selection
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature


@contextmanager
def signatures(store: Store, *, piece: int = PIECE) -> Iterator[Iterator[Signature]]:
    """The real signatures of `store` (no made-up ones), oldest first, read while the block
    runs."""
    where, params = Selection().where(marks_samples=store.marks_samples)
    sql = f"SELECT * FROM signatures{where} ORDER BY signed_at, uuid"  # noqa: S608 - fixed SQL
    with store.read() as conn:
        cursor = conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        yield (
            Signature.from_row(dict(zip(names, row, strict=True)))
            for row in in_pieces(cursor, piece)
        )


@contextmanager
def with_payloads(
    store: Store, *, piece: int = PIECE
) -> Iterator[Iterator[tuple[Signature, dict[str, Any] | None]]]:
    """The real signatures of `store`, each with its outbox payload as frozen when it was
    signed (None if it has none), in the order they were written, read while the block runs."""
    where, params = Selection().where(marks_samples=store.marks_samples)
    sql = (
        "SELECT *, (SELECT payload FROM outbox WHERE outbox.uuid = signatures.uuid) "  # noqa: S608
        f"AS outbox_payload FROM signatures{where} ORDER BY rowid"
    )
    with store.read() as conn:
        cursor = conn.execute(sql, params)
        names = [column[0] for column in cursor.description]

        def pairs() -> Iterator[tuple[Signature, dict[str, Any] | None]]:
            for values in in_pieces(cursor, piece):
                row = dict(zip(names, values, strict=True))
                payload = row.pop("outbox_payload")
                yield Signature.from_row(row), json.loads(payload) if payload else None

        yield pairs()
