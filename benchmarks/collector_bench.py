"""What hostile or heavy clients cost a real `kiosk collect`: its peak memory and CPU seconds.

A collector runs on a coordinator's laptop or on one kiosk. This starts a real `kiosk collect`
on 127.0.0.1 and reads its resident memory (VmRSS, and the peak VmHWM, from /proc/PID/status)
and its CPU time (utime + stime from /proc/PID/stat) around each of:

- a 200 MB body with its length said (refused by the length, 413) and one without a length
  (refused for that, 411);
- 20 clients at once, each posting a body just under the 8 MiB cap (junk records, each refused);
- 20 kiosks at once, each posting a real batch of 1,000 records;
- 1 MiB sent in 1-byte pieces, against the same 1 MiB sent in one piece (the baseline).

Each runs against a fresh collector, so each peak is its own. Baselines in the same run: the
collector's memory after it started and answered one request, and the CPU seconds of the 1 MiB
body in one piece. Goals: peak memory under 150 MB; the
1-byte trickle costs no more than a fraction of a CPU second.

    .venv/bin/python benchmarks/collector_bench.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from kiosk.core.cases import load_cases
from kiosk.core.sample import synthetic_signatures

REPO = Path(__file__).resolve().parents[1]
TOKEN = "benchmark-token-long-enough-for-a-collector"  # noqa: S105 - a throw-away local token
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MB = 1024 * 1024
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path) -> tuple[subprocess.Popen, int]:
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
            str(folder / "stand.db"),
            "--token-file",
            str(token),
        ],
        stderr=subprocess.DEVNULL,
    )
    for _ in range(400):
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    return process, port


def memory(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of `pid` in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.split()
    return int(fields["VmRSS"][0]) / 1024, int(fields["VmHWM"][0]) / 1024


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / TICKS  # utime, stime


def big_body() -> Iterator[bytes]:
    piece = b"x" * MB
    for _ in range(200):
        yield piece


def post_200_mb(url: str, with_length: bool) -> str:
    headers = {**AUTH, "Content-Type": "application/json"}
    if with_length:
        headers["Content-Length"] = str(200 * MB)
    try:
        answer = httpx.post(url, content=big_body(), headers=headers, timeout=120)
        return str(answer.status_code)
    except httpx.HTTPError as exc:
        return f"closed ({type(exc).__name__})"


def junk_body() -> bytes:
    """Just under 8 MiB of valid JSON: 500 records of 16 KiB junk each, every one refused."""
    records = [
        {"uuid": f"{n:08d}-0000-4000-8000-000000000000", "record": {"junk": "x" * 16_500}}
        for n in range(500)
    ]
    return json.dumps({"protocol": "kiosk-sync/1", "kiosk_id": "j", "records": records}).encode()


def real_bodies(count: int) -> list[bytes]:
    cases = list(load_cases(REPO / "cases"))
    bodies = []
    for n in range(count):
        made = synthetic_signatures(cases, 1000, event_id="b", kiosk_id=f"k{n}", seed=n)
        records = [{"uuid": s.uuid, "record": s.payload()} for s in made]
        message = {"protocol": "kiosk-sync/1", "kiosk_id": f"k{n}", "records": records}
        bodies.append(json.dumps(message).encode())
    return bodies


def at_once(url: str, bodies: list[bytes]) -> list[str]:
    statuses: list[str] = [""] * len(bodies)

    def post(n: int) -> None:
        headers = {**AUTH, "Content-Type": "application/json"}
        answer = httpx.post(url, content=bodies[n], headers=headers, timeout=300)
        statuses[n] = str(answer.status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def send_1_mib(port: int, piece: int) -> tuple[str, int]:
    """1 MiB of body in `piece`-byte sends; the answer's status and the bytes sent by then."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(
        b"POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {MB}\r\n\r\n".encode()
    )
    sent = [0]

    def trickle() -> None:
        body = b" " * MB
        try:
            while sent[0] < MB:
                sent[0] += sock.send(body[sent[0] : sent[0] + piece])
        except OSError:
            pass

    sender = threading.Thread(target=trickle)
    sender.start()
    answer = b""
    while b"\r\n" not in answer:
        got = sock.recv(4096)
        if not got:
            break
        answer += got
    at_answer = sent[0]
    sock.close()
    sender.join()
    return answer.split(b" ")[1].decode() if b" " in answer else "closed", at_answer


def measured(folder: Path, what: str, action: Callable[[int], object], rows: list) -> object:
    """Run `action(port)` against a fresh collector, so each peak (VmHWM) is its own."""
    place = Path(tempfile.mkdtemp(prefix="run-", dir=folder))
    process, port = start(place)
    try:
        empty = json.dumps({"protocol": "kiosk-sync/1", "kiosk_id": "b", "records": []})
        httpx.post(f"http://127.0.0.1:{port}/api/records", content=empty, headers=AUTH)
        cpu = cpu_seconds(process.pid)
        started = time.perf_counter()
        result = action(port)
        wall = time.perf_counter() - started
        rss, peak = memory(process.pid)
        rows.append((what, result, wall, cpu_seconds(process.pid) - cpu, rss, peak))
    finally:
        process.terminate()
        process.wait()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="collector-bench-"))
    junk = junk_body()
    bodies = real_bodies(args.clients)
    rows: list = []

    def url(port: int) -> str:
        return f"http://127.0.0.1:{port}/api/records"

    measured(folder, "baseline: started, one empty batch", lambda port: "200", rows)
    measured(folder, "200 MB body, length said", lambda p: post_200_mb(url(p), True), rows)
    measured(folder, "200 MB body, no length (chunked)", lambda p: post_200_mb(url(p), False), rows)
    measured(
        folder,
        f"{args.clients} clients at once, {len(junk) / MB:.1f} MiB of junk each",
        lambda p: ",".join(sorted(set(at_once(url(p), [junk] * args.clients)))),
        rows,
    )
    measured(
        folder,
        f"{args.clients} kiosks at once, 1,000 real records each",
        lambda p: ",".join(sorted(set(at_once(url(p), bodies)))),
        rows,
    )
    one_piece = measured(folder, "1 MiB in one piece (baseline)", lambda p: send_1_mib(p, MB), rows)
    trickled = measured(folder, "1 MiB in 1-byte pieces", lambda p: send_1_mib(p, 1), rows)

    print(f"# collector_bench on {platform.python_version()}, {platform.machine()}")
    print("| what | answer | wall s | CPU s | RSS MB after | peak RSS MB (VmHWM) |")
    print("|---|---|--:|--:|--:|--:|")
    for what, result, wall, cpu, rss, peak in rows:
        print(f"| {what} | {result} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {peak:.0f} |")
    base_peak = rows[0][5]
    peak = max(r[5] for r in rows)
    print(f"\npeak memory: {peak:.0f} MB ({peak / base_peak:.1f}x the started collector's)")
    print(f"goal under 150 MB: {'met' if peak < 150 else 'NOT met'}")
    print(
        f"1 MiB in 1-byte pieces: {rows[-1][3]:.2f} CPU s (answer {trickled[0]} after "
        f"{trickled[1]:,} bytes) vs {rows[-2][3]:.2f} CPU s in one piece (answer {one_piece[0]})"
    )


if __name__ == "__main__":
    main()
