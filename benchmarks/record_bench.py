"""How long the kiosk takes to record a signature, next to SQLite doing the bare minimum.

A signer waits for `Store.record` before the kiosk says "thank you", so its worst case matters
more than its average: the goal is a p99 under 20 ms, and within 3x of a bare `sqlite3` insert of
the same row with the same pragmas (WAL, `synchronous=FULL`), measured in the same run. Two bare
baselines are timed: the signature row alone (the goal's yardstick), and the signature, outbox
and print-job rows in one transaction (what `record` actually writes). Their values are prepared
before timing, so they measure SQLite and the disk; `record` is timed whole, as a kiosk calls it.

The three are interleaved, one signature each in turn, so a burst of other work on the machine
slows all of them alike. Each writes its own fresh file in a temporary folder.

    .venv/bin/python benchmarks/record_bench.py [--count 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.cases import load_cases
from kiosk.core.records.connection import connect
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from kiosk.core.signatures import Signature, utc_now

REPO = Path(__file__).resolve().parents[1]
WARMUP = 50  # first calls fill caches and prepare statements; a kiosk makes them once a day
GOAL_P99_MS = 20.0
GOAL_RATIO = 3.0
STORE = "Store.record"
BARE_ONE = "bare insert (signature row only)"
BARE_THREE = "bare insert (3 rows, one transaction)"


@dataclass(frozen=True)
class Item:
    """One signature and the rows the bare inserts write for it, made before timing."""

    signature: Signature
    row: dict
    payload: str
    now: str


@dataclass(frozen=True)
class Figures:
    """Latency figures of one contender, in milliseconds, and its rate."""

    count: int
    per_second: float
    p50: float
    p99: float
    max: float

    @classmethod
    def of(cls, nanoseconds: list[int]) -> Figures:
        ms = [n / 1e6 for n in nanoseconds]
        cuts = statistics.quantiles(ms, n=100, method="inclusive")
        return cls(len(ms), len(ms) / (sum(ms) / 1000), cuts[49], cuts[98], max(ms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="timed signatures per contender")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    items = _items(WARMUP + args.count, args.seed)
    folder = Path(tempfile.mkdtemp(prefix="record-bench-"))
    with Store(folder / "store.db") as store:
        contenders = _contenders(store, _bare(folder / "bare-1.db"), _bare(folder / "bare-3.db"))
        timings = _time(contenders, items)
    figures = {name: Figures.of(ns[WARMUP:]) for name, ns in timings.items()}
    _report(figures)


def _items(count: int, seed: int) -> list[Item]:
    cases = list(load_cases(REPO / "cases"))
    signatures = synthetic_signatures(
        cases, count, event_id="bench", kiosk_id="kiosk-bench", seed=seed
    )
    return [
        Item(s, s.to_row(), json.dumps(s.payload(), ensure_ascii=False), utc_now())
        for s in signatures
    ]


def _bare(path: Path) -> sqlite3.Connection:
    """A plain connection with the store's pragmas and schema, and nothing else."""
    Store(path).close()  # the schema
    conn = connect(path)
    conn.isolation_level = ""  # Python's own transactions, as a bare script has: `with conn:`
    return conn


def _contenders(
    store: Store, bare_one: sqlite3.Connection, bare_three: sqlite3.Connection
) -> dict[str, Callable[[Item], object]]:
    return {
        STORE: lambda item: store.record(item.signature, print_letter=True),
        BARE_ONE: lambda item: _insert_signature(bare_one, item),
        BARE_THREE: lambda item: _insert_three(bare_three, item),
    }


def _insert_signature(conn: sqlite3.Connection, item: Item) -> None:
    with conn:
        _insert(conn, "signatures", item.row)


def _insert_three(conn: sqlite3.Connection, item: Item) -> None:
    uuid, now = item.signature.uuid, item.now
    with conn:
        _insert(conn, "signatures", item.row)
        _insert(
            conn,
            "outbox",
            {"uuid": uuid, "payload": item.payload, "created_at": now, "next_attempt_at": now},
        )
        _insert(conn, "print_jobs", {"signature_uuid": uuid, "created_at": now, "updated_at": now})


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    columns = ", ".join(row)
    values = ", ".join(f":{name}" for name in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row)


def _time(
    contenders: dict[str, Callable[[Item], object]], items: list[Item]
) -> dict[str, list[int]]:
    """Time each contender on each item, taking turns and rotating who goes first."""
    names = list(contenders)
    timings: dict[str, list[int]] = {name: [] for name in names}
    for index, item in enumerate(items):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter_ns()
            contenders[name](item)
            timings[name].append(time.perf_counter_ns() - start)
    return timings


def _report(figures: dict[str, Figures]) -> None:
    print(
        f"{date.today()}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}, {WARMUP} warm-up calls not counted"
    )
    print()
    print("| contender | N | records/s | p50 ms | p99 ms | max ms |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, f in figures.items():
        print(
            f"| {name} | {f.count} | {f.per_second:,.0f} | {f.p50:.2f} | {f.p99:.2f} | "
            f"{f.max:.2f} |"
        )
    print()
    print("| Store.record ÷ | p50 | p99 | records/s |")
    print("|---|--:|--:|--:|")
    store = figures[STORE]
    for name in (BARE_ONE, BARE_THREE):
        bare = figures[name]
        print(
            f"| {name} | {store.p50 / bare.p50:.1f}x | {store.p99 / bare.p99:.1f}x | "
            f"{bare.per_second / store.per_second:.1f}x slower |"
        )
    print()
    bare = figures[BARE_ONE]
    within = max(store.p50 / bare.p50, store.p99 / bare.p99)
    print(f"goal p99 under {GOAL_P99_MS:.0f} ms: {_met(store.p99 < GOAL_P99_MS)}")
    print(
        f"goal within {GOAL_RATIO:.0f}x of the bare insert (p50 and p99): "
        f"{_met(within <= GOAL_RATIO)} ({within:.1f}x)"
    )


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    main()
