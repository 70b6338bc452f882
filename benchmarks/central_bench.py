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

Then the coordinators' dashboard at a campaign's size: --stored records (1,000,000) are COPYed
into a third database (14 days, 250 events, 1,000 kiosks, every bundled case) and counted into
its tallies, a real `kiosk collect` serves it, and a logged-in client asks for the page (`/`)
and its JSON (`/dashboard.json`) --requests times each over real HTTP, one after the other;
p50 and p99 against `/health` (the same server's floor) in the same run, and against the same
counts grouped from the records (what the page would cost without the tallies).
The goal: the page's p99 under 200 ms.

    .venv/bin/python benchmarks/central_bench.py [--count 10000] [--batch 100] [--clients 4]
        [--stored 1000000] [--requests 300]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.app import set_coordinator_password  # noqa: E402
from kiosk.core.cases import load_cases  # noqa: E402
from kiosk.core.clock import utc_bounds  # noqa: E402
from kiosk.core.records.central import COLUMNS, CentralStore  # noqa: E402
from kiosk.core.sample import synthetic_signatures  # noqa: E402
from tests.collectorproc import PASSWORD, coordinator, running_collector  # noqa: E402
from tests.faultserver import TOKEN  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402


@contextmanager
def databases(url: str | None) -> Iterator[tuple[str, str, str]]:
    """Three new, empty databases (collector, baseline, dashboard) on the server at `url`, or
    on a throw-away cluster."""
    if url is None:
        with running_postgres() as server:
            yield server.fresh(), server.fresh(), server.fresh()
        return
    stamp = int(time.time())
    made = []
    with psycopg.connect(url, autocommit=True) as conn:
        for role in ("collector", "copy", "dashboard"):
            name = f"bench_{role}_{stamp}"
            conn.execute(f"CREATE DATABASE {name}")  # a name made here
            made.append(url.rsplit("/", 1)[0] + "/" + name)
    yield made[0], made[1], made[2]


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


def campaign_rows(templates: list, count: int) -> Iterator[tuple]:
    """`count` rows of a campaign's records for COPY, from a few real `templates`: over the 14
    days up to today, 250 events, 1,000 kiosks; each with its own UUID, in its payload too.
    Each template's row and payload text are made once, with marks replaced for each row (a
    million `Signature` objects would make the fill, not the dashboard, the measurement)."""
    marks = {"uuid": "@U@", "signed_at": "@S@", "event_id": "@E@", "kiosk_id": "@K@"}
    made = []
    for template in templates:
        row = template.to_row()
        cells = [row.get(name) for name in COLUMNS]
        payload = json.dumps({**template.payload(), **marks}, ensure_ascii=False)
        signed = datetime.fromisoformat(row["signed_at"])
        days = [(signed - timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%S.%fZ") for d in range(14)]
        made.append((cells, payload, days))
    place = {name: COLUMNS.index(name) for name in marks}
    for number in range(count):
        cells, payload, days = made[number % len(made)]
        cells = list(cells)
        values = {
            "uuid": f"00000000-0000-4000-8000-{number:012x}",
            "signed_at": days[number % 14],
            "event_id": f"event-{number % 250}",
            "kiosk_id": f"kiosk-{number % 1000}",
        }
        for name, value in values.items():
            cells[place[name]] = value
            payload = payload.replace(marks[name], value)
        yield (*cells, payload)


def fill_campaign(url: str, templates: list, count: int) -> tuple[float, float]:
    """COPY `count` records into the collector's schema at `url`, count them into the tallies
    and note 1,000 kiosks' last reports: (seconds to copy, seconds to count)."""
    CentralStore(url).close()
    columns = ", ".join((*COLUMNS, "payload"))
    began = time.perf_counter()
    with psycopg.connect(url) as conn:
        with (
            conn.cursor() as cursor,
            cursor.copy(f"COPY signatures ({columns}) FROM STDIN") as copy,
        ):
            for row in campaign_rows(templates, count):
                copy.write_row(row)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE signatures")
    copied = time.perf_counter() - began
    with CentralStore(url) as store:
        began = time.perf_counter()
        store.recount()
        counted = time.perf_counter() - began
        for number in range(1000):
            store.note_contact(f"kiosk-{number}", waiting=number % 7)
    return copied, counted


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return statistics.median(seconds) * 1000, cuts[98] * 1000


def timed_gets(client, path: str, requests: int) -> list[float]:
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        answer = client.get(path)
        times.append(time.perf_counter() - began)
        if answer.status_code != 200:
            raise SystemExit(f"{path} answered {answer.status_code}: {answer.text[:200]}")
    return times


def grouped_from_records(url: str, rounds: int = 5) -> list[float]:
    """Seconds to count what the page shows straight from the records, as without tallies."""
    since, until = utc_bounds(datetime.now(UTC).astimezone().date())
    times = []
    with psycopg.connect(url) as conn:
        for _ in range(rounds):
            began = time.perf_counter()
            for column in ("case_id", "event_id", "kiosk_id"):
                conn.execute(f"SELECT {column}, count(*) FROM signatures GROUP BY 1").fetchall()
            conn.execute(
                "SELECT substr(signed_at, 1, 16), count(*) FROM signatures "
                "WHERE signed_at >= %s AND signed_at < %s GROUP BY 1",
                (since, until),
            ).fetchall()
            times.append(time.perf_counter() - began)
    return times


def dashboard_bench(url: str, stored: int, requests: int, cases: list) -> None:
    templates = list(synthetic_signatures(cases, 200, event_id="e", kiosk_id="k", seed=2))
    copied, counted = fill_campaign(url, templates, stored)
    set_coordinator_password(url, PASSWORD)
    with (
        tempfile.TemporaryDirectory() as folder,
        running_collector(Path(folder), database=url) as collector,
        coordinator(collector["base"]) as client,
    ):
        for path in ("/", "/dashboard.json", "/health"):
            timed_gets(client, path, 20)  # warm: pool, caches
        page = timed_gets(client, "/", requests)
        figures = timed_gets(client, "/dashboard.json", requests)
        health = timed_gets(client, "/health", requests)
        size = len(client.get("/").content)
    grouped = grouped_from_records(url)
    print()
    print(
        f"The dashboard with {stored:,} records stored (COPY {copied:.1f} s, counted into the "
        f"tallies in {counted:.1f} s), {requests} requests each, one at a time, logged in; "
        f"the page is {size / 1024:.0f} KiB"
    )
    print("| request | p50 ms | p99 ms |")
    print("|---|--:|--:|")
    for name, times in (
        ("`GET /` (the page)", page),
        ("`GET /dashboard.json`", figures),
        ("`GET /health` (the server's floor)", health),
        ("the same counts grouped from the records (no tallies), SQL only", grouped),
    ):
        p50, p99 = percentiles(times)
        print(f"| {name} | {p50:.1f} | {p99:.1f} |")
    p99 = percentiles(page)[1]
    print(
        f"page p99 {p99:.0f} ms (goal under 200 ms: {'met' if p99 < 200 else 'NOT met'}); "
        f"page / health p50: {percentiles(page)[0] / percentiles(health)[0]:.1f}x; "
        f"grouping the records instead: {percentiles(grouped)[0] / percentiles(page)[0]:.0f}x "
        "the page's p50"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--database", help="a PostgreSQL server's URL (default: a throw-away one)")
    parser.add_argument("--stored", type=int, default=1_000_000, help="records for the dashboard")
    parser.add_argument("--requests", type=int, default=300, help="dashboard requests to time")
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
    # Every column in COLUMNS order (a clear record's row has no sealed ones: NULL).
    rows = [
        (*(s.to_row().get(name) for name in COLUMNS), json.dumps(s.payload(), ensure_ascii=False))
        for s in signatures
    ]

    with (
        databases(args.database) as (collector_url, copy_url, dashboard_url),
        tempfile.TemporaryDirectory() as t,
    ):
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
            f"collector / COPY: {ratio:.1f}x "
            f"(goal within 3x: {'met' if ratio <= 3 else 'NOT met'}); "
            f"collector / executemany: {collector_s / many_s:.1f}x"
        )

        if args.stored:
            dashboard_bench(dashboard_url, args.stored, args.requests, cases)


if __name__ == "__main__":
    main()
