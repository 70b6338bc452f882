"""A sealed kiosk records every signer, counts them, and cannot read a name back."""

from __future__ import annotations

import json
import logging

import pytest

from kiosk.core.errors import SealedRecordsError
from kiosk.core.export import Selection
from kiosk.core.privacy.sealed_signatures import open_signature
from kiosk.core.signatures import SignerEntry
from tests.conftest import EXAMPLE_CASE
from tests.hostile_records import NAMES_IN_EVERY_SCRIPT
from tests.privacy_bytes import database_files, leaks, secrets_of_every_script


def sign_everyone(service) -> list:
    """Every signer of `NAMES_IN_EVERY_SCRIPT`, drawn signature included; the prepared
    (clear) signatures."""
    prepared = []
    for given, family, postal_code, town, email in NAMES_IN_EVERY_SCRIPT:
        entry = SignerEntry(
            given_name=given,
            family_name=family,
            postal_code=postal_code,
            town=town,
            country="CH",
            email=email,
            consents={"sign", "updates"},
            drawing={"width": 300, "height": 100, "strokes": [[(10, 10), (50, 60), (90, 20)]]},
        )
        signature = service.prepare(EXAMPLE_CASE, entry, language="fr")
        service.record(signature)
        prepared.append(signature)
    return prepared


def test_a_stolen_kiosk_database_holds_no_signer_name(sealed_service, caplog):
    caplog.set_level(logging.DEBUG)
    sign_everyone(sealed_service)
    path = sealed_service.database_path
    assert path.with_name(path.name + "-wal").exists()  # read while the kiosk runs, too
    files = database_files(path)
    sealed_service.close()
    files += [("database after close", path.read_bytes()), ("log", caplog.text.encode())]
    assert leaks(files, secrets_of_every_script()) == []


def test_the_same_database_unsealed_does_hold_the_names(service, caplog):
    # The check above can fail: without a key every name is there to find.
    caplog.set_level(logging.DEBUG)
    sign_everyone(service)
    service.close()
    found = leaks(database_files(service.database_path), secrets_of_every_script())
    assert len(found) >= len(secrets_of_every_script())


def test_a_sealed_kiosk_reads_back_records_that_say_they_are_sealed(sealed_service, key_pair):
    prepared = sign_everyone(sealed_service)
    kept = list(sealed_service.store.signatures())
    assert len(kept) == len(prepared)
    for signature in kept:
        assert signature.is_sealed
        assert (signature.full_name, signature.town, signature.email) == ("", "", "")
        assert signature.drawing is None and signature.signature_png is None
    by_uuid = {s.uuid: s for s in prepared}
    assert all(open_signature(s, [key_pair[1]]) == by_uuid[s.uuid] for s in kept)


def test_a_double_tap_in_sealed_mode_records_one_signature(sealed_service):
    prepared = sign_everyone(sealed_service)
    again = sealed_service.record(prepared[0])
    assert not again.created
    assert sealed_service.counts().total == len(prepared)


def test_counts_and_the_summary_work_on_sealed_records(sealed_service, tmp_path):
    prepared = sign_everyone(sealed_service)
    counts = sealed_service.counts()
    assert counts.total == counts.today == len(prepared)
    assert counts.per_case == {EXAMPLE_CASE: len(prepared)}
    result = sealed_service.export(Selection(), tmp_path / "day.jsonl", "jsonl")
    summary = (tmp_path / "day-summary.csv").read_text(encoding="utf-8-sig")
    assert f"{EXAMPLE_CASE},all day,{len(prepared)}" in summary
    assert result.records == len(prepared)


def test_the_delivered_payload_is_sealed_too(sealed_service):
    from kiosk.core.records.outbox import Outbox

    sign_everyone(sealed_service)
    payloads = [r.payload for r in Outbox(sealed_service.store).due(100)]
    assert payloads and all(p["given_name"] == "" and p["sealed"] for p in payloads)
    text = json.dumps(payloads, ensure_ascii=False).encode()
    assert leaks([("outbox", text)], secrets_of_every_script()) == []


def test_a_spreadsheet_export_of_sealed_records_says_to_use_decrypt(sealed_service, tmp_path):
    sign_everyone(sealed_service)
    for fmt in ("csv", "xlsx"):
        with pytest.raises(SealedRecordsError, match=r"--format jsonl.*kiosk decrypt"):
            sealed_service.export(Selection(), tmp_path / f"day.{fmt}", fmt)
    assert list(tmp_path.glob("day*")) == []


def test_the_jsonl_export_of_a_sealed_kiosk_carries_the_sealed_records(sealed_service, tmp_path):
    prepared = sign_everyone(sealed_service)
    sealed_service.export(Selection(), tmp_path / "day.jsonl", "jsonl")
    data = (tmp_path / "day.jsonl").read_bytes()
    lines = [json.loads(line) for line in data.splitlines()]
    assert {line["uuid"] for line in lines} == {s.uuid for s in prepared}
    assert all(line["sealed"] and line["town"] == "" for line in lines)
    assert leaks([("export", data)], secrets_of_every_script()) == []


def test_letters_of_sealed_records_are_refused_with_where_to_print_them(sealed_service):
    sign_everyone(sealed_service)
    with pytest.raises(SealedRecordsError, match="kiosk decrypt"):
        sealed_service.letters_pdf()


def test_a_forgotten_sealed_signer_leaves_no_sealed_blob_behind(sealed_service):
    from kiosk.core.records.outbox import Outbox

    first = sign_everyone(sealed_service)[0]
    sealed_service.forget(uuid=first.uuid)
    [kept] = [s for s in sealed_service.store.signatures() if s.uuid == first.uuid]
    assert kept.sealed is None and kept.sealed_drawing is None
    [tombstone] = [r.payload for r in Outbox(sealed_service.store).due(100) if r.forgets]
    assert tombstone["uuid"] == first.uuid and "sealed" not in tombstone
    assert all(s.sealed for s in sealed_service.store.signatures() if s.uuid != first.uuid)


def test_a_purged_sealed_record_loses_its_sealed_blob_row_and_payload(sealed_service):
    from kiosk.core.records import erasure
    from kiosk.core.records.outbox import Outbox

    prepared = sign_everyone(sealed_service)
    store = sealed_service.store
    Outbox(store).delivered([s.uuid for s in prepared])
    for job in store.print_jobs("queued"):
        store.move_print_job(job.id, ("queued",), "printed")
    done = erasure.purge(store, "9999-12-31T23:59:59Z")  # every record is past its time
    assert done.count == len(prepared)
    assert all(s.sealed is None and s.sealed_drawing is None for s in store.signatures())
    assert all("sealed" not in payload for payload in Outbox(store).payloads().values())


def test_forget_by_email_on_a_sealed_kiosk_says_to_use_the_id_from_the_decrypted_export(
    sealed_service,
):
    from kiosk.core.errors import NotFoundError

    sign_everyone(sealed_service)
    with pytest.raises(NotFoundError, match=r"sealed records.*kiosk decrypt.*--uuid"):
        sealed_service.forget(email=NAMES_IN_EVERY_SCRIPT[0][4])
