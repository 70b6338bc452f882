"""A real PostgreSQL for the tests: Debian's postgresql 15 on a cluster made with initdb in a
temporary folder, run as the unprivileged user `nobody` (the tests run as root, which the server
refuses to be), listening on 127.0.0.1 and a free port, stopped at the end."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from tests.collectorproc import free_port

BIN = Path("/usr/lib/postgresql/15/bin")
USER = "nobody"
ROLE = "kiosk"


class Server:
    """A running test cluster: `fresh()` gives the URL of a new, empty database."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.numbers = count(1)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}"

    def fresh(self) -> str:
        import psycopg

        name = f"test_{next(self.numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # a name this class counts
        return self.url(name)


def _as_user() -> dict:
    account = pwd.getpwnam(USER)
    return {"user": account.pw_uid, "group": account.pw_gid}


@contextmanager
def running_postgres() -> Iterator[Server]:
    """A PostgreSQL server on 127.0.0.1 with trust authentication for the role `kiosk`."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    account = pwd.getpwnam(USER)
    os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": str(folder)}
    port = free_port()

    def run(*command: str) -> None:
        done = subprocess.run(
            command, env=env, cwd=folder, capture_output=True, text=True, **_as_user()
        )
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")

    run(
        str(BIN / "initdb"),
        "-D",
        str(data),
        "-U",
        ROLE,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} "
        "-c fsync=off -c full_page_writes=off -c max_connections=100"
    )
    log = str(folder / "log")
    run(str(BIN / "pg_ctl"), "-D", str(data), "-l", log, "-o", options, "-w", "start")
    try:
        yield Server(port)
    finally:
        run(str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
