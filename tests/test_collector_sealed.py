"""Sealed records reach a real collector as they are, stay sealed there, and open on the
coordinator's machine with `kiosk decrypt` of the collector's database."""

from __future__ import annotations

import json

from kiosk.app import KioskService
from kiosk.core.config import load_config
from tests.collectorproc import running_collector
from tests.conftest import EXAMPLE_CASE, run_kiosk
from tests.privacy_bytes import database_files, leaks, secrets_of_every_script
from tests.test_cli_sealed import entries, make_keys


def test_sealed_records_delivered_to_a_collector_stay_sealed_and_decrypt_there(tmp_path):
    public, private = make_keys(tmp_path / "keys")
    folder = tmp_path / "collector"
    folder.mkdir()
    with running_collector(folder) as collector:
        config = tmp_path / "kiosk.toml"
        config.write_text(
            f'[kiosk]\nid = "kiosk-bern"\n[printing]\nmode = "off"\n'
            f'[privacy]\npublic_key = "{public}"\n'
            f'[sync]\ntarget = "webhook"\nurl = "{collector["url"]}"\n'
            f'token_file = "{collector["token"]}"\n'
        )
        database = tmp_path / "kiosk.db"
        with KioskService(load_config(config), database) as kiosk:
            prepared = [kiosk.prepare(EXAMPLE_CASE, e, language="fr") for e in entries()]
            for signature in prepared:
                kiosk.record(signature)
        result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))
        assert result.returncode == 0, result.stderr
        assert leaks(database_files(collector["database"]), secrets_of_every_script()) == []

    opened = tmp_path / "stand.jsonl"
    result = run_kiosk("decrypt", "--key", str(private), str(collector["database"]),
                       "--output", str(opened))  # fmt: skip
    assert result.returncode == 0, result.stderr
    got = {r["uuid"]: r for r in map(json.loads, opened.read_text().splitlines())}
    assert set(got) == {s.uuid for s in prepared}
    for signature in prepared:
        record = got[signature.uuid]
        assert (record["given_name"], record["family_name"], record["postal_code"]) == (
            signature.given_name,
            signature.family_name,
            signature.postal_code,
        )
        assert (record["town"], record["email"]) == (signature.town, signature.email)


def test_a_collector_refuses_a_sealed_record_that_still_carries_a_name(tmp_path):
    import httpx

    from kiosk.core.privacy.keys import parse_public_key
    from kiosk.core.privacy.sealed_signatures import seal_signature
    from tests.faultserver import TOKEN

    public, _ = make_keys(tmp_path / "keys")
    with KioskService(load_config(None), tmp_path / "k.db") as kiosk:
        clear = kiosk.prepare(EXAMPLE_CASE, entries()[0], language="fr")
    _, payload = seal_signature(clear, parse_public_key(public))
    folder = tmp_path / "collector"
    folder.mkdir()
    with running_collector(folder) as collector:
        for bad, field in (
            ({**payload, "town": "Zürich"}, "town"),
            ({**payload, "sealed": "AAAA"}, "sealed"),
        ):
            body = {
                "protocol": "kiosk-sync/1",
                "kiosk_id": "k",
                "records": [{"uuid": bad["uuid"], "record": bad}],
            }
            answer = httpx.post(
                collector["url"], json=body, headers={"Authorization": f"Bearer {TOKEN}"}
            )
            [item] = answer.json()["results"]
            assert item["status"] == "rejected" and field in item["reason"], item
