"""A collector keeps only what a kiosk would have recorded, each record once: a hostile field
is refused with its reason and nothing is stored, and a UUID that comes back with other content
is a conflict, never a silent duplicate (`kiosk/collector/`, `kiosk/core/records/received.py`,
the shared check `kiosk.core.signatures.record_problems`)."""

from __future__ import annotations

import html
import json
import sqlite3
import uuid as uuid_module

import httpx
import pytest

from kiosk.core.cases import load_cases
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.collectorproc import running_collector
from tests.conftest import BUNDLED_CASES
from tests.faultserver import TOKEN
from tests.hostile_records import HOSTILE_FIELDS, hostile

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def collector(tmp_path_factory):
    with running_collector(tmp_path_factory.mktemp("collector")) as running:
        yield running


@pytest.fixture(scope="module")
def payload(tmp_path_factory) -> dict:
    """A real record as a kiosk delivers it (its outbox payload)."""
    cases = list(load_cases(BUNDLED_CASES))
    [signature] = synthetic_signatures(cases, 1, event_id="bern", kiosk_id="k", seed=21)
    database = tmp_path_factory.mktemp("kiosk") / "kiosk.db"
    with Store(database) as store:
        store.record(signature, print_letter=False)
    with sqlite3.connect(database) as conn:
        return json.loads(conn.execute("SELECT payload FROM outbox").fetchone()[0])


def send(collector: dict, *records: dict) -> list[dict]:
    message = {
        "protocol": "kiosk-sync/1",
        "kiosk_id": "k",
        "records": [{"uuid": r["uuid"], "record": r} for r in records],
    }
    answer = httpx.post(collector["url"], json=message, headers=AUTH, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def held(collector: dict, uuid: str) -> int:
    with sqlite3.connect(collector["database"]) as conn:
        return conn.execute("SELECT count(*) FROM signatures WHERE uuid = ?", (uuid,)).fetchone()[0]


def fresh(payload: dict, **changes) -> dict:
    """`payload` under a new UUID, with `changes`."""
    return {**payload, "uuid": str(uuid_module.uuid4()), **changes}


@pytest.mark.parametrize("name", list(HOSTILE_FIELDS))
def test_a_hostile_field_is_rejected_with_its_reason_and_nothing_is_stored(
    collector, payload, name
):
    record, field = hostile(fresh(payload), name)
    [result] = send(collector, record)
    assert result["status"] == "rejected"
    assert result["reason"].startswith(f"{field}: ") or f"; {field}: " in result["reason"]
    assert held(collector, record["uuid"]) == 0


def test_a_seven_megabyte_extra_key_is_rejected_not_stored(collector, payload):
    record = fresh(payload, note="x" * 7_000_000)
    [result] = send(collector, record)
    assert result["status"] == "rejected" and "bytes" in result["reason"]
    assert held(collector, record["uuid"]) == 0


def test_a_good_record_beside_hostile_ones_is_stored(collector, payload):
    good = fresh(payload)
    bad, _ = hostile(fresh(payload), "country XX")
    results = send(collector, bad, good)
    assert [r["status"] for r in results] == ["rejected", "stored"]
    assert held(collector, good["uuid"]) == 1


def test_the_same_uuid_with_other_content_is_a_conflict_and_the_first_is_kept(collector, payload):
    first = fresh(payload)
    assert send(collector, first)[0]["status"] == "stored"
    assert send(collector, first)[0]["status"] == "duplicate"  # exactly once, still

    for changed in (
        {**first, "town": "Elsewhere"},
        {**first, "has_drawing": not first["has_drawing"]},
        {**first, "note": "added later"},
    ):
        [result] = send(collector, changed)
        assert result["status"] == "rejected" and result["reason"].startswith("conflict")
    with sqlite3.connect(collector["database"]) as conn:
        kept = conn.execute("SELECT payload FROM outbox WHERE uuid = ?", (first["uuid"],))
        assert json.loads(kept.fetchone()[0]) == first
    assert held(collector, first["uuid"]) == 1


def test_a_record_sent_again_with_a_newline_after_its_uuid_is_not_stored_twice(collector, payload):
    record = fresh(payload)
    assert send(collector, record)[0]["status"] == "stored"
    again = {**record, "uuid": record["uuid"] + "\n"}
    [result] = send(collector, again)
    assert result["status"] == "rejected" and result["reason"].startswith("uuid: ")
    with sqlite3.connect(collector["database"]) as conn:
        copies = conn.execute(
            "SELECT count(*) FROM signatures WHERE uuid LIKE ?", (record["uuid"] + "%",)
        ).fetchone()[0]
    assert copies == 1


@pytest.mark.parametrize(
    "kiosk_id", [5, ["k"], "k" * 101, "../../etc/passwd", "kiosk-bern-1\n", "<b>kiosk</b>"]
)
def test_a_batch_from_a_kiosk_id_no_kiosk_has_is_refused_and_listed_nowhere(
    collector, payload, kiosk_id
):
    message = {
        "protocol": "kiosk-sync/1",
        "kiosk_id": kiosk_id,
        "records": [{"uuid": record["uuid"], "record": record} for record in [fresh(payload)]],
    }
    answer = httpx.post(collector["url"], json=message, headers=AUTH, timeout=60)
    assert answer.status_code == 400 and answer.json()["error"].startswith("kiosk_id: ")
    assert held(collector, message["records"][0]["uuid"]) == 0
    page = httpx.get(collector["base"] + "/", timeout=60).text
    assert f"<td>{html.escape(str(kiosk_id)[:100])}</td>" not in page  # as it was listed
