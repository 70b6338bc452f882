"""What sealed mode costs: recording a signature sealed against unsealed, and opening a day's
sealed export on the coordinator's machine.

1. `KioskService.record` (what "confirm" calls) on two kiosks in the same run, one with
   `privacy.public_key` set and one without, taking turns on the same signatures, each kiosk
   writing its own fresh file. Goal: sealed p99 under 20 ms and within 1.5x of unsealed.
2. `kiosk decrypt`'s work (`kiosk.app.decrypt`) on a JSON Lines export of N sealed records to
   CSV, against `kiosk export` of the same records unsealed to CSV (the file a coordinator gets
   without sealing), both timed in this run; the rate of records opened per second is printed.

    .venv/bin/python benchmarks/sealed_bench.py [--count 2000] [--records 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kiosk.app import KioskService, decrypt
from kiosk.core.cases import load_cases
from kiosk.core.config import Config, Settings
from kiosk.core.export import Selection, export
from kiosk.core.privacy.keys import new_key_pair
from kiosk.core.privacy.sealed_signatures import seal_signature
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures

REPO = Path(__file__).resolve().parents[1]
WARMUP = 50
GOAL_P99_MS = 20.0
GOAL_RATIO = 1.5


def percentiles(nanoseconds: list[int]) -> tuple[float, float, float]:
    ms = [n / 1e6 for n in nanoseconds]
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return cuts[49], cuts[98], max(ms)


def bench_record(folder: Path, public_text: str, count: int, seed: int) -> None:
    cases = list(load_cases(REPO / "cases"))
    signatures = list(
        synthetic_signatures(cases, WARMUP + count, event_id="bench", kiosk_id="k", seed=seed)
    )
    sealed_settings = Settings.model_validate({"privacy": {"public_key": public_text}})
    kiosks = {
        "unsealed": KioskService(Config(Settings(), None), folder / "unsealed.db"),
        "sealed": KioskService(Config(sealed_settings, None), folder / "sealed.db"),
    }
    timings: dict[str, list[int]] = {name: [] for name in kiosks}
    names = list(kiosks)
    for index, signature in enumerate(signatures):
        for name in names[index % 2 :] + names[: index % 2]:  # who goes first takes turns
            start = time.perf_counter_ns()
            kiosks[name].record(signature)
            timings[name].append(time.perf_counter_ns() - start)
    for kiosk in kiosks.values():
        kiosk.close()
    print("| KioskService.record | N | p50 ms | p99 ms | max ms |")
    print("|---|--:|--:|--:|--:|")
    figures = {}
    for name, ns in timings.items():
        figures[name] = percentiles(ns[WARMUP:])
        p50, p99, top = figures[name]
        print(f"| {name} | {count} | {p50:.2f} | {p99:.2f} | {top:.2f} |")
    sealed, unsealed = figures["sealed"], figures["unsealed"]
    ratio50, ratio99 = sealed[0] / unsealed[0], sealed[1] / unsealed[1]
    print()
    print(f"sealed / unsealed: {ratio50:.2f}x at p50, {ratio99:.2f}x at p99")
    print(
        f"goal p99 under {GOAL_P99_MS:.0f} ms: {_met(sealed[1] < GOAL_P99_MS)} ({sealed[1]:.2f} ms)"
    )
    print(
        f"goal p99 within {GOAL_RATIO}x of unsealed: {_met(ratio99 <= GOAL_RATIO)} ({ratio99:.2f}x)"
    )


def bench_decrypt(folder: Path, public, private_path: Path, records: int, seed: int) -> None:
    cases = list(load_cases(REPO / "cases"))
    made = synthetic_signatures(cases, records, event_id="bench", kiosk_id="k", seed=seed + 1)
    with Store(folder / "day-sealed.db") as sealed_store, Store(folder / "day-clear.db") as clear:
        for signature in made:
            stored, payload = seal_signature(signature, public)
            sealed_store.record(stored, print_letter=False, payload=payload)
            clear.record(signature, print_letter=False)
        export(sealed_store, Selection(), folder / "sealed.jsonl", "jsonl")
        start = time.perf_counter()
        export(clear, Selection(), folder / "clear.csv", "csv")
        exported = time.perf_counter() - start
    start = time.perf_counter()
    result = decrypt(folder / "sealed.jsonl", [private_path], output=folder / "opened.csv")
    opened = time.perf_counter() - start
    assert result.records == records and not result.failed
    print()
    print(f"| {records:,} records | seconds | records/s |")
    print("|---|--:|--:|")
    for name, seconds in (
        ("`kiosk export` to CSV, unsealed (baseline)", exported),
        ("decrypt of the sealed JSON Lines export to CSV", opened),
    ):
        print(f"| {name} | {seconds:.2f} | {records / seconds:,.0f} |")
    print()
    print(f"decrypt / unsealed export: {opened / exported:.1f}x")


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="timed records per kiosk (0: skip)")
    parser.add_argument("--records", type=int, default=100_000, help="records to decrypt (0: skip)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sealed-bench-"))
    _, private_path, public = new_key_pair(folder / "keys")
    print(
        f"{date.today()}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}, {WARMUP} warm-up calls not counted"
    )
    print()
    if args.count:
        bench_record(folder, public.text, args.count, args.seed)
    if args.records:
        bench_decrypt(folder, public, private_path, args.records, args.seed)


if __name__ == "__main__":
    main()
