"""Records per second into a central collector on PostgreSQL, against a bare psycopg COPY.

Starts Debian's PostgreSQL 15 on a throw-away cluster on 127.0.0.1 (as the tests do,
tests/postgres.py; or give --database URL of a server of your own, whose databases named
`bench_*` are then made), then in the same run:

- the collector: a real `kiosk collect --database postgresql://...` on loopback, taking the
  records in batches of --batch (100, as kiosks send them) over real HTTP from --clients clients
  at once, each record checked (received.py) and stored with `INSERT ... ON CONFLICT`;
- the baseline: one psycopg `COPY ... FROM STDIN` of the same rows (the same columns and JSONB
  payload) into the same table of a fresh database, and an `executemany` of them.

The goal: the collector within 3x of the bare COPY (records per second).

    .venv/bin/python benchmarks/central_bench.py [--count 10000] [--batch 100] [--clients 4]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.core.cases import load_cases  # noqa: E402
from kiosk.core.records.central import COLUMNS, CentralStore  # noqa: E402
from kiosk.core.sample import synthetic_signatures  # noqa: E402
from tests.collectorproc import running_collector  # noqa: E402
from tests.faultserver import TOKEN  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402


@contextmanager
def databases(url: str | None) -> Iterator[tuple[str, str]]:
    """Two new, empty databases (collector, baseline) on the server at `url`, or on a
    throw-away cluster."""
    if url is None:
        with running_postgres() as server:
            yield server.fresh(), server.fresh()
        return
    stamp = int(time.time())
    made = []
    with psycopg.connect(url, autocommit=True) as conn:
        for role in ("collector", "copy"):
            name = f"bench_{role}_{stamp}"
            conn.execute(f"CREATE DATABASE {name}")  # a name made here
            made.append(url.rsplit("/", 1)[0] + "/" + name)
    yield made[0], made[1]


def post_all(url: str, bodies: list[bytes], clients: int) -> float:
    """Seconds to post `bodies` to the collector at `url`, `clients` at a time."""
    pending = list(reversed(bodies))
    lock = threading.Lock()
    failures: list[str] = []

    def client() -> None:
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        with httpx.Client(headers=headers, timeout=120) as http:
            while True:
                with lock:
                    if not pending:
                        return
                    body = pending.pop()
                answer = http.post(url, content=body)
                results = answer.json().get("results", [])
                if answer.status_code != 200 or any(r["status"] != "stored" for r in results):
                    failures.append(answer.text[:200])

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise SystemExit(f"the collector did not store every record: {failures[0]}")
    return elapsed


def bare_copy(url: str, rows: list[tuple]) -> float:
    columns = ", ".join((*COLUMNS, "payload"))
    with psycopg.connect(url) as conn:
        began = time.perf_counter()
        with (
            conn.cursor() as cursor,
            cursor.copy(f"COPY signatures ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        conn.commit()
        return time.perf_counter() - began


def bare_executemany(url: str, rows: list[tuple]) -> float:
    columns = ", ".join((*COLUMNS, "payload"))
    marks = ", ".join(["%s"] * (len(COLUMNS) + 1))
    with psycopg.connect(url) as conn:
        conn.execute("TRUNCATE signatures")
        conn.commit()
        began = time.perf_counter()
        with conn.cursor() as cursor:
            cursor.executemany(f"INSERT INTO signatures ({columns}) VALUES ({marks})", rows)
        conn.commit()
        return time.perf_counter() - began


def count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM signatures").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--database", help="a PostgreSQL server's URL (default: a throw-away one)")
    args = parser.parse_args()

    cases = list(load_cases(REPO / "cases"))
    signatures = list(
        synthetic_signatures(cases, args.count, event_id="bench", kiosk_id="bench", seed=1)
    )
    bodies = [
        json.dumps(
            {
                "protocol": "kiosk-sync/1",
                "kiosk_id": "bench",
                "records": [
                    {"uuid": s.uuid, "record": s.payload()} for s in signatures[i : i + args.batch]
                ],
            }
        ).encode()
        for i in range(0, len(signatures), args.batch)
    ]
    rows = [(*s.to_row().values(), json.dumps(s.payload(), ensure_ascii=False)) for s in signatures]

    with databases(args.database) as (collector_url, copy_url), tempfile.TemporaryDirectory() as t:
        CentralStore(copy_url).close()  # the same schema for the baseline
        with running_collector(Path(t), database=collector_url) as collector:
            collector_s = post_all(collector["url"], bodies, args.clients)
        stored = count(collector_url)
        copy_s = bare_copy(copy_url, rows)
        copied = count(copy_url)
        many_s = bare_executemany(copy_url, rows)
        server = subprocess.run(
            ["/usr/lib/postgresql/15/bin/postgres", "--version"], capture_output=True, text=True
        ).stdout.strip()
    if stored != args.count or copied != args.count:
        raise SystemExit(f"stored {stored}, copied {copied}, expected {args.count}")

    print(
        f"{args.count} records, batches of {args.batch}, {args.clients} client(s); "
        f"{platform.python_version()}, psycopg {psycopg.__version__}, {server}"
    )
    print("| contender | seconds | records/s |")
    print("|---|--:|--:|")
    for name, seconds in (
        (f"`kiosk collect` over HTTP, {args.clients} clients", collector_s),
        ("bare psycopg COPY", copy_s),
        ("bare psycopg executemany", many_s),
    ):
        print(f"| {name} | {seconds:.2f} | {args.count / seconds:,.0f} |")
    ratio = collector_s / copy_s
    print(
        f"collector / COPY: {ratio:.1f}x (goal within 3x: {'met' if ratio <= 3 else 'NOT met'}); "
        f"collector / executemany: {collector_s / many_s:.1f}x"
    )


if __name__ == "__main__":
    main()
