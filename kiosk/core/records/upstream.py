"""What a stand's collector owes its upstream beside its outbox: erasures of records it never had.

A kiosk that moves from stand to stand (a campaign's kiosks go from event to event) may have
delivered a record through one stand, and send its tombstone (`kiosk forget`) to another. That
stand never held the record, so it has no outbox row to turn into a tombstone (an outbox row
belongs to a signature); it only remembers the UUID (`erasure.forget`: `forgotten.<uuid>` in the
meta table), so a late copy is not stored. A stand forwarding upstream must still pass the
erasure on, or the central collector would keep the person's name: these are the UUIDs
remembered and not yet acknowledged upstream, marked `upstream.forgotten.<uuid>` once they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.clock import utc_now
from kiosk.core.records.erasure import FORGOTTEN
from kiosk.core.records.store import Store

FORWARDED = "upstream.forgotten."  # meta prefix: erasures of unknown records acknowledged upstream


def unforwarded_erasures(store: Store) -> list[str]:
    """The UUIDs forgotten here before (or without) their record arriving, whose erasure the
    upstream has not acknowledged yet, oldest first."""
    remembered = store.meta(FORGOTTEN)
    forwarded = store.meta(FORWARDED)
    waiting = [(when, uuid) for uuid, when in remembered.items() if uuid not in forwarded]
    return [uuid for _, uuid in sorted(waiting)]


def erasures_forwarded(store: Store, uuids: Iterable[str]) -> None:
    """The upstream acknowledged the erasure of these records: never sent again."""
    now = utc_now()
    store.set_meta({FORWARDED + uuid: now for uuid in uuids})
