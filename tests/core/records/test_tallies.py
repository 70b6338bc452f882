"""A central collector's dashboard counts (tallies) always agree with the records stored: kept
in the same transaction as the inserts, whatever collectors write at once, and brought to a
database that had records before it had tallies.

Against a real PostgreSQL 15 started by the suite on 127.0.0.1 (tests/postgres.py)."""

from __future__ import annotations

import threading
from collections import Counter

import psycopg
import pytest
from psycopg.types.json import Jsonb

from kiosk.core.cases import load_cases
from kiosk.core.records import central, tallies
from kiosk.core.sample import synthetic_signatures
from kiosk.core.signatures import Signature
from tests.conftest import BUNDLED_CASES


def made(count: int, seed: int, kiosk_id: str = "kiosk-1") -> list[Signature]:
    cases = list(load_cases(BUNDLED_CASES))
    return list(synthetic_signatures(cases, count, event_id="bern", kiosk_id=kiosk_id, seed=seed))


def counted_in_sql(url: str) -> dict[str, dict[str, int]]:
    """What the tallies should say, counted from the records themselves."""
    kinds: dict[str, dict[str, int]] = {}
    with psycopg.connect(url) as conn:
        for kind, column in (("case", "case_id"), ("event", "event_id"), ("kiosk", "kiosk_id")):
            kinds[kind] = dict(
                conn.execute(f"SELECT {column}, count(*) FROM signatures GROUP BY 1").fetchall()  # noqa: S608
            )
        signed = [row[0] for row in conn.execute("SELECT signed_at FROM signatures")]
    kinds["quarter"] = dict(Counter(tallies.quarter(t) for t in signed))
    return kinds


def tallied(url: str) -> dict[str, dict[str, int]]:
    with central.CentralStore(url) as store, store.transaction() as conn:
        return tallies.read(conn, "0000", "9999")


def test_two_collectors_storing_overlapping_batches_at_once_count_each_record_once(postgres_url):
    signatures = made(120, seed=1) + made(60, seed=2, kiosk_id="kiosk-2")
    stores = [central.CentralStore(postgres_url) for _ in range(2)]
    failures: list[BaseException] = []

    def send(store: central.CentralStore, order: list[Signature]) -> None:
        try:
            for start in range(0, len(order), 20):
                store.keep_all([(s, s.payload()) for s in order[start : start + 20]])
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [
        threading.Thread(target=send, args=(stores[0], signatures)),
        threading.Thread(target=send, args=(stores[1], list(reversed(signatures)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert not failures
    assert tallied(postgres_url) == counted_in_sql(postgres_url)
    assert sum(tallied(postgres_url)["case"].values()) == 180


def test_forgetting_a_record_keeps_it_counted(postgres_url):
    signatures = made(5, seed=3)
    with central.CentralStore(postgres_url) as store:
        store.keep_all([(s, s.payload()) for s in signatures])
        store.forget([signatures[0].uuid])
        stand = store.dashboard()
    assert sum(stand.per_case.values()) == 5 and stand.per_kiosk == {"kiosk-1": 5}


def test_a_central_database_with_records_from_before_the_tallies_gets_them_counted(
    postgres_url,
):
    signatures = made(40, seed=4)
    with psycopg.connect(postgres_url) as conn:  # a database as version 2 left it
        conn.execute("CREATE TABLE kiosk_schema (version INTEGER NOT NULL)")
        for statement in (*central.MIGRATIONS[0], *central.MIGRATIONS[1]):
            conn.execute(statement)
        conn.execute("INSERT INTO kiosk_schema (version) VALUES (2)")
        columns = ", ".join((*central.COLUMNS, "payload"))
        with conn.cursor().copy(f"COPY signatures ({columns}) FROM STDIN") as copy:
            for s in signatures:
                row = s.to_row()
                copy.write_row([*(row.get(name) for name in central.COLUMNS), Jsonb(s.payload())])
    with central.CentralStore(postgres_url) as store:
        assert store.schema_version() == central.SCHEMA_VERSION
    assert tallied(postgres_url) == counted_in_sql(postgres_url)
    assert sum(tallied(postgres_url)["kiosk"].values()) == 40


def test_records_written_around_the_collector_are_counted_by_a_recount(postgres_url):
    with central.CentralStore(postgres_url) as store:
        store.keep_all([(s, s.payload()) for s in made(10, seed=5)])
        with psycopg.connect(postgres_url) as conn:  # a bulk load, as the benchmark does
            columns = ", ".join((*central.COLUMNS, "payload"))
            with conn.cursor().copy(f"COPY signatures ({columns}) FROM STDIN") as copy:
                for s in made(7, seed=6, kiosk_id="kiosk-9"):
                    row = s.to_row()
                    copy.write_row(
                        [*(row.get(name) for name in central.COLUMNS), Jsonb(s.payload())]
                    )
        assert sum(tallied(postgres_url)["case"].values()) == 10
        store.recount()
    assert tallied(postgres_url) == counted_in_sql(postgres_url)
    assert tallied(postgres_url)["kiosk"] == {"kiosk-1": 10, "kiosk-9": 7}


@pytest.mark.parametrize(
    ("signed_at", "key"),
    [
        ("2026-12-10T17:00:00.000000Z", "2026-12-10T17:00"),
        ("2026-12-10T17:14:59.999999Z", "2026-12-10T17:00"),
        ("2026-12-10T17:15:00.000000Z", "2026-12-10T17:15"),
        ("2026-12-10T17:59:59.000000Z", "2026-12-10T17:45"),
    ],
)
def test_a_record_is_counted_in_the_quarter_hour_it_was_signed(signed_at, key):
    assert tallies.quarter(signed_at) == key
