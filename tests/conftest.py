"""Fixtures shared by the whole suite: a fresh database, the bundled case, a private home."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.app import KioskService
from kiosk.core.cases import Case, load_cases
from kiosk.core.config import Config, Settings
from kiosk.core.records.store import Store
from kiosk.core.signatures import SignerEntry

REPO = Path(__file__).resolve().parents[1]
BUNDLED_CASES = REPO / "cases"
EXAMPLE_CASE = "maryia-kalesnikava"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long tests (marked `slow`) first, the rest in their files' order: with the suite
    run in several processes, a long test started last keeps the others waiting at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the user data, config and cache folders at a temporary place: tests never see
    real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture(scope="session")
def case() -> Case:
    """The bundled example case (immutable, so one copy serves every test)."""
    return load_cases(BUNDLED_CASES).get(EXAMPLE_CASE)


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    """A writable copy of the bundled cases, for tests that break a case on purpose."""
    target = tmp_path / "cases"
    shutil.copytree(BUNDLED_CASES, target)
    return target


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "signatures.db") as opened:
        yield opened


@pytest.fixture
def service(tmp_path: Path):
    with KioskService(Config(Settings(), None), tmp_path / "signatures.db") as opened:
        yield opened


def anna(**changes) -> SignerEntry:
    """A typical signer; tests change what their story is about."""
    fields = {
        "given_name": "Anna",
        "family_name": "Keller",
        "postal_code": "8004",
        "town": "Zürich",
        "country": "CH",
        "consents": {"sign"},
    }
    fields.update(changes)
    return SignerEntry(**fields)


@dataclass(frozen=True)
class Ran:
    """What a `kiosk` command did: its exit code and what it printed (as subprocess's)."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


# Commands that keep running until they are stopped: a test that expects one to refuse must
# not hang when it starts instead, so these always run as a process (with a time limit).
SERVING = ("run", "collect")
COLLECT_COMMANDS = ("kiosks", "--new-token", "--set-password")
# What a process reads once, at its start: the time zone, the font folders (kept for its life),
# the temporary folder (cached by `tempfile`).
READ_AT_START = ("TZ", "KIOSK_FONT_DIRS", "TMPDIR")


def run_kiosk(*args: str, env: dict | None = None, input: str | None = None) -> Ran:
    """Run `kiosk ARGS` as a volunteer types it: the console script's own command
    (`kiosk.cli.cli`) with its arguments, environment and standard input, its exit code and
    output caught by click's CliRunner, in this test process. A new process spends 0.35 s of
    CPU loading the commands' libraries and the suite runs hundreds of commands, so only
    what a process alone shows runs as one (`run_kiosk_process`): the console script itself,
    serving commands, settings read once at a process's start (`READ_AT_START`), a kill.

    A crash prints its traceback to stderr, as Python does at the top of a process, so "no
    traceback" checks keep their meaning."""
    serving = args and args[0] in SERVING and not set(args) & set(COLLECT_COMMANDS)
    if serving or set(env or ()) & set(READ_AT_START):
        return run_kiosk_process(*args, env=env, input=input)
    from kiosk.cli import cli

    # The command sets up logging to its stderr (logging.basicConfig), which only works on a
    # root logger without handlers; pytest's own are put back afterwards.
    root = logging.getLogger()
    kept, level = root.handlers[:], root.level
    for handler in kept:
        root.removeHandler(handler)
    try:
        result = CliRunner().invoke(cli, list(args), input=input, env=env, prog_name="kiosk")
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
        for handler in kept:
            root.addHandler(handler)
        root.setLevel(level)
    stderr = result.stderr
    if result.exc_info and not isinstance(result.exc_info[1], SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return Ran(args, result.exit_code, result.stdout, stderr)


def run_kiosk_process(*args: str, env: dict | None = None, input: str | None = None) -> Ran:
    """Run the real `kiosk` console script of this environment in a new process."""
    script = Path(sys.executable).with_name("kiosk")
    done = subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=60,
        check=False,
    )
    return Ran(args, done.returncode, done.stdout, done.stderr)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real, tiny file system (tmpfs, 300 KiB) to fill up or make read-only. Needs root,
    which CI has; elsewhere the tests that use it are skipped with the reason."""
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("CI must run the full-disk tests, but it is not running as root")
        pytest.skip("mounting a small file system needs root (CI runs these as root)")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k,mode=0755", "tmpfs", str(mount_point)],
        check=True,
    )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.fixture(scope="session")
def cups_scheduler(tmp_path_factory: pytest.TempPathFactory):
    """A private CUPS scheduler for the whole run (see `tests/cupsd.py`). In CI the printing
    tests must run: a missing piece fails them there instead of skipping."""
    from tests import cupsd

    why = cupsd.missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must print for real, but {why}")
        pytest.skip(why)
    scheduler = cupsd.Scheduler(tmp_path_factory.mktemp("cups"))
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.stop()


@pytest.fixture
def pdf_printer(cups_scheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh cups-pdf queue on the private scheduler; returns (queue name, output folder).
    The CUPS tools of the test, and of the kiosk under test, talk to that scheduler only."""
    import uuid

    name = f"Kiosk_{uuid.uuid4().hex[:8]}"
    output = tmp_path / "paper"
    cups_scheduler.add_pdf_queue(name, output)
    monkeypatch.setenv("CUPS_SERVER", str(cups_scheduler.socket))
    yield name, output
    cups_scheduler.run("lpadmin", "-x", name, check=False)


def fill_disk(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte; returns the filler to delete later."""
    import contextlib

    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError):
        while True:
            os.write(fd, b"\0" * 4096)
    os.close(fd)
    return filler


def record_signers(database: Path, count: int, seed: int) -> None:
    """`count` made-up people recorded as real signatures (no letters): a stand's database for
    tests of merge, rescue and damage (`kiosk sample` marks its records as samples, which merge
    and export leave out)."""
    from kiosk.core.sample import synthetic_signatures

    cases = list(load_cases(Path(__file__).resolve().parents[1] / "cases"))
    made = synthetic_signatures(cases, count, event_id="stand", kiosk_id="kiosk-test", seed=seed)
    with Store(database) as store:
        for signature in made:
            store.record(signature, print_letter=False)


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL on 127.0.0.1 for the whole session (tests/postgres.py)."""
    from tests.postgres import running_postgres

    with running_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of a new, empty PostgreSQL database for one test."""
    return postgres_server.fresh()
