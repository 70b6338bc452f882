"""The real `kiosk collect`, started through its entry point on a free port, for tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.faultserver import TOKEN
from tests.waiting import wait_until


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(base: str, process: subprocess.Popen) -> bool:
    if process.poll() is not None:
        raise RuntimeError(process.communicate()[1])
    try:
        return httpx.get(f"{base}/health", timeout=1).text == "ok"
    except httpx.HTTPError:
        return False


@contextmanager
def running_collector(
    folder: Path,
    settings: str = "",
    database: Path | str | None = None,
    port: int | None = None,
    shared_token: bool = True,
    env: dict[str, str] | None = None,
) -> Iterator[dict]:
    """`kiosk collect` on 127.0.0.1 with the test token, a database in `folder` (or `database`:
    another file, or a PostgreSQL URL) and the TOML `settings` (e.g. a [collector] table with
    short timeouts); yields where to reach it. Give the `port` of a collector stopped before to
    start it again where its kiosks reach it. Without `shared_token` only paired kiosks
    deliver to it (`kiosk collect kiosks add`). `env`: the process's environment, if not this
    one's (e.g. a PYTHONPATH to another checkout, for a benchmark)."""
    token = folder / "token.txt"
    token.write_text(TOKEN)  # the same file for every collector started in `folder`
    token.chmod(0o600)
    port = port or free_port()
    config = folder / f"collector-{port}.toml"
    config.write_text(settings)
    database = database or folder / "stand.db"
    script = Path(sys.executable).with_name("kiosk")
    process = subprocess.Popen(
        [
            str(script),
            "collect",
            "--listen",
            f"127.0.0.1:{port}",
            "--config",
            str(config),
            "--database",
            str(database),
            *(["--token-file", str(token)] if shared_token else []),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**(env if env is not None else os.environ), "KIOSK_SYNC_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _healthy(base, process), "the collector to answer")
        yield {
            "base": base,
            "url": f"{base}/api/records",
            "database": database,
            "token": token,
            "port": port,
            "pid": process.pid,
            "process": process,  # its output (the collector's logs) is readable once it stopped
        }
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


PASSWORD = "a coordinator's password for tests"


def set_password(database: Path | str, password: str = PASSWORD) -> None:
    """`kiosk collect --set-password` on `database`, the password on standard input."""
    script = Path(sys.executable).with_name("kiosk")
    done = subprocess.run(
        [str(script), "collect", "--set-password", "--database", str(database)],
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)


@contextmanager
def coordinator(base: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """An HTTP client logged in to the dashboard of the collector at `base`."""
    with httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post("/login", data={"password": password})
        if answer.status_code != 303:
            raise RuntimeError(f"login refused: {answer.status_code} {answer.text[:200]}")
        yield client
