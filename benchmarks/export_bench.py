"""How fast `kiosk export` writes 100,000 signatures to CSV, next to `sqlite3 -csv` of the rows.

The kiosk reads every signature as a record, turns it into spreadsheet-safe cells (consents as
columns, formula guard), writes the CSV, the summary and the manifest atomically. The baseline is
SQLite's own shell dumping the same rows of the `signatures` table as CSV, measured in the same
run. Goal: within 2x. Letters are left out (`--no-letters`): rendering 100,000 letters is the
letter benchmark's business.

    .venv/bin/python benchmarks/export_bench.py [--count 100000]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.core.cases import load_cases
from kiosk.core.sample import synthetic_signatures
from kiosk.core.store import Store

REPO = Path(__file__).resolve().parents[1]
COLUMNS = (
    "uuid, signed_at, case_id, event_id, kiosk_id, language, given_name, family_name, "
    "postal_code, town, country, email, consents, wants_letter"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    shell = shutil.which("sqlite3")
    if shell is None:
        sys.exit("the baseline needs SQLite's shell: apt-get install sqlite3")
    folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
    database = folder / "kiosk.db"
    cases = list(load_cases(REPO / "cases"))
    with Store(database) as store:
        made = synthetic_signatures(cases, args.count, event_id="e", kiosk_id="k", seed=2)
        with store._lock, store.db.atomic():  # one transaction: this is set-up, not the subject
            for signature in made:
                row = signature.to_row()
                store._conn.execute(
                    f"INSERT INTO signatures ({', '.join(row)}) "
                    f"VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == args.count

    kiosk = Path(sys.executable).with_name("kiosk")
    times = {"kiosk": [], "sqlite3": []}
    for round_ in range(3):  # interleaved, best of three each
        start = time.perf_counter()
        subprocess.run(
            [
                str(kiosk),
                "export",
                "--database",
                str(database),
                "--no-letters",
                "--output",
                str(folder / f"kiosk-{round_}.csv"),
            ],
            check=True,
            capture_output=True,
        )
        times["kiosk"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with (folder / f"sqlite-{round_}.csv").open("wb") as out:
            subprocess.run(
                [
                    shell,
                    "-csv",
                    "-header",
                    str(database),
                    f"SELECT {COLUMNS} FROM signatures ORDER BY signed_at, uuid",
                ],
                check=True,
                stdout=out,
            )
        times["sqlite3"].append(time.perf_counter() - start)

    kiosk_s, bare_s = min(times["kiosk"]), min(times["sqlite3"])
    size = (folder / "kiosk-0.csv").stat().st_size / 1e6
    print(
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {platform.system()} {platform.machine()}\n"
    )
    print(f"| {args.count:,} signatures to CSV | best of 3, s | rows/s |")
    print("|---|--:|--:|")
    print(
        f"| `kiosk export` (CSV, summary, manifest) | {kiosk_s:.2f} | {args.count / kiosk_s:,.0f} |"
    )
    print(f"| `sqlite3 -csv`, same rows (baseline) | {bare_s:.2f} | {args.count / bare_s:,.0f} |")
    ratio = kiosk_s / bare_s
    print(
        f"\nratio {ratio:.2f}x: goal within 2x {'met' if ratio <= 2 else 'NOT met'}; "
        f"the kiosk's CSV is {size:.1f} MB"
    )


if __name__ == "__main__":
    main()
