"""Records per second into a central collector on PostgreSQL, against a bare psycopg COPY.

Starts Debian's PostgreSQL 15 on a throw-away cluster on 127.0.0.1 (as the tests do,
tests/postgres.py; or give --database URL of a server of your own, whose databases named
`bench_*` are then made), then in the same run:

- the collector: a real `kiosk collect --database postgresql://...` on loopback, taking the
  records in batches of --batch (100, as kiosks send them) over real HTTP from --clients clients
  at once, each record checked (received.py) and stored with `INSERT ... ON CONFLICT`;
- the baseline: one psycopg `COPY ... FROM STDIN` of the same rows (the same columns and JSONB
  payload) into the same table of a fresh database, and an `executemany` of them.

The goal: the collector within 3x of the bare COPY (records per second). On a busy machine,
--rounds N takes turns N times and keeps each contender's best. --before DIR also runs the
collector of another checkout (its code on PYTHONPATH) on the same bodies, in the same turns,
for a before/after:

    git worktree add /tmp/before <commit>   # or: git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python benchmarks/central_bench.py [--count 10000] [--batch 100] [--clients 4]
        [--rounds 3] [--before /tmp/before]
"""

from __future__ import annotations

import argparse
import json
import os
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
import psutil
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
            name = f"bench_{stamp}_{number}"
            conn.execute(f"CREATE DATABASE {name}")  # a name made here
            made.append(url.rsplit("/", 1)[0] + "/" + name)
    yield made


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
        conn.execute("TRUNCATE signatures")
        conn.commit()
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
    parser.add_argument("--rounds", type=int, default=1, help="take turns N times, keep the best")
    parser.add_argument(
        "--before",
        help="another checkout (e.g. a `git worktree` of an older commit) whose "
        "collector runs on the same bodies in the same run, for a before/after",
    )
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
    rows = [  # the stored columns (a clear record's sealed ones empty) and the payload
        (*(s.to_row().get(name) for name in COLUMNS), json.dumps(s.payload(), ensure_ascii=False))
        for s in signatures
    ]

    collectors = {"now": os.environ}
    if args.before:  # the collector of another checkout, on the same bodies in the same run
        before = Path(args.before).resolve()
        collectors["before"] = {**os.environ, "PYTHONPATH": str(before)}
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}  # the collector process's CPU seconds taking the records

    def timed(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)

    with databases(args.database, 1 + len(collectors) * args.rounds) as urls:
        copy_url = urls.pop()
        CentralStore(copy_url).close()  # the same schema for the baseline
        for _ in range(args.rounds):
            for name, env in collectors.items():
                url = urls.pop()
                with (
                    tempfile.TemporaryDirectory() as t,
                    running_collector(Path(t), database=url, env=dict(env)) as collector,
                ):
                    process = psutil.Process(collector["pid"])
                    started = sum(process.cpu_times()[:2])  # user + system
                    timed(name, post_all(collector["url"], bodies, args.clients))
                    spent = sum(process.cpu_times()[:2]) - started
                    cpu[name] = min(cpu.get(name, spent), spent)
                if count(url) != args.count:
                    raise SystemExit(f"the collector ({name}) stored {count(url)} of {args.count}")
            timed("copy", bare_copy(copy_url, rows))
            if count(copy_url) != args.count:
                raise SystemExit(f"COPY wrote {count(copy_url)} of {args.count}")
            timed("executemany", bare_executemany(copy_url, rows))
        server = subprocess.run(
            ["/usr/lib/postgresql/15/bin/postgres", "--version"], capture_output=True, text=True
        ).stdout.strip()

    print(
        f"{args.count} records, batches of {args.batch}, {args.clients} client(s), best of "
        f"{args.rounds} round(s); {platform.python_version()}, psycopg {psycopg.__version__}, "
        f"{server}"
    )
    print("| contender | seconds | records/s | against COPY |")
    print("|---|--:|--:|--:|")
    names = {
        "now": f"`kiosk collect` over HTTP, {args.clients} clients",
        "before": f"the same, code of {args.before}",
        "copy": "bare psycopg COPY",
        "executemany": "bare psycopg executemany",
    }
    for name, seconds in best.items():
        print(
            f"| {names[name]} | {seconds:.2f} | {args.count / seconds:,.0f} | "
            f"{seconds / best['copy']:.1f}x |"
        )
    ratio = best["now"] / best["copy"]
    print(
        f"collector / COPY: {ratio:.1f}x (goal within 3x: {'met' if ratio <= 3 else 'NOT met'}); "
        f"collector / executemany: {best['now'] / best['executemany']:.1f}x"
    )
    if "before" in best:
        print(f"before / COPY: {best['before'] / best['copy']:.1f}x")
    # CPU time hardly depends on what else the machine runs: the steadier before/after.
    for name, seconds in cpu.items():
        print(
            f"{names[name]}: {seconds:.2f} CPU s in the collector process, "
            f"{seconds / args.count * 1e6:.0f} us a record"
        )


if __name__ == "__main__":
    main()
