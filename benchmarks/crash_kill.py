"""Kill a recording kiosk 1,000 times and show that it never loses a signature it confirmed.

The suite kills it 60 times (`tests/core/test_crash.py`); this runs the same harness
(`tests/crashlib.py`) long enough to make a rare loss or corruption show up:

    .venv/bin/python benchmarks/crash_kill.py --kills 1000
    .venv/bin/python benchmarks/crash_kill.py --kills 1000 --control   # must report losses
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.crashlib import Mode, run_kills  # noqa: E402 - needs the repository on the path


def main() -> int:
    """Run the kills and print the figures; exit 1 when the run went the wrong way: a loss for
    the real kiosk, or none for the control (then the harness could not see a loss at all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--control", action="store_true", help="report before the commit")
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    mode = Mode.CONTROL if args.control else Mode.REAL

    folder = Path(tempfile.mkdtemp(prefix="crash-kill-"))
    started = time.perf_counter()
    result = run_kills(folder / "signatures.db", args.kills, mode, random.Random(args.seed))
    seconds = time.perf_counter() - started

    print(f"| mode | {mode.value} |")
    print("|---|---|")
    print(f"| kills (SIGKILL) | {result.kills} |")
    print(f"| reported UUIDs | {result.reported} |")
    print(f"| kills between a start and its report | {result.killed_mid_record} |")
    print(f"| of those, committed but unreported | {result.committed_unreported} |")
    print(f"| missing reported UUIDs | {len(result.missing)} |")
    print(f"| torn signatures | {len(result.torn)} |")
    print(f"| `PRAGMA integrity_check` | {result.integrity} |")
    print(f"| time taken | {seconds:.0f} s ({seconds / result.kills * 1000:.0f} ms per kill) |")
    print(f"database: {folder / 'signatures.db'}")
    lost = bool(result.missing or result.torn or result.integrity != "ok")
    return int(lost != args.control)


if __name__ == "__main__":
    sys.exit(main())
