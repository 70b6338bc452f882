"""A kiosk killed at random moments, and the check that it lost nothing it had confirmed.

The store promises that once `record` has returned, the signature, its outbox row and its print
job are on disk: only then may the kiosk say "thank you". To test the promise, a child process
plays the kiosk (recording signatures in a loop and reporting each UUID on its stdout once
`record` returned), the parent SIGKILLs it at a random moment, and then checks with its own
SQLite connection that every reported UUID is there, whole, in a database that passes
`PRAGMA integrity_check`. A control child reports each UUID *before* recording it, like a kiosk
that thanks the signer too early; the same check must catch it losing signatures, or the harness
proves nothing.

The parent half (`run_kills`) is imported by the tests and by `benchmarks/crash_kill.py`; the
child half runs when this file is executed as a script:

    python tests/crashlib.py DATABASE real|control SEED
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.core.cases import load_cases
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures

REPO = Path(__file__).resolve().parents[1]
READY = "ready"
STARTED = "started"  # a signature is about to be recorded: a kill now lands mid-record
SAVED = "saved"  # the kiosk tells the signer "thank you" for this UUID
# When the child is killed: after it has thanked this many signers (so every round tests
# something however busy the machine is)...
KILL_AFTER_SAVED = (1, 6)
# ...and then this much later, to land anywhere in the next signature, before or after its commit.
KILL_JITTER_SECONDS = (0.0, 0.004)
# The control waits this long between its early "thank you" and the commit, so that kills land
# in that gap often enough to catch it on every run.
CONTROL_GAP_SECONDS = (0.0, 0.002)


class Mode(StrEnum):
    """How the child kiosk reports a signature."""

    REAL = "real"  # after `record` returned, as the kiosk must
    CONTROL = "control"  # before recording: a buggy kiosk the harness must catch


@dataclass
class CrashResult:
    """What the kills did, and what the database looked like after them."""

    kills: int = 0
    reported: int = 0
    # Kills that landed after a signature was started and before it was reported...
    killed_mid_record: int = 0
    # ...and, of those, the signatures that were committed anyway (never thanked for, but kept).
    committed_unreported: int = 0
    missing: list[str] = field(default_factory=list)  # reported, but not whole in the database
    torn: list[str] = field(default_factory=list)  # rows without their signature, or the reverse
    integrity_problems: list[str] = field(default_factory=list)

    @property
    def integrity(self) -> str:
        """'ok' when every check after every kill said 'ok', as PRAGMA integrity_check does."""
        return "; ".join(self.integrity_problems) or "ok"

    def summary(self) -> str:
        return (
            f"kills: {self.kills}, reported UUIDs: {self.reported}, "
            f"killed mid-record: {self.killed_mid_record} "
            f"(committed but unreported: {self.committed_unreported}), "
            f"missing: {len(self.missing)}, torn: {len(self.torn)}, integrity: {self.integrity}"
        )


@dataclass
class _Round:
    """What one child reported before it was killed."""

    saved: list[str]
    in_flight: str | None  # started but not reported when the kill landed


def run_kills(
    db_path: Path,
    kills: int,
    mode: Mode,
    rng: random.Random,
    *,
    stop_at_first_loss: bool = False,
) -> CrashResult:
    """Start a child kiosk on `db_path` and SIGKILL it at a random moment, `kills` times.

    The database is checked after every kill (so a loss is pinned to its round) and once more at
    the end (so a later crash cannot have undone an earlier round's work unnoticed).
    """
    result = CrashResult()
    reported: list[str] = []
    in_flight: list[str] = []
    for number in range(1, kills + 1):
        round_ = _kill_one_child(db_path, mode, rng)
        result.kills += 1
        reported += round_.saved
        if round_.in_flight:
            in_flight.append(round_.in_flight)
        with _read_only(db_path) as conn:
            if (report := _integrity(conn)) != "ok":
                result.integrity_problems.append(f"after kill {number}: {report}")
            lost = _not_whole(conn, round_.saved)
        if stop_at_first_loss and lost:
            break
    with _read_only(db_path) as conn:
        if (report := _integrity(conn)) != "ok":
            result.integrity_problems.append(f"at the end: {report}")
        result.missing = _not_whole(conn, reported)
        result.torn = _torn(conn)
        kept = set(in_flight) - set(_not_whole(conn, in_flight))
    result.reported = len(reported)
    result.killed_mid_record = len(in_flight)
    result.committed_unreported = len(kept)
    return result


def _kill_one_child(db_path: Path, mode: Mode, rng: random.Random) -> _Round:
    child = subprocess.Popen(
        [sys.executable, __file__, str(db_path), mode.value, str(rng.randrange(2**32))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    seen: list[str] = []
    try:
        ready = child.stdout.readline()
        if ready == f"{READY}\n":
            wanted = rng.randrange(*KILL_AFTER_SAVED)
            while sum(line.startswith(SAVED) for line in seen) < wanted:
                line = child.stdout.readline()
                if not line:
                    break  # the child ended by itself: reported below
                seen.append(line)
            time.sleep(rng.uniform(*KILL_JITTER_SECONDS))  # a random moment, not a wait
    finally:
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate(timeout=60)
    if ready != f"{READY}\n" or child.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the child kiosk failed before it was killed:\n{errors}")
    return _parse("".join(seen) + output)


def _parse(output: str) -> _Round:
    """Read the child's lines; a line cut short by the kill was never fully reported."""
    saved: list[str] = []
    in_flight = None
    for line in output.splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        word, _, uuid = line.strip().partition(" ")
        if word == STARTED:
            in_flight = uuid
        elif word == SAVED:
            saved.append(uuid)
            in_flight = None
    return _Round(saved, in_flight)


def _read_only(db_path: Path) -> closing[sqlite3.Connection]:
    """A connection that cannot checkpoint or delete the WAL: the next child recovers it itself,
    as a restarted kiosk would."""
    return closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True))


def _integrity(conn: sqlite3.Connection) -> str:
    return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def _not_whole(conn: sqlite3.Connection, uuids: Iterable[str]) -> list[str]:
    """The UUIDs among `uuids` that lack their signature, outbox or print-job row."""
    query = """
        SELECT EXISTS (SELECT 1 FROM signatures WHERE uuid = :uuid)
           AND EXISTS (SELECT 1 FROM outbox WHERE uuid = :uuid)
           AND EXISTS (SELECT 1 FROM print_jobs WHERE signature_uuid = :uuid)
    """
    return [u for u in uuids if not conn.execute(query, {"uuid": u}).fetchone()[0]]


def _torn(conn: sqlite3.Connection) -> list[str]:
    """UUIDs whose rows were not all kept together: one transaction must keep all or none."""
    query = """
        SELECT uuid FROM signatures
         WHERE uuid NOT IN (SELECT uuid FROM outbox)
            OR uuid NOT IN (SELECT signature_uuid FROM print_jobs)
        UNION SELECT uuid FROM outbox WHERE uuid NOT IN (SELECT uuid FROM signatures)
        UNION SELECT signature_uuid FROM print_jobs
         WHERE signature_uuid NOT IN (SELECT uuid FROM signatures)
    """
    return [row[0] for row in conn.execute(query)]


def child(db_path: Path, mode: Mode, seed: int) -> None:
    """Record signatures until killed, reporting each one as `mode` says."""
    rng = random.Random(seed)
    cases = list(load_cases(REPO / "cases"))
    signatures = synthetic_signatures(
        cases, sys.maxsize, event_id="crash-test", kiosk_id="kiosk-crash", seed=seed
    )
    with Store(db_path) as store:
        _say(READY)
        for signature in signatures:
            _say(f"{STARTED} {signature.uuid}")
            if mode is Mode.CONTROL:
                _say(f"{SAVED} {signature.uuid}")
                time.sleep(rng.uniform(*CONTROL_GAP_SECONDS))
            store.record(signature, print_letter=True)
            if mode is Mode.REAL:
                _say(f"{SAVED} {signature.uuid}")


def _say(line: str) -> None:
    """One line, flushed at once: a single write to the pipe, which the parent reads whole."""
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    child(Path(sys.argv[1]), Mode(sys.argv[2]), int(sys.argv[3]))
