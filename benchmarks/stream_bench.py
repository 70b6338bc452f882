"""Peak memory and time of `kiosk export` (every format), `kiosk merge` and `kiosk decrypt` at a
campaign's size: 1,000,000 records, from a SQLite database and from a PostgreSQL collector.

Issue 16: a campaign's store grows to millions of records, so these read and write in pieces.
Before, JSON Lines export and merge held about 16 KB a record (648 MB at 40,000). Each command
runs as a real `kiosk` subprocess; its peak resident memory is the kernel's own figure for that
child (`os.wait4`'s `ru_maxrss`). Goals: under 200 MB resident for every format and for merge,
and JSON Lines within 2x of CSV (the ratio of the two, measured in the same run, is printed for
each database).

The records are made fast, not through the kiosk: 2,000 made-up signatures (`kiosk sample`'s
generator: names in many scripts, 60 % with a drawn signature) are repeated with new UUIDs and
times, bulk-inserted into SQLite (executemany, one transaction) and copied into PostgreSQL
(`COPY`, a throw-away cluster from tests/postgres.py unless --database URL names a server).
Letters are left out (`--no-letters`): rendering letters is the letter benchmark's business.

    .venv/bin/python benchmarks/stream_bench.py [--count 1000000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.app import new_keys  # noqa: E402
from kiosk.core.cases import load_cases  # noqa: E402
from kiosk.core.records.central import COLUMNS, CentralStore  # noqa: E402
from kiosk.core.records.store import Store  # noqa: E402
from kiosk.core.sample import synthetic_signatures  # noqa: E402

MEMORY_GOAL_MB = 200
RATIO_GOAL = 2.0  # JSON Lines time over CSV time, at most
TEMPLATES = 2000
KIOSK = Path(sys.executable).with_name("kiosk")


def made_rows(count: int) -> Iterator[tuple[dict, str]]:
    """`count` signature rows (`Signature.to_row`) with their payloads as the kiosk freezes
    them, oldest first: made-up signatures repeated with new UUIDs and times."""
    cases = list(load_cases(REPO / "cases"))
    templates = [
        (s.to_row(), s.payload())
        for s in synthetic_signatures(cases, TEMPLATES, event_id="e", kiosk_id="k", seed=2)
    ]
    start = datetime(2026, 12, 10, 8, tzinfo=UTC)
    for number in range(count):
        row, payload = templates[number % TEMPLATES]
        signed_at = (start + timedelta(milliseconds=50 * number)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        made = str(uuid.uuid4())
        yield (
            {**row, "uuid": made, "signed_at": signed_at},
            json.dumps({**payload, "uuid": made, "signed_at": signed_at}, ensure_ascii=False),
        )


def fill_sqlite(database: Path, count: int) -> None:
    with Store(database):  # the kiosk's own schema
        pass
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    names: list[str] = []
    for number, (row, payload) in enumerate(made_rows(count)):
        if not names:
            names = list(row)
            insert = (
                f"INSERT INTO signatures ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})"
            )
        conn.execute(insert, tuple(row.values()))
        conn.execute(
            "INSERT INTO outbox (uuid, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?)",
            (row["uuid"], payload, row["signed_at"], row["signed_at"]),
        )
        if number % 100_000 == 99_999:
            print(f"  {number + 1:,} records in SQLite", flush=True)
    conn.execute("COMMIT")
    conn.close()


def fill_postgres(url: str, count: int) -> None:
    import psycopg

    CentralStore(url).close()  # the collector's own schema
    columns = ", ".join((*COLUMNS, "payload"))
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY signatures ({columns}) FROM STDIN") as copy:
            for row, payload in made_rows(count):
                copy.write_row([*(row.get(name) for name in COLUMNS), payload])
        conn.commit()
        cursor.execute("ANALYZE signatures")


@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    if url is not None:
        yield url
        return
    from tests.postgres import running_postgres

    with running_postgres() as server:
        yield server.fresh()


def measured(*args: str) -> tuple[float, float, float]:
    """Run `kiosk ARGS`: (wall seconds, CPU seconds, peak resident MB of that process). On a
    shared, busy machine the CPU time is the steadier figure."""
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        child = subprocess.Popen([str(KIOSK), *args], stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"kiosk {args[0]} failed:\n{errors.read().decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-decrypt", action="store_true", help="leave `kiosk decrypt` out")
    parser.add_argument(
        "--database", help="a PostgreSQL server of your own (default: a throw-away one)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="stream-bench-"))
    database = folder / "kiosk.db"
    if not args.no_sqlite:
        began = time.perf_counter()
        fill_sqlite(database, args.count)
        print(f"made {args.count:,} records in SQLite in {time.perf_counter() - began:.0f} s")
    _, private, _ = new_keys(folder / "keys")

    results: list[tuple[str, float, float, float]] = []
    ratios: dict[str, tuple[float, float]] = {}

    def run(name: str, *command: str) -> tuple[float, float]:
        seconds, cpu, peak = measured(*command)
        results.append((name, seconds, cpu, peak))
        print(f"  {name}: {seconds:.1f} s, CPU {cpu:.1f} s, {peak:.0f} MB", flush=True)
        return seconds, cpu

    def exports(where: str, source: str) -> None:
        times = {}
        for fmt in ("csv", "jsonl", "xlsx"):
            out = folder / f"{where}-{fmt}" / f"all.{fmt}"
            out.parent.mkdir()
            times[fmt] = run(
                f"`kiosk export --format {fmt}` from {where}",
                *("export", "--database", source, "--format", fmt, "--no-letters"),
                *("--output", str(out)),
            )
        ratios[where] = (
            times["jsonl"][0] / times["csv"][0],
            times["jsonl"][1] / times["csv"][1],
        )

    if not args.no_sqlite:
        exports("SQLite", str(database))
        export = str(folder / "SQLite-jsonl" / "all.jsonl")
        run("`kiosk merge` of the database into a new one", "merge", str(database),
            "--output", str(folder / "merged.db"))  # fmt: skip
        run("`kiosk merge` of the JSON Lines export into a new one", "merge", export,
            "--output", str(folder / "merged-jsonl.db"))  # fmt: skip
        if not args.no_decrypt:
            run("`kiosk decrypt` of the JSON Lines export to CSV", "decrypt", "--key", str(private),
                export, "--output", str(folder / "opened.csv"))  # fmt: skip
    if not args.no_postgres:
        with postgres(args.database) as url:
            began = time.perf_counter()
            fill_postgres(url, args.count)
            print(f"copied {args.count:,} records into PostgreSQL in "
                  f"{time.perf_counter() - began:.0f} s")  # fmt: skip
            exports("PostgreSQL", url)
            if not args.no_decrypt:
                run("`kiosk decrypt` of the PostgreSQL collector to CSV", "decrypt", "--key",
                    str(private), url, "--output", str(folder / "opened-pg.csv"))  # fmt: skip

    print(
        f"\n{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores\n"
    )
    print(f"| {args.count:,} records | wall time, s | CPU time, s | peak resident, MB | < 200 MB |")
    print("|---|--:|--:|--:|---|")
    for name, seconds, cpu, peak in results:
        goal = "yes" if peak < MEMORY_GOAL_MB else "NO"
        if "decrypt" in name:
            goal += " (no goal)"
        print(f"| {name} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {goal} |")
    print()
    for where, (wall, cpu) in ratios.items():
        met = "met" if wall <= RATIO_GOAL else "NOT met"
        print(
            f"JSON Lines / CSV from {where}: {wall:.2f}x wall time (goal within {RATIO_GOAL}x: "
            f"{met}), {cpu:.2f}x CPU time"
        )
    print(f"memory goal: under {MEMORY_GOAL_MB} MB for every export and merge")


if __name__ == "__main__":
    main()
