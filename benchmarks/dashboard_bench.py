"""The coordinators' dashboard at a campaign's size: its response time with 1,000,000 records.

Starts Debian's PostgreSQL 15 on a throw-away cluster on 127.0.0.1 (as the tests do,
tests/postgres.py; or give --database URL of a server of your own, where a database named
`bench_dashboard_*` is then made). --stored records (1,000,000) are COPYed into it (14 days,
250 events, 1,000 kiosks, every bundled case) and counted into its tallies, a real `kiosk
collect` serves it, and a logged-in client asks for the page (`/`) and its JSON
(`/dashboard.json`) --requests times each over real HTTP, one after the other; p50 and p99
against `/health` (the same server's floor) in the same run, and against the same counts
grouped from the records (what the page would cost without the tallies).
The goal: the page's p99 under 200 ms. (Split from central_bench.py, which measures taking
records.)

    .venv/bin/python benchmarks/dashboard_bench.py [--stored 1000000] [--requests 300]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.app import set_coordinator_password  # noqa: E402
from kiosk.core.cases import load_cases  # noqa: E402
from kiosk.core.clock import utc_bounds  # noqa: E402
from kiosk.core.records.central import COLUMNS, CentralStore  # noqa: E402
from kiosk.core.sample import synthetic_signatures  # noqa: E402
from tests.collectorproc import PASSWORD, coordinator, running_collector  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402


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


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """A new, empty database on the server at `url`, or on a throw-away cluster."""
    if url is None:
        with running_postgres() as server:
            yield server.fresh()
        return
    name = f"bench_dashboard_{int(time.time())}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a name made here
    yield url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="a PostgreSQL server's URL (default: a throw-away one)")
    parser.add_argument("--stored", type=int, default=1_000_000, help="records for the dashboard")
    parser.add_argument("--requests", type=int, default=300, help="dashboard requests to time")
    args = parser.parse_args()
    cases = list(load_cases(REPO / "cases"))
    with database(args.database) as url:
        dashboard_bench(url, args.stored, args.requests, cases)


if __name__ == "__main__":
    main()
