"""A campaign under load: simulated kiosks deliver through a faulty network into two collector
processes on one PostgreSQL, and every record must end up there exactly once.

Each kiosk is real below its screens: its own SQLite database with made-up signatures recorded
as the kiosk records them (`Store.record`, so each has its outbox row), delivered by the kiosk's
own delivery engine (`SyncEngine` with the `Webhook` target) in a thread of its own. Between the
kiosks and the collectors sits `tests/faultproxy.py`, taking turns between two real
`kiosk collect --database postgresql://...` processes and dropping answers after the collector
stored, resetting connections before, answering 500 and answering slowly. A kiosk keeps the
engine's back-off, on a clock of its own that skips each wait instead of sleeping through it.

The counts at the end are read in SQL, not from what the kiosks or the proxy believe.

Used by `benchmarks/central_load.py` (50 kiosks x 1,000 records) and, small, by
tests/test_collector_load.py, so the benchmark cannot rot.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from kiosk.core.cases import load_cases
from kiosk.core.delivery.engine import SyncEngine
from kiosk.core.delivery.webhook import Webhook
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.collectorproc import running_collector
from tests.faultproxy import FaultProxy
from tests.faultserver import TOKEN

CASES = Path(__file__).resolve().parents[1] / "cases"
MAX_ROUNDS = 10_000  # a kiosk still not done after this many rounds is stuck: the run fails


class SkippingClock:
    """A kiosk's clock: the real time, plus every wait the kiosk skipped."""

    def __init__(self) -> None:
        self.skipped = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skipped

    def skip_to(self, moment: str | None) -> None:
        """Jump forward to `moment` (an outbox time, UTC), as if the kiosk had waited."""
        if moment:
            ahead = datetime.fromisoformat(moment) - self()
            self.skipped += max(ahead, timedelta())


@dataclass
class LoadResult:
    """What a load run came to: the counts are PostgreSQL's and the kiosks' own databases'."""

    kiosks: int
    records_each: int
    seconds: float  # from the first delivery to the last kiosk's empty outbox
    stored: int  # rows in the central signatures table
    distinct: int  # distinct UUIDs among them
    per_kiosk: dict[str, int]  # rows per kiosk id
    expected_missing: int  # records made on a kiosk and not found centrally
    pending: int  # records still waiting in the kiosks' outboxes
    quarantined: int
    delivered: int  # outbox rows marked delivered
    faults: Counter[str]
    forwarded: list[int]  # batches each collector answered
    unreachable: int  # batches the proxy could not hand to a collector (answered 502)
    answers: Counter[str]  # the collectors' per-record statuses
    rounds: int  # delivery rounds, every kiosk together
    waits_skipped: float  # seconds of back-off the kiosks skipped
    kiosk_errors: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return self.kiosks * self.records_each


def make_kiosks(folder: Path, kiosks: int, records: int, seed: int = 1) -> list[Path]:
    """`kiosks` kiosk databases in `folder`, each with `records` signatures waiting."""
    cases = list(load_cases(CASES))
    paths = []
    for number in range(kiosks):
        path = folder / f"kiosk-{number:03d}.db"
        kiosk_id = f"kiosk-{number:03d}"
        with Store(path) as store:
            made = synthetic_signatures(
                cases, records, event_id="load", kiosk_id=kiosk_id, seed=seed * 100_000 + number
            )
            for signature in made:
                store.record(signature, print_letter=False)
        paths.append(path)
    return paths


def deliver(path: Path, url: str, batch: int, timeout: float, rounds: list[int]) -> float:
    """Deliver kiosk `path`'s outbox to `url` with the real engine until it is empty; the
    seconds of back-off skipped. Counts its rounds into `rounds`."""
    kiosk_id = path.stem
    clock = SkippingClock()
    with Store(path) as store:
        target = Webhook(url, TOKEN, kiosk_id=kiosk_id, timeout=timeout)
        try:
            engine = SyncEngine(store, target, batch_size=batch, clock=clock)
            outbox = Outbox(store)
            for _ in range(MAX_ROUNDS):
                report = engine.run_once()
                rounds.append(1)
                if report.stopped:
                    raise RuntimeError(f"{kiosk_id}: delivery stopped: {report.error}")
                status = outbox.status()
                if not status.pending:
                    return clock.skipped.total_seconds()
                clock.skip_to(status.next_attempt)
            raise RuntimeError(f"{kiosk_id}: still {status.pending} pending after {MAX_ROUNDS}")
        finally:
            target.close()


def central_counts(url: str) -> tuple[int, int, dict[str, int], set[str]]:
    """Rows, distinct UUIDs, rows per kiosk and the UUIDs, as PostgreSQL counts them."""
    with psycopg.connect(url) as conn:
        stored, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM signatures"
        ).fetchone()
        per_kiosk = dict(
            conn.execute("SELECT kiosk_id, count(*) FROM signatures GROUP BY kiosk_id").fetchall()
        )
        uuids = {row[0] for row in conn.execute("SELECT uuid FROM signatures")}
    return stored, distinct, per_kiosk, uuids


def kiosk_counts(paths: list[Path]) -> tuple[set[str], Counter[str]]:
    """Every UUID the kiosks recorded, and their outbox rows per state."""
    uuids: set[str] = set()
    states: Counter[str] = Counter()
    for path in paths:
        with Store(path) as store, store.read() as conn:
            uuids.update(row[0] for row in conn.execute("SELECT uuid FROM signatures"))
            states.update(dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")))
    return uuids, states


def run_load(
    folder: Path,
    database: str,
    *,
    kiosks: int,
    records: int,
    rates: dict[str, float],
    plan: tuple[str, ...] = (),
    batch: int = 100,
    timeout: float = 5.0,
    slow_by: float = 0.3,
    seed: int = 1,
) -> LoadResult:
    """Make `kiosks` kiosks with `records` records each in `folder`, start two collectors on
    the empty PostgreSQL `database`, deliver every kiosk at once through a `FaultProxy`
    (`plan`, then faults drawn at `rates`), and count what arrived."""
    paths = make_kiosks(folder, kiosks, records, seed)
    rounds: list[int] = []
    skipped: list[float] = []
    errors: list[str] = []

    def kiosk(path: Path, url: str) -> None:
        try:
            skipped.append(deliver(path, url, batch, timeout, rounds))
        except Exception as exc:  # told in the result
            errors.append(f"{path.stem}: {type(exc).__name__}: {exc}")

    with contextlib.ExitStack() as stack:
        collectors = [
            stack.enter_context(running_collector(folder / name, database=database))
            for name in _folders(folder, "collector-a", "collector-b")
        ]
        proxy = stack.enter_context(
            FaultProxy([c["url"] for c in collectors], rates, seed=seed, slow_by=slow_by)
        )
        proxy.plan.extend(plan)
        threads = [
            threading.Thread(target=kiosk, args=(path, proxy.url), name=path.stem) for path in paths
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        faults, forwarded, answers = proxy.faults(), list(proxy.forwarded), Counter(proxy.answers)
        unreachable = proxy.unreachable

    stored, distinct, per_kiosk, central = central_counts(database)
    made, states = kiosk_counts(paths)
    return LoadResult(
        kiosks=kiosks,
        records_each=records,
        seconds=seconds,
        stored=stored,
        distinct=distinct,
        per_kiosk=per_kiosk,
        expected_missing=len(made - central),
        pending=states["pending"],
        quarantined=states["quarantined"],
        delivered=states["delivered"],
        faults=faults,
        forwarded=forwarded,
        unreachable=unreachable,
        answers=answers,
        rounds=len(rounds),
        waits_skipped=sum(skipped),
        kiosk_errors=errors,
    )


def _folders(parent: Path, *names: str) -> list[Path]:
    made = [parent / name for name in names]
    for path in made:
        path.mkdir()
    return made
