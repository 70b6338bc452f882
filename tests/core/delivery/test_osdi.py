"""Signatures reach Action Network as signatures on the case's petition, exactly as its OSDI
record signature helper expects, and nobody is subscribed to emails without saying yes."""

from __future__ import annotations

import dataclasses
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.core.delivery.engine import SyncEngine
from kiosk.core.delivery.osdi import Osdi
from kiosk.core.records.outbox import Outbox
from kiosk.core.signatures import prepare
from tests.conftest import anna


class ActionNetwork:
    """A stand-in for Action Network on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(body)}
                )
                status = outer.answers.pop(0) if outer.answers else 200
                data = json.dumps({"identifiers": ["action_network:abc"]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/hal+json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "30")
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v2"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def action_network():
    server = ActionNetwork()
    yield server
    server.close()


@pytest.fixture
def petition_case(case):
    return dataclasses.replace(case, petition_id="PET-123")


def sign(store, case, **changes) -> str:
    signature = prepare(
        anna(**changes), case, event_id="bern-2026", kiosk_id="kiosk-1", language="de"
    )
    store.record(signature, print_letter=False)
    return signature


def test_each_signature_is_one_request_of_the_exact_shape(store, petition_case, action_network):
    signature = sign(store, petition_case, email="anna@example.org", consents={"sign", "updates"})
    target = Osdi(action_network.url, "an-key", [petition_case])

    report = SyncEngine(store, target).run_once()

    assert report.delivered == 1
    [request] = action_network.requests
    assert request["path"] == "/api/v2/petitions/PET-123/signatures/"
    assert request["headers"]["OSDI-API-Token"] == "an-key"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["body"] == {
        "identifiers": [f"kiosk:{signature.uuid}"],
        "action_date": signature.signed_at,
        "person": {
            "given_name": "Anna",
            "family_name": "Keller",
            "postal_addresses": [{"postal_code": "8004", "locality": "Zürich", "country": "CH"}],
            "email_addresses": [{"address": "anna@example.org", "status": "subscribed"}],
        },
        "add_tags": ["event:bern-2026", "kiosk:kiosk-1", "write-for-rights", "maryia-kalesnikava"],
    }


def test_no_email_is_sent_without_the_signers_yes(store, petition_case, action_network):
    sign(store, petition_case)
    SyncEngine(store, Osdi(action_network.url, "k", [petition_case])).run_once()
    assert "email_addresses" not in action_network.requests[0]["body"]["person"]


def test_a_case_without_a_petition_is_quarantined_with_the_reason(store, case, action_network):
    sign(store, case)
    report = SyncEngine(store, Osdi(action_network.url, "k", [case])).run_once()
    assert report.quarantined == 1 and action_network.requests == []
    [(_, reason)] = Outbox(store).quarantined()
    assert "petition_id" in reason


def test_busy_and_refused_answers(store, petition_case, action_network):
    sign(store, petition_case)
    sign(store, petition_case, given_name="Ben")
    action_network.answers.extend([201, 429])
    engine = SyncEngine(store, Osdi(action_network.url, "k", [petition_case]))

    first = engine.run_once()
    assert first.delivered == 1 and first.retry == 1  # the second waits for later

    action_network.answers.append(401)
    second = engine.run_once(force=True)
    assert second.auth_problem and "API key" in second.error

    action_network.answers.append(422)
    third = engine.run_once(force=True)
    assert third.quarantined == 1
    assert Outbox(store).status().pending == 0


def test_a_wrong_action_network_address_keeps_every_record_pending(
    store, petition_case, action_network
):
    sign(store, petition_case)
    sign(store, petition_case, given_name="Ben")
    action_network.answers.extend([404, 404])
    report = SyncEngine(store, Osdi(action_network.url, "k", [petition_case])).run_once()

    assert report.address_problem and "HTTP 404" in report.error and "sync.url" in report.error
    assert len(action_network.requests) == 1  # it stopped at the first refusal
    status = Outbox(store).status()
    assert (status.pending, status.quarantined) == (2, 0)


def test_a_sealed_record_never_reaches_action_network_with_empty_names(
    store, petition_case, action_network, tmp_path
):
    from kiosk.core.privacy.keys import new_key_pair
    from kiosk.core.privacy.sealed_signatures import seal_signature

    _, _, public = new_key_pair(tmp_path / "keys")
    clear = prepare(anna(), petition_case, event_id="bern-2026", kiosk_id="kiosk-1", language="de")
    sealed, payload = seal_signature(clear, public)
    store.record(sealed, print_letter=False, payload=payload)

    report = SyncEngine(store, Osdi(action_network.url, "k", [petition_case])).run_once()

    assert report.quarantined == 1 and action_network.requests == []
    [(_, reason)] = Outbox(store).quarantined()
    assert "collector" in reason and "kiosk decrypt" in reason
