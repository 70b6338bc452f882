"""A collector told that a signer asked to be forgotten (a tombstone) erases its copy, however
often the tombstone comes and whether or not the record arrived first."""

from __future__ import annotations

import json

from kiosk.collector import Collector
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.signatures import prepare
from tests.conftest import anna
from tests.faultserver import TOKEN

CONTEXT = {"event_id": "bern", "kiosk_id": "kiosk-1", "language": "de"}


def batch(*items: dict) -> bytes:
    return json.dumps(
        {"protocol": "kiosk-sync/1", "kiosk_id": "kiosk-1", "records": items}
    ).encode()


def test_a_tombstone_erases_the_collectors_copy_and_forwards_the_erasure(tmp_path, case):
    signature = prepare(anna(given_name="Олена"), case, **CONTEXT)
    with Store(tmp_path / "stand.db") as store:
        collector = Collector(store, TOKEN)
        collector.receive(batch({"uuid": signature.uuid, "record": signature.payload()}))
        for _ in range(2):  # a tombstone sent again (its answer was lost) is answered alike
            status, answer = collector.receive(batch({"uuid": signature.uuid, "forget": True}))
            assert (status, answer) == (
                200,
                {"results": [{"uuid": signature.uuid, "status": "erased"}]},
            )
        kept = store.get(signature.uuid)
        assert (kept.given_name, kept.family_name, kept.town, kept.case_id) == (
            "",
            "",
            "",
            signature.case_id,
        )
        # delivering onwards (`kiosk sync` on the collector) sends the erasure, not the record
        [onwards] = Outbox(store).due(10)
        assert onwards.forgets


def test_a_record_arriving_after_its_tombstone_is_not_stored(tmp_path, case):
    signature = prepare(anna(given_name="Олена"), case, **CONTEXT)
    with Store(tmp_path / "stand.db") as store:
        collector = Collector(store, TOKEN)
        collector.receive(batch({"uuid": signature.uuid, "forget": True}))
        _, answer = collector.receive(
            batch({"uuid": signature.uuid, "record": signature.payload()})
        )
        assert answer["results"][0]["status"] == "duplicate"  # acknowledged, and dropped
        assert store.get(signature.uuid) is None


def test_a_tombstone_for_something_that_is_no_record_id_is_rejected(tmp_path):
    with Store(tmp_path / "stand.db") as store:
        _, answer = Collector(store, TOKEN).receive(batch({"uuid": "../etc", "forget": True}))
    assert answer["results"][0]["status"] == "rejected"
