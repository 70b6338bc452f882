"""How fast a kiosk delivers to the collector, next to a bare HTTP client posting the same bytes.

10,000 made-up signatures are delivered to a real `kiosk collect` on 127.0.0.1 by the sync engine
(reading the outbox, posting batches, reading the per-record answers, marking each record
delivered). The baseline posts the very same JSON bodies, in the same batches, with a bare httpx
client to a second collector on a fresh database, and reads nothing back. Both receivers do the
same work, so the ratio is what the kiosk's own bookkeeping costs. Goal: within 1.5x.

    .venv/bin/python benchmarks/sync_bench.py [--count 10000] [--batch 100]
"""

from __future__ import annotations

import argparse
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from kiosk.core.cases import load_cases
from kiosk.core.delivery.engine import SyncEngine
from kiosk.core.delivery.webhook import Webhook
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures

REPO = Path(__file__).resolve().parents[1]
TOKEN = "benchmark-token-long-enough-for-a-collector"  # noqa: S105 - a throw-away token for local servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collector(folder: Path, name: str) -> tuple[subprocess.Popen, str]:
    token = folder / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("kiosk")),
            "collect",
            "--listen",
            f"127.0.0.1:{port}",
            "--database",
            str(folder / f"{name}.db"),
            "--token-file",
            str(token),
        ],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    return process, f"{base}/api/records"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    cases = list(load_cases(REPO / "cases"))
    store = Store(folder / "kiosk.db")
    for signature in synthetic_signatures(cases, args.count, event_id="b", kiosk_id="k", seed=1):
        store.record(signature, print_letter=False)

    kiosk_rx, kiosk_url = collector(folder, "kiosk-rx")
    bare_rx, bare_url = collector(folder, "bare-rx")
    try:
        webhook = Webhook(kiosk_url, TOKEN, kiosk_id="k", timeout=60)
        outbox = Outbox(store)
        bodies, last = [], None
        while batch := outbox.due(args.batch, after=last):
            bodies.append(webhook.body(batch))
            last = batch[-1]

        with httpx.Client(timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}) as bare_client:
            start = time.perf_counter()
            for body in bodies:
                bare_client.post(
                    bare_url, content=body, headers={"Content-Type": "application/json"}
                ).raise_for_status()
            bare = time.perf_counter() - start

        engine = SyncEngine(store, webhook, batch_size=args.batch)
        start = time.perf_counter()
        report = engine.run_once(force=True)
        kiosk = time.perf_counter() - start
        webhook.close()
    finally:
        for process in (kiosk_rx, bare_rx):
            process.terminate()
            process.wait()
    assert report.delivered == args.count, report

    print(
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, httpx "
        f"{httpx.__version__}, {platform.system()} {platform.machine()}, loopback\n"
    )
    print(f"| {args.count} records in batches of {args.batch} | seconds | records/s |")
    print("|---|--:|--:|")
    print(f"| kiosk sync engine to the collector | {kiosk:.2f} | {args.count / kiosk:,.0f} |")
    print(f"| bare httpx, same bodies (baseline) | {bare:.2f} | {args.count / bare:,.0f} |")
    ratio = kiosk / bare
    print(f"\nratio {ratio:.2f}x: goal within 1.5x {'met' if ratio <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
