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

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.errors import DuplicateSignatureError
from kiosk.core.records import erasure, tallies
from kiosk.core.records.paired import CentralKiosks, KioskRegistry, StandKiosks
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature, format_utc

CONTACT = "collector.contact."
WAITING = "collector.waiting."  # records still waiting on each kiosk, as it last said
VALUE = "collector.value."  # the collector's own values (`Collection.value`)
# What keeping a checked record came to (`Collection.keep_all`).
STORED, DUPLICATE, CONFLICT = "stored", "duplicate", "conflict"


@dataclass(frozen=True)
class Stand:
    """What the coordinators' dashboard shows: signatures per kiosk and per case (each sorted
    by id), and each kiosk's last report; with `stand(since, until)` also per event, per UTC
    quarter of an hour between those times (`tallies.quarter`), and how many records each
    kiosk said were still waiting on it when it last reported (kiosks too old to say: none).
    Counts only: never a name."""

    per_kiosk: dict[str, int]
    per_case: dict[str, int]
    contacts: dict[str, str]
    per_event: dict[str, int] = field(default_factory=dict)
    per_quarter: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, int] = field(default_factory=dict)


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


def note_contact(
    store: Store, kiosk_id: str, when: datetime | None = None, waiting: int | None = None
) -> None:
    """Remember that `kiosk_id` reported now (or `when`), with `waiting` records still on it
    (None: it did not say)."""
    store.set_meta(
        {
            CONTACT + kiosk_id: format_utc(when or datetime.now(UTC)),
            WAITING + kiosk_id: None if waiting is None else str(waiting),
        }
    )


def stand(store: Store, since: str | None = None, until: str | None = None) -> Stand:
    """What the collector's dashboard shows, counted from a stand's SQLite database."""
    counts = tallies.stand_counts(store, since, until)
    return Stand(
        per_kiosk=dict(sorted(counts[tallies.KIOSK].items())),
        per_case=dict(sorted(counts[tallies.CASE].items())),
        contacts=store.meta(CONTACT),
        per_event=dict(sorted(counts[tallies.EVENT].items())),
        per_quarter=dict(sorted(counts[tallies.QUARTER].items())),
        waiting={kiosk: int(n) for kiosk, n in store.meta(WAITING).items() if n.isdigit()},
    )


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
    def note_contact(
        self, kiosk_id: str, when: datetime | None = None, waiting: int | None = None
    ) -> None: ...
    def stand(self, since: str | None = None, until: str | None = None) -> Stand:
        """The dashboard's counts, with the quarters of an hour between the stored times
        `since` and `until` (e.g. today's, `clock.utc_bounds`)."""
        ...

    def value(self, name: str) -> str | None:
        """One of the collector's own values (the coordinators' password hash...), or None."""
        ...

    def keep_value(self, name: str, value: str, *, replace: bool = True) -> str:
        """Keep `value` under `name` and return what is kept: without `replace`, a value kept
        before (by this or another collector process) stays and is returned."""
        ...

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

    def note_contact(
        self, kiosk_id: str, when: datetime | None = None, waiting: int | None = None
    ) -> None:
        note_contact(self.store, kiosk_id, when, waiting)

    def stand(self, since: str | None = None, until: str | None = None) -> Stand:
        return stand(self.store, since, until)

    def value(self, name: str) -> str | None:
        return self.store.meta(VALUE + name).get("")

    def keep_value(self, name: str, value: str, *, replace: bool = True) -> str:
        return self.store.keep_meta(VALUE + name, value, replace=replace)

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

    def note_contact(
        self, kiosk_id: str, when: datetime | None = None, waiting: int | None = None
    ) -> None:
        self.store.note_contact(kiosk_id, when, waiting)

    def stand(self, since: str | None = None, until: str | None = None) -> Stand:
        return self.store.dashboard(since, until)

    def value(self, name: str) -> str | None:
        return self.store.value(name)

    def keep_value(self, name: str, value: str, *, replace: bool = True) -> str:
        return self.store.keep_value(name, value, replace=replace)

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
