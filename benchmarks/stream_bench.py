"""Peak memory and time of `kiosk export` (every format), `kiosk merge` and `kiosk decrypt` at a
campaign's size: 1,000,000 records, from a SQLite database and from a PostgreSQL collector.

Issue 16: a campaign's store grows to millions of records, so these read and write in pieces.
Before, JSON Lines export and merge held about 16 KB a record (648 MB at 40,000). Each command
runs as a real `kiosk` subprocess; its peak resident memory is the kernel's own figure for that
child (`os.wait4`'s `ru_maxrss`). Goals: under 200 MB resident for every format and for merge,
and JSON Lines within 2x of CSV (the ratio of the two, measured in the same run, is printed for
each database).

The records are made fast, not through the kiosk: 2,000 made-up signatures (`kiosk sample`'s
generator: names in many scripts, 60 % with a drawn signature) are repeated by one INSERT ...
SELECT in each database with a new random UUID and time per row (payloads too), in SQLite and
in PostgreSQL (a throw-away cluster from tests/postgres.py unless --database URL names a server).
Letters are left out (`--no-letters`): rendering letters is the letter benchmark's business.

    .venv/bin/python benchmarks/stream_bench.py [--count 1000000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


def templates() -> list[tuple[dict, str]]:
    """Made-up signature rows (`Signature.to_row`) with their payloads as the kiosk freezes
    them: what the bulk insert repeats."""
    cases = list(load_cases(REPO / "cases"))
    made = synthetic_signatures(cases, TEMPLATES, event_id="e", kiosk_id="k", seed=2)
    return [(s.to_row(), json.dumps(s.payload(), ensure_ascii=False)) for s in made]


# A new random UUID (version 4 form) and a time 50 ms after the last, per row, made by SQLite.
SQLITE_UUID = (
    "lower(printf('%s-%s-4%s-%s%s-%s', hex(randomblob(4)), hex(randomblob(2)), "
    "substr(hex(randomblob(2)), 2), substr('89ab', 1 + abs(random()) % 4, 1), "
    "substr(hex(randomblob(2)), 2), hex(randomblob(6))))"
)
SQLITE_TIME = (
    "strftime('%Y-%m-%dT%H:%M:%S', '2026-12-10 08:00:00', '+' || (n / 20) || ' seconds') "
    "|| printf('.%06dZ', (n % 20) * 50000)"
)


def fill_sqlite(database: Path, count: int) -> None:
    with Store(database):  # the kiosk's own schema
        pass
    made = templates()
    names = list(made[0][0])
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute(f"CREATE TEMP TABLE template (k INTEGER PRIMARY KEY, {', '.join(names)}, payload)")
    conn.executemany(
        f"INSERT INTO template VALUES ({', '.join('?' * (len(names) + 2))})",
        [(k, *row.values(), payload) for k, (row, payload) in enumerate(made)],
    )
    cells = [
        {"uuid": SQLITE_UUID, "signed_at": SQLITE_TIME}.get(name, f"template.{name}")
        for name in names
    ]
    conn.execute(
        f"INSERT INTO signatures ({', '.join(names)}) "
        "WITH RECURSIVE counter(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM counter WHERE n < ?) "
        f"SELECT {', '.join(cells)} FROM counter JOIN template ON template.k = counter.n % ?",
        (count - 1, len(made)),
    )
    conn.execute(
        "INSERT INTO outbox (uuid, payload, created_at, next_attempt_at) "
        "SELECT s.uuid, json_set(t.payload, '$.uuid', s.uuid, '$.signed_at', s.signed_at), "
        "s.signed_at, s.signed_at FROM signatures AS s JOIN template AS t "
        "ON t.k = (s.rowid - 1) % ?",
        (len(made),),
    )
    conn.execute("COMMIT")
    conn.close()


def fill_postgres(url: str, count: int) -> None:
    import psycopg

    CentralStore(url).close()  # the collector's own schema
    made = templates()
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE template AS SELECT * FROM signatures WITH NO DATA; "
            "ALTER TABLE template ADD COLUMN k INTEGER"
        )
        columns = ", ".join((*COLUMNS, "payload", "k"))
        with cursor.copy(f"COPY template ({columns}) FROM STDIN") as copy:
            for k, (row, payload) in enumerate(made):
                copy.write_row([*(row.get(name) for name in COLUMNS), payload, k])
        cells = [
            {"uuid": "made.u", "signed_at": "made.s"}.get(name, f"t.{name}") for name in COLUMNS
        ]
        cursor.execute(
            "WITH made AS (SELECT gen_random_uuid()::text AS u, to_char(timestamp "
            "'2026-12-10 08:00' + n * interval '50 milliseconds', "
            '\'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') AS s, n %% %s AS k '
            "FROM generate_series(0, %s) AS g(n)) "
            f"INSERT INTO signatures ({', '.join((*COLUMNS, 'payload'))}) "
            f"SELECT {', '.join(cells)}, jsonb_set(jsonb_set(t.payload, '{{uuid}}', "
            "to_jsonb(made.u)), '{signed_at}', to_jsonb(made.s)) "
            "FROM made JOIN template AS t ON t.k = made.k",
            (len(made), count - 1),
        )
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
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # the PostgreSQL goes too
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
