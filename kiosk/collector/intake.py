"""Checking and storing a batch of records from a kiosk (runs on a worker thread)."""

from __future__ import annotations

import hmac
import json
import logging
import uuid as uuid_module
from typing import Any

from kiosk.core.delivery.protocol import PROTOCOL, SyncError
from kiosk.core.delivery.token import MIN_COLLECTOR_TOKEN
from kiosk.core.records import collected
from kiosk.core.records.received import RecordRefusedError, received_signature
from kiosk.core.records.store import Store
from kiosk.core.signatures import MESSAGES, Signature, is_id

log = logging.getLogger(__name__)

MAX_RECORDS = 1000
# A message is 6 levels deep (message, records, item, record, consents, consent); anything far
# deeper is not a kiosk's, and could exhaust the parser's recursion.
MAX_DEPTH = 16
MAX_WAITING = 10**9  # far more records than any kiosk holds


class Collector:
    """The receiving end: checks and stores batches (called on a worker thread)."""

    def __init__(self, records: collected.Collection | Store, token: str | None) -> None:
        """`token` is the stand's shared token, or None when only paired kiosks deliver."""
        if token is not None and len(token) < MIN_COLLECTOR_TOKEN:  # said by name before
            raise SyncError(f"a collector's token needs at least {MIN_COLLECTOR_TOKEN} characters")
        if isinstance(records, Store):
            records = collected.StandCollection(records)
        self.records = records
        self.token = token

    def authorised(self, header: str | None) -> bool:
        """Whether `header` carries the stand's shared token."""
        scheme, _, given = (header or "").partition(" ")
        return (
            self.token is not None
            and scheme.lower() == "bearer"
            and hmac.compare_digest(given.strip().encode(), self.token.encode())
        )

    def receive(
        self, body: bytes | bytearray, sender: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Check and store a batch. `sender` is the paired kiosk whose own token came with it:
        its records are kept as that kiosk's, whatever the message says it is; without one
        (the stand's shared token) the message's `kiosk_id` is taken at its word."""
        try:
            message = json.loads(body)
            if depth(message) > MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            records = message["records"]
            kiosk_id = message.get("kiosk_id", "")
            if message.get("protocol") != PROTOCOL or not isinstance(records, list):
                raise ValueError("not a kiosk-sync/1 message")
        except RecursionError:
            return 400, {"error": "the request is not a batch of records (nested too deeply)"}
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            return 400, {"error": f"the request is not a batch of records ({exc})"}
        if kiosk_id != "" and not is_id(kiosk_id):  # it would be listed on the page as a kiosk
            return 400, {"error": f"kiosk_id: not a kiosk's id ({MESSAGES['id_invalid']})"}
        if len(records) > MAX_RECORDS:
            return 413, {"error": f"at most {MAX_RECORDS} records per request"}
        kiosk_id = sender or kiosk_id
        results = self._each(records, kiosk_id)
        if kiosk_id:
            self.records.note_contact(kiosk_id, waiting=waiting_count(message.get("waiting")))
        stored = sum(1 for r in results if r["status"] == "stored")
        log.info("batch from %s: %d records, %d new", kiosk_id or "?", len(results), stored)
        return 200, {"results": results}

    def _each(self, items: list[Any], sent_by: str = "") -> list[dict[str, str]]:
        """The answer for each item, in order. Checked records are kept together (one
        transaction for a run of them on PostgreSQL), up to each tombstone, which is applied
        in its place: a batch that sends a record and then forgets it ends with it erased."""
        results: list[dict[str, str]] = []
        waiting: list[tuple[int, Signature, dict[str, Any]]] = []
        for item in items:
            uuid = str(item.get("uuid", ""))[:64] if isinstance(item, dict) else ""
            if isinstance(item, dict) and item.get("forget") is True:
                self._keep(waiting, results, sent_by)
                results.append(self._forget(uuid))
                continue
            checked = self._check(item, uuid)
            if isinstance(checked, Signature):
                waiting.append((len(results), checked, item["record"]))
                results.append({"uuid": uuid, "status": "waiting"})
            else:
                results.append(checked)
        self._keep(waiting, results, sent_by)
        return results

    def _check(self, item: Any, uuid: str) -> Signature | dict[str, str]:
        """The signature in `item`, or the answer that refuses it."""
        if not isinstance(item, dict) or "record" not in item:
            return {"uuid": uuid, "status": "rejected", "reason": "no record"}
        try:
            signature = received_signature(item["record"])
        except RecordRefusedError as refused:
            return {"uuid": uuid, "status": "rejected", "reason": str(refused)}
        if signature.uuid != uuid:
            return {"uuid": uuid, "status": "rejected", "reason": "the uuid does not match"}
        return signature

    def _keep(
        self,
        waiting: list[tuple[int, Signature, dict[str, Any]]],
        results: list[dict[str, str]],
        sent_by: str = "",
    ) -> None:
        """Store the checked records `waiting` and put each one's answer in its place."""
        if not waiting:
            return
        outcomes = self.records.keep_all(
            [(signature, payload) for _, signature, payload in waiting], sent_by
        )
        for (place, signature, _), outcome in zip(waiting, outcomes, strict=True):
            if outcome == collected.CONFLICT:
                results[place] = {
                    "uuid": signature.uuid,
                    "status": "rejected",
                    "reason": "conflict: a different record was already received under this "
                    "uuid; the one received first is kept",
                }
            else:  # a late copy of a forgotten record is a duplicate too: acknowledged, dropped
                results[place] = {"uuid": signature.uuid, "status": outcome}
        waiting.clear()

    def _forget(self, uuid: str) -> dict[str, str]:
        """A tombstone: the signer asked to be forgotten. Their record is erased here (and its
        onward delivery becomes a tombstone too); an unknown UUID is remembered, so its record
        is not stored if it arrives later. Answered `erased` every time it comes."""
        try:
            uuid = str(uuid_module.UUID(uuid))
        except ValueError:
            return {"uuid": uuid, "status": "rejected", "reason": "uuid: not a record id"}
        self.records.forget([uuid])
        return {"uuid": uuid, "status": "erased"}

    def status(self, since: str | None = None, until: str | None = None) -> collected.Stand:
        """The dashboard's counts, per quarter of an hour between the stored times `since` and
        `until`."""
        return self.records.stand(since, until)


def waiting_count(value: Any) -> int | None:
    """The records a kiosk says still wait on it (the message's optional `waiting`), or None
    when it did not say (an older kiosk) or said something that is no count: a dashboard
    figure never costs a batch its delivery."""
    if type(value) is int and 0 <= value <= MAX_WAITING:
        return value
    return None


def depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON `value` (a scalar is 0), without
    recursion: a hostile body cannot make this walk overflow the stack."""
    if not isinstance(value, dict | list):
        return 0
    deepest = 0
    # Only lists and objects go on the stack: the scalars, most of a batch, are passed over.
    stack: list[tuple[dict | list, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > deepest:
            deepest = level
            if deepest > MAX_DEPTH:
                return deepest  # deep enough to refuse: no need to walk the rest
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, level + 1))
    return deepest
