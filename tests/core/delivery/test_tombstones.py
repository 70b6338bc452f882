"""A signer forgotten on the kiosk: every target is told, in its own way, or says it cannot be."""

from __future__ import annotations

import json

from kiosk.core.delivery.engine import SyncEngine
from kiosk.core.delivery.folder import Folder
from kiosk.core.delivery.osdi import Osdi
from kiosk.core.delivery.webhook import Webhook
from kiosk.core.records import erasure
from kiosk.core.records.outbox import Outbox
from kiosk.core.signatures import prepare
from tests.conftest import anna
from tests.core.delivery.test_osdi import ActionNetwork

CONTEXT = {"event_id": "bern", "kiosk_id": "kiosk-1", "language": "de"}


def forgotten(store, case, **changes) -> str:
    signature = prepare(anna(**changes), case, **CONTEXT)
    store.record(signature, print_letter=False)
    Outbox(store).delivered([signature.uuid])
    erasure.forget(store, [signature.uuid])
    return signature.uuid


def test_the_folder_target_writes_a_tombstone_file_beside_the_signatures(store, case, tmp_path):
    kept = prepare(anna(given_name="Beat"), case, **CONTEXT)
    store.record(kept, print_letter=False)
    gone = forgotten(store, case)
    report = SyncEngine(store, Folder(tmp_path / "usb", kiosk_id="k1")).run_once()
    assert report.delivered == 2
    [tombstones] = (tmp_path / "usb").glob("forget-k1-*.jsonl")
    assert [json.loads(line) for line in tombstones.read_text().splitlines()] == [
        {"uuid": gone, "forget": True}
    ]
    [signatures] = (tmp_path / "usb").glob("signatures-k1-*.jsonl")
    assert json.loads(signatures.read_text())["uuid"] == kept.uuid


def test_the_webhook_sends_the_uuid_alone_with_forget(store, case):
    gone = forgotten(store, case, given_name="Олена")
    [record] = Outbox(store).due(10)
    hook = Webhook("https://receiver.example.org/api/records", "t" * 40, kiosk_id="k1")
    try:
        body = json.loads(hook.body([record]))
    finally:
        hook.close()
    assert body["records"] == [{"uuid": gone, "forget": True}]


def test_action_network_gets_no_request_and_the_erasure_is_left_to_a_person(store, case, caplog):
    server = ActionNetwork()
    try:
        gone = forgotten(store, case)
        report = SyncEngine(store, Osdi(server.url, "an-key", [case])).run_once()
    finally:
        server.close()
    assert report.delivered == 1 and server.requests == []
    assert f"delete kiosk:{gone} in Action Network by hand" in caplog.text
