"""What a collector keeps: the records a stand's kiosks delivered, and when each last reported.

A stand's collector database has the kiosk's own schema (so `kiosk export` and `kiosk sync` work
on it unchanged). Each received record is stored once by its UUID with the payload the kiosk sent;
the time each kiosk last reported sits in the meta table. Its status page shows counts only,
never a name.

A campaign's central collector keeps the same on PostgreSQL (`central.CentralStore`). The
collector sees either through one small interface, `Collection`: `StandCollection` on a SQLite
`Store`, `CentralStore` on PostgreSQL; `open_collection` picks one by the --database value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.errors import DuplicateSignatureError
from kiosk.core.records import erasure
from kiosk.core.records.paired import CentralKiosks, KioskRegistry, StandKiosks
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature, format_utc

CONTACT = "collector.contact."
# What keeping a checked record came to (`Collection.keep_all`).
STORED, DUPLICATE, CONFLICT = "stored", "duplicate", "conflict"


@dataclass(frozen=True)
class Stand:
    """Signatures per kiosk and per case (each sorted by id), and each kiosk's last report."""

    per_kiosk: dict[str, int]
    per_case: dict[str, int]
    contacts: dict[str, str]


def keep(store: Store, signature: Signature, payload: dict[str, Any], sent_by: str = "") -> bool:
    """Store a checked record with the payload as the kiosk sent it, the kiosk that sent it
    (`sent_by`) and the time it arrived: True if it was new, False if this very record
    (payload and all) was here already. Raises DuplicateSignatureError when its UUID holds a
    different record, which is then left as it is."""
    with store.write() as conn:  # the record and where it came from: one transaction
        new = store.record(signature, print_letter=False, payload=payload)
        if new:
            conn.execute(
                "UPDATE signatures SET sent_by = ?, received_at = ? WHERE uuid = ?",
                (sent_by or signature.kiosk_id, format_utc(datetime.now(UTC)), signature.uuid),
            )
    return new


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


class Collection(Protocol):
    """What the collector does with its records, on whichever database holds them."""

    def keep_all(
        self, checked: list[tuple[Signature, dict[str, Any]]], sent_by: str = ""
    ) -> list[str]:
        """Store checked records with the payloads the kiosk sent, and the kiosk that sent
        them (`sent_by`: a paired kiosk's name; "" takes each record's own kiosk_id); for
        each, STORED, DUPLICATE (this very record was here, or it was forgotten: a late copy
        is not stored) or CONFLICT (its UUID holds a different record, which is kept)."""
        ...

    def kiosks(self) -> KioskRegistry:
        """The kiosks paired with this collector (`paired.py`)."""
        ...

    def was_forgotten(self, uuid: str) -> bool: ...
    def forget(self, uuids: list[str]) -> None: ...
    def note_contact(self, kiosk_id: str, when: datetime | None = None) -> None: ...
    def stand(self) -> Stand: ...
    def close(self) -> None: ...


class StandCollection:
    """A stand's collector on a SQLite database with the kiosk's own schema."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def keep_all(
        self, checked: list[tuple[Signature, dict[str, Any]]], sent_by: str = ""
    ) -> list[str]:
        outcomes = []
        for signature, payload in checked:
            if self.was_forgotten(signature.uuid):
                outcomes.append(DUPLICATE)
                continue
            try:
                new = keep(self.store, signature, payload, sent_by)
                outcomes.append(STORED if new else DUPLICATE)
            except DuplicateSignatureError:
                outcomes.append(CONFLICT)
        return outcomes

    def was_forgotten(self, uuid: str) -> bool:
        return erasure.was_forgotten(self.store, uuid)

    def forget(self, uuids: list[str]) -> None:
        erasure.forget(self.store, uuids)

    def note_contact(self, kiosk_id: str, when: datetime | None = None) -> None:
        note_contact(self.store, kiosk_id, when)

    def stand(self) -> Stand:
        return stand(self.store)

    def kiosks(self) -> KioskRegistry:
        return StandKiosks(self.store)

    def close(self) -> None:
        self.store.close()


class CentralCollection:
    """A campaign's central collector on PostgreSQL (`central.CentralStore`)."""

    def __init__(self, url: str) -> None:
        from kiosk.core.records.central import CentralStore  # psycopg only when asked for

        self.store = CentralStore(url)

    def keep_all(
        self, checked: list[tuple[Signature, dict[str, Any]]], sent_by: str = ""
    ) -> list[str]:
        return self.store.keep_all(checked, sent_by)

    def was_forgotten(self, uuid: str) -> bool:
        return self.store.was_forgotten(uuid)

    def forget(self, uuids: list[str]) -> None:
        self.store.forget(uuids)

    def note_contact(self, kiosk_id: str, when: datetime | None = None) -> None:
        self.store.note_contact(kiosk_id, when)

    def stand(self) -> Stand:
        per_kiosk, per_case, contacts = self.store.per_kiosk_and_case()
        return Stand(per_kiosk=per_kiosk, per_case=per_case, contacts=contacts)

    def kiosks(self) -> KioskRegistry:
        return CentralKiosks(self.store)

    def close(self) -> None:
        self.store.close()


def open_collection(database: Path | str) -> Collection:
    """The collection at `database`: a PostgreSQL URL (postgresql://USER@HOST/DB) or a SQLite
    file (created if missing)."""
    if isinstance(database, str) and database.startswith(("postgresql://", "postgres://")):
        return CentralCollection(database)
    return StandCollection(Store(Path(database)))
