"""What a collector keeps: the records a stand's kiosks delivered, and when each last reported.

A collector's database has the kiosk's own schema (so `kiosk export` and `kiosk sync` work on it
unchanged). Each received record is stored once by its UUID with the payload the kiosk sent; the
time each kiosk last reported sits in the meta table. Its status page shows counts only, never a
name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature, format_utc

CONTACT = "collector.contact."


@dataclass(frozen=True)
class Stand:
    """Signatures per kiosk and per case (each sorted by id), and each kiosk's last report."""

    per_kiosk: dict[str, int]
    per_case: dict[str, int]
    contacts: dict[str, str]


def keep(store: Store, signature: Signature, payload: dict[str, Any]) -> bool:
    """Store a checked record with the payload as the kiosk sent it: True if it was new,
    False if this very record (payload and all) was here already. Raises
    DuplicateSignatureError when its UUID holds a different record, which is then left as it
    is."""
    return store.record(signature, print_letter=False, payload=payload)


def note_contact(store: Store, kiosk_id: str, when: datetime | None = None) -> None:
    """Remember that `kiosk_id` reported now (or `when`)."""
    store.set_meta({CONTACT + kiosk_id: format_utc(when or datetime.now(UTC))})


def stand(store: Store) -> Stand:
    """What the collector's status page shows."""
    with store.read() as conn:
        per_kiosk = dict(
            conn.execute(
                "SELECT kiosk_id, count(*) FROM signatures GROUP BY kiosk_id ORDER BY kiosk_id"
            )
        )
        per_case = dict(
            conn.execute(
                "SELECT case_id, count(*) FROM signatures GROUP BY case_id ORDER BY case_id"
            )
        )
    return Stand(per_kiosk=per_kiosk, per_case=per_case, contacts=store.meta(CONTACT))
