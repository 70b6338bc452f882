"""A campaign under load: 50 kiosks x 1,000 records through a faulty network into two collector
processes on one PostgreSQL; exactly once at the end, counted in SQL.

Each kiosk has a real SQLite database made here (signatures recorded as the kiosk records them)
and delivers it with the kiosk's own delivery engine, in a thread of its own, batches of
--batch, through a proxy on loopback (tests/faultproxy.py) that takes turns between two real
`kiosk collect --database postgresql://...` processes and drops answers after the collector
stored, resets connections before, answers 500 and answers slowly (each at --rate). A kiosk
keeps the engine's back-off, skipping each wait on a clock of its own rather than sleeping.
The same kiosks then deliver to two fresh collectors through the same proxy with no faults,
as the baseline (skip with --no-baseline).

At the end, in SQL: records == kiosks x records, no UUID twice, every kiosk's record found, and
every kiosk's outbox empty (nothing pending, nothing quarantined). Exits 1 if any fails.

Debian's PostgreSQL 15 on a throw-away cluster (tests/postgres.py), or --database URL of a
server of your own, where databases named `load_*` are made.

    .venv/bin/python benchmarks/central_load.py [--kiosks 50] [--records 1000] [--rate 0.05]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.faultproxy import (  # noqa: E402
    DROPPED_ANSWER,
    LOAD_FAULTS,
    RESET,
    SERVER_ERROR,
    SLOW_ANSWER,
)
from tests.loadlib import LoadResult, run_load  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402

NAMES = {
    DROPPED_ANSWER: "answer dropped after the collector stored",
    RESET: "connection reset before the body was read",
    SERVER_ERROR: "HTTP 500 from the network",
    SLOW_ANSWER: "slow answer",
    "ok": "no fault",
}


@contextmanager
def databases(url: str | None, count: int) -> Iterator[list[str]]:
    """`count` new, empty databases on the server at `url`, or on a throw-away cluster."""
    if url is None:
        with running_postgres() as server:
            yield [server.fresh() for _ in range(count)]
        return
    stamp = int(time.time())
    made = []
    with psycopg.connect(url, autocommit=True) as conn:
        for number in range(count):
            name = f"load_{stamp}_{number}"
            conn.execute(f"CREATE DATABASE {name}")  # a name made here
            made.append(url.rsplit("/", 1)[0] + "/" + name)
    yield made


def failures(result: LoadResult) -> list[str]:
    """What is not exactly once, in words (nothing when all is well)."""
    wrong = list(result.kiosk_errors)
    if result.stored != result.records:
        wrong.append(f"{result.stored:,} records stored centrally, {result.records:,} expected")
    if result.distinct != result.stored:
        wrong.append(f"{result.stored - result.distinct:,} UUIDs stored more than once")
    if result.expected_missing:
        wrong.append(f"{result.expected_missing:,} of the kiosks' records missing centrally")
    if any(n != result.records_each for n in result.per_kiosk.values()):
        wrong.append(f"records per kiosk not all {result.records_each}: {result.per_kiosk}")
    if result.pending or result.quarantined:
        wrong.append(
            f"outboxes not empty: {result.pending} pending, {result.quarantined} quarantined"
        )
    return wrong


def report(title: str, result: LoadResult) -> None:
    requests = sum(result.faults.values())
    print(
        f"\n{title}: {result.records:,} records in {result.seconds:.1f} s, "
        f"{result.records / result.seconds:,.0f} records/s"
    )
    print("\n| requests through the proxy | count | share |")
    print("|---|--:|--:|")
    for fault in ("ok", *LOAD_FAULTS):
        count = result.faults[fault]
        print(f"| {NAMES[fault]} | {count:,} | {count / requests:.1%} |")
    print(f"| all | {requests:,} | |")
    if result.unreachable:
        print(
            f"\n{result.unreachable} batch(es) could not be handed to a collector (a connection "
            "it reset): the proxy answered 502, as a load balancer does"
        )
    print(
        f"\nbatches answered by each collector: {', '.join(f'{n:,}' for n in result.forwarded)}; "
        "their answers per record: "
        + ", ".join(f"{status} {n:,}" for status, n in sorted(result.answers.items()))
    )
    print(
        f"delivery rounds (all kiosks): {result.rounds:,}; back-off skipped: "
        f"{result.waits_skipped / 60:,.0f} min in all"
    )
    print(
        f"in SQL: {result.stored:,} records, {result.distinct:,} distinct UUIDs, "
        f"{len(result.per_kiosk)} kiosks of {min(result.per_kiosk.values(), default=0):,}-"
        f"{max(result.per_kiosk.values(), default=0):,} records, "
        f"{result.expected_missing} missing; outboxes: {result.delivered:,} delivered, "
        f"{result.pending} pending, {result.quarantined} quarantined"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--records", type=int, default=1000, help="records per kiosk")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rate", type=float, default=0.05, help="share of requests per fault")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds a slow answer takes")
    parser.add_argument("--timeout", type=float, default=20.0, help="the kiosks' (sync.timeout)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--database", help="a PostgreSQL server's URL (default: a throw-away one)")
    args = parser.parse_args()

    runs = [("faulty network", dict.fromkeys(LOAD_FAULTS, args.rate))]
    if not args.no_baseline:
        runs.append(("no faults (baseline)", {}))
    results = []
    with databases(args.database, len(runs)) as urls:
        for (_, rates), url in zip(runs, urls, strict=True):
            with tempfile.TemporaryDirectory(prefix="central-load-") as folder:
                results.append(
                    run_load(
                        Path(folder),
                        url,
                        kiosks=args.kiosks,
                        records=args.records,
                        rates=rates,
                        batch=args.batch,
                        timeout=args.timeout,
                        slow_by=args.slow,
                        seed=args.seed,
                    )
                )
        server = subprocess.run(
            ["/usr/lib/postgresql/15/bin/postgres", "--version"], capture_output=True, text=True
        ).stdout.strip()

    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {args.kiosks} kiosks x "
        f"{args.records:,} records, batches of {args.batch}, each fault at {args.rate:.0%} of "
        f"requests, slow answers {args.slow} s, kiosk timeout {args.timeout} s; Python "
        f"{platform.python_version()}, psycopg {psycopg.__version__}, {server}"
    )
    wrong = []
    for (title, _), result in zip(runs, results, strict=True):
        report(title, result)
        wrong += [f"{title}: {problem}" for problem in failures(result)]
    if len(results) == 2:
        ratio = results[1].records / results[1].seconds / (results[0].records / results[0].seconds)
        print(f"\nthe clean network delivers {ratio:.2f}x as fast as the faulty one")
    if wrong:
        print("\nNOT exactly once:\n- " + "\n- ".join(wrong))
        raise SystemExit(1)
    print("\nexactly once: met (every record once in PostgreSQL, every outbox empty)")


if __name__ == "__main__":
    main()
