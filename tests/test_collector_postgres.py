"""A campaign's central collector on PostgreSQL: every stand's records once, whatever resends,
conflicts, tombstones and collector processes at once; exported like a stand's SQLite collector.

Against a real PostgreSQL 15 started by the suite on 127.0.0.1 (tests/postgres.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import psycopg
import pytest

from kiosk.collector import Collector
from kiosk.core.cases import load_cases
from kiosk.core.errors import StorageError
from kiosk.core.records import central, collected
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from kiosk.core.signatures import Signature
from tests.collectorproc import running_collector
from tests.conftest import BUNDLED_CASES, run_kiosk
from tests.faultserver import TOKEN


def made(count: int, seed: int = 1, kiosk_id: str = "kiosk-1") -> list[Signature]:
    cases = list(load_cases(BUNDLED_CASES))
    return list(synthetic_signatures(cases, count, event_id="bern", kiosk_id=kiosk_id, seed=seed))


def batch(*items: dict, kiosk_id: str = "kiosk-1") -> bytes:
    return json.dumps({"protocol": "kiosk-sync/1", "kiosk_id": kiosk_id, "records": items}).encode()


def records(signatures: list[Signature]) -> list[dict]:
    return [{"uuid": s.uuid, "record": s.payload()} for s in signatures]


def statuses(answer: dict) -> list[str]:
    return [result["status"] for result in answer["results"]]


def stored(url: str) -> dict[str, int]:
    """How often each UUID is in the central database, counted in SQL."""
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT uuid, count(*) FROM signatures GROUP BY uuid").fetchall())


@pytest.fixture
def central_collector(postgres_url):
    collector = Collector(collected.open_collection(postgres_url), TOKEN)
    yield collector
    collector.records.close()


def test_records_sent_to_a_central_collector_are_stored_and_counted(
    central_collector, postgres_url
):
    signatures = made(5)
    status, answer = central_collector.receive(batch(*records(signatures)))
    assert status == 200 and statuses(answer) == ["stored"] * 5
    assert stored(postgres_url) == {s.uuid: 1 for s in signatures}
    page = central_collector.status()
    assert sum(page.per_kiosk.values()) == 5 and "kiosk-1" in page.contacts


def test_a_record_sent_again_is_a_duplicate_and_stays_once(central_collector, postgres_url):
    signatures = made(3)
    central_collector.receive(batch(*records(signatures)))
    _, answer = central_collector.receive(batch(*records(signatures)))
    assert statuses(answer) == ["duplicate"] * 3
    assert stored(postgres_url) == {s.uuid: 1 for s in signatures}


def test_another_record_under_a_known_uuid_is_rejected_and_the_first_kept(
    central_collector, postgres_url
):
    [signature] = made(1)
    central_collector.receive(batch(*records([signature])))
    changed = {**signature.payload(), "town": "Elsewhere"}
    _, answer = central_collector.receive(batch({"uuid": signature.uuid, "record": changed}))
    [result] = answer["results"]
    assert result["status"] == "rejected" and result["reason"].startswith("conflict")
    with psycopg.connect(postgres_url) as conn:
        town = conn.execute("SELECT town FROM signatures").fetchone()[0]
    assert town == signature.town


def test_a_tombstone_erases_the_central_copy_and_a_late_copy_is_not_stored(
    central_collector, postgres_url
):
    kept, late = made(2)
    central_collector.receive(batch(*records([kept])))
    for uuid in (kept.uuid, late.uuid, kept.uuid):  # a tombstone sent again is answered alike
        _, answer = central_collector.receive(batch({"uuid": uuid, "forget": True}))
        assert statuses(answer) == ["erased"]
    _, answer = central_collector.receive(batch(*records([late, kept])))
    assert statuses(answer) == ["duplicate", "duplicate"]  # acknowledged, and dropped
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute(
            "SELECT uuid, given_name, family_name, email, town, payload, case_id FROM signatures"
        ).fetchall()
    [(uuid, given, family, email, town, payload, case_id)] = rows
    assert uuid == kept.uuid and case_id == kept.case_id
    assert (given, family, email, town) == ("", "", "", "")
    assert kept.family_name not in json.dumps(payload, ensure_ascii=False)


def test_two_collectors_starting_at_once_migrate_the_database_once(postgres_url):
    opened: list[central.CentralStore] = []
    starts = [
        threading.Thread(target=lambda: opened.append(central.CentralStore(postgres_url)))
        for _ in range(4)
    ]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    try:
        assert len(opened) == 4
        assert {store.schema_version() for store in opened} == {central.SCHEMA_VERSION}
        with psycopg.connect(postgres_url) as conn:
            versions = conn.execute("SELECT version FROM kiosk_schema").fetchall()
        assert versions == [(central.SCHEMA_VERSION,)]
    finally:
        for store in opened:
            store.close()


def test_a_central_database_of_a_newer_kiosk_is_refused_untouched(postgres_url):
    central.CentralStore(postgres_url).close()
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE kiosk_schema SET version = 99")
    with pytest.raises(StorageError, match="newer kiosk"):
        central.CentralStore(postgres_url)


def test_an_unreachable_central_database_says_what_to_check(tmp_path):
    url = "postgresql://kiosk:secret@127.0.0.1:1/nowhere"
    result = run_kiosk("export", "--database", url, "--output", str(tmp_path / "x.csv"))
    assert result.returncode == 74, result.stdout + result.stderr
    assert "cannot be" in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr


def test_two_collector_processes_taking_the_same_batches_at_once_store_each_record_once(
    tmp_path, postgres_url
):
    signatures = made(300, seed=7)
    batches = [batch(*records(signatures[i : i + 100])) for i in range(0, 300, 100)]
    answers: list[list[str]] = []

    def send(url: str) -> None:
        with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as client:
            for body in batches:
                response = client.post(
                    url, content=body, headers={"Content-Type": "application/json"}
                )
                answers.append(statuses(response.json()))

    with (
        running_collector(tmp_path, database=postgres_url) as one,
        running_collector(tmp_path, database=postgres_url) as two,
    ):
        senders = [
            threading.Thread(target=send, args=(collector["url"],))
            for collector in (one, two, one, two)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()

    assert stored(postgres_url) == {s.uuid: 1 for s in signatures}
    every = [status for answer in answers for status in answer]
    assert len(every) == 4 * 300
    assert every.count("stored") == 300 and every.count("duplicate") == 3 * 300


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_an_export_of_a_central_collector_equals_one_of_a_stand_collector(
    tmp_path, postgres_url, fmt
):
    signatures = made(40, seed=3) + made(10, seed=4, kiosk_id="kiosk-2")
    body = batch(*records(signatures))
    with Store(tmp_path / "stand.db") as store:
        Collector(store, TOKEN).receive(body)
    on_postgres = Collector(collected.open_collection(postgres_url), TOKEN)
    on_postgres.receive(body)
    on_postgres.records.close()

    written = {}
    for name, database in (("sqlite", str(tmp_path / "stand.db")), ("postgres", postgres_url)):
        folder = tmp_path / name
        folder.mkdir()
        result = run_kiosk(
            "export", "--database", database, "--format", fmt, "--no-letters",
            "--output", str(folder / f"all.{fmt}"),
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Exported 50 signature(s)" in result.stdout
        written[name] = folder
    for part in (f"all.{fmt}", "all-summary.csv"):
        if part.endswith("xlsx"):
            assert cells(written["sqlite"] / part) == cells(written["postgres"] / part)
        else:
            sqlite_bytes = (written["sqlite"] / part).read_bytes()
            assert sqlite_bytes == (written["postgres"] / part).read_bytes()


def cells(path: Path) -> list[tuple]:
    """Every cell of the first sheet of an XLSX file (its zip holds times of writing)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_a_kiosk_command_given_a_postgresql_url_says_only_collect_and_export_take_one(
    postgres_url,
):
    result = run_kiosk("counts", "--database", postgres_url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "only `kiosk collect` and" in result.stderr and "Traceback" not in result.stderr


def test_a_collector_given_an_unreachable_database_stops_with_what_to_check(tmp_path):
    token = tmp_path / "token.txt"
    token.write_text(TOKEN)
    token.chmod(0o600)
    url = "postgresql://kiosk:secret@127.0.0.1:1/campaign"
    result = run_kiosk("collect", "--database", url, "--token-file", str(token))
    assert result.returncode == 74, result.stdout + result.stderr
    assert "Connection refused" in result.stderr and "Check that the server runs" in result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr


def test_sealed_records_reach_a_central_collector_sealed_and_decrypt_from_its_url(
    tmp_path, postgres_url
):
    from kiosk.app import KioskService
    from kiosk.core.config import load_config
    from tests.conftest import EXAMPLE_CASE
    from tests.test_cli_sealed import entries, make_keys

    public, private = make_keys(tmp_path / "keys")
    folder = tmp_path / "collector"
    folder.mkdir()
    with running_collector(folder, database=postgres_url) as collector:
        config = tmp_path / "kiosk.toml"
        config.write_text(
            f'[printing]\nmode = "off"\n[privacy]\npublic_key = "{public}"\n'
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

    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT given_name, town, sealed FROM signatures").fetchall()
    assert len(rows) == len(prepared)
    assert all(given == "" and town == "" and sealed for given, town, sealed in rows)

    opened = tmp_path / "central.jsonl"
    result = run_kiosk("decrypt", "--key", str(private), postgres_url, "--output", str(opened))
    assert result.returncode == 0, result.stderr
    got = {r["uuid"]: r for r in map(json.loads, opened.read_text().splitlines())}
    assert {u: (r["given_name"], r["town"], r["email"]) for u, r in got.items()} == {
        s.uuid: (s.given_name, s.town, s.email) for s in prepared
    }


def test_a_forgotten_sealed_record_leaves_no_sealed_blob_in_the_central_database(
    central_collector, postgres_url, tmp_path
):
    from kiosk.core.privacy.keys import parse_public_key
    from kiosk.core.privacy.sealed_signatures import seal_signature
    from tests.test_cli_sealed import make_keys

    public, _ = make_keys(tmp_path / "keys")
    clear = made(1)[0]
    _, payload = seal_signature(clear, parse_public_key(public))
    sealed_item = {"uuid": clear.uuid, "record": payload}
    assert statuses(central_collector.receive(batch(sealed_item))[1]) == ["stored"]
    tombstone = {"uuid": clear.uuid, "forget": True}
    assert statuses(central_collector.receive(batch(tombstone))[1]) == ["erased"]
    with psycopg.connect(postgres_url) as conn:
        sealed, kept = conn.execute(
            "SELECT sealed, payload FROM signatures WHERE uuid = %s", (clear.uuid,)
        ).fetchone()
    assert sealed is None and "sealed" not in kept


PIECE = 7  # rows read at a time: a few thousand records cross hundreds of piece boundaries


@pytest.fixture
def thousands(tmp_path, postgres_url):
    """The same 3,000 records in a stand's SQLite collector and in the central one."""
    signatures = made(1500, seed=5) + made(1500, seed=6, kiosk_id="kiosk-2")
    checked = [(s, s.payload()) for s in signatures]
    stand = tmp_path / "stand.db"
    with Store(stand) as store, store.write():  # one transaction: set-up, not the subject
        assert set(collected.StandCollection(store).keep_all(checked)) == {"stored"}
    with central.CentralStore(postgres_url) as on_postgres:
        assert set(on_postgres.keep_all(checked)) == {"stored"}
    return stand, signatures


def uuids_in(path: Path, fmt: str) -> list[str]:
    if fmt == "jsonl":
        return [json.loads(line)["uuid"] for line in path.read_text().splitlines()]
    if fmt == "csv":
        import csv

        return [row["uuid"] for row in csv.DictReader(path.read_text("utf-8-sig").splitlines())]
    return [row[0] for row in cells(path)[1:]]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_thousands_of_records_exported_in_pieces_are_equal_from_postgresql_and_sqlite(
    tmp_path, postgres_url, thousands, fmt
):
    from kiosk.core.export import Selection, export

    stand, signatures = thousands
    written = {}
    with Store(stand) as on_sqlite, central.CentralStore(postgres_url) as on_postgres:
        for name, store in (("sqlite", on_sqlite), ("postgres", on_postgres)):
            folder = tmp_path / name
            folder.mkdir()
            result = export(store, Selection(), folder / f"all.{fmt}", fmt, piece=PIECE)
            assert result.records == len(signatures)
            written[name] = folder / f"all.{fmt}"

    ordered = sorted(signatures, key=lambda s: (s.signed_at, s.uuid))
    assert uuids_in(written["sqlite"], fmt) == [s.uuid for s in ordered]  # each once, in order
    if fmt == "xlsx":
        assert cells(written["sqlite"]) == cells(written["postgres"])
    else:
        assert written["sqlite"].read_bytes() == written["postgres"].read_bytes()


def test_thousands_of_records_decrypted_in_pieces_are_equal_from_postgresql_and_sqlite(
    tmp_path, postgres_url, thousands
):
    from kiosk.app import decrypt

    stand, signatures = thousands
    opened = {}
    for name, source in (("sqlite", stand), ("postgres", postgres_url)):
        opened[name] = tmp_path / f"{name}.csv"
        result = decrypt(source, [], output=opened[name], piece=PIECE)  # none sealed
        assert result.records == len(signatures) and result.failed == []
    assert sorted(uuids_in(opened["sqlite"], "csv")) == sorted(s.uuid for s in signatures)
    assert opened["sqlite"].read_bytes() == opened["postgres"].read_bytes()


def test_thousands_of_records_merged_in_pieces_are_each_kept_once(tmp_path, thousands):
    from kiosk.core.records.merge import merge_into

    stand, signatures = thousands
    merged = tmp_path / "merged.db"
    first = merge_into(merged, [stand], piece=PIECE)
    again = merge_into(merged, [stand], piece=PIECE)

    assert (first.added, first.already, first.conflicts) == (len(signatures), 0, [])
    assert (again.added, again.already, again.conflicts) == (0, len(signatures), [])
    with Store(merged) as store:
        assert {s.uuid for s in store.signatures()} == {s.uuid for s in signatures}
        assert store.counts().total == len(signatures)
