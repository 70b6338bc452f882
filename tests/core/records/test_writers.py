"""A kiosk is rarely the only writer of its database: a volunteer runs `kiosk sync --once` or
`kiosk print --pending` in a terminal, a collector forwards onwards. The second writer waits
its turn and then writes; nobody is told "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.conftest import EXAMPLE_CASE, run_kiosk

HOLD_SECONDS = 2

# Another program holds a write transaction: it says "holding" once it has the write lock,
# keeps it for a while, then commits.
HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO meta (key, value) VALUES ('held.by', 'another program')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
print("released", flush=True)
"""


def test_a_signature_typed_in_while_another_program_writes_waits_and_is_recorded(tmp_path):
    database = tmp_path / "signatures.db"
    with Store(database) as store:
        store.kiosk_id()  # a kiosk that has run before
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), str(HOLD_SECONDS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"

        result = run_kiosk(
            "sign",
            "--case", EXAMPLE_CASE, "--given-name", "Anna", "--family-name", "Keller",
            "--postal-code", "8004", "--town", "Zürich", "--consent", "sign",
            "--database", str(database),
        )  # fmt: skip

        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stderr
        # The other program kept its lock until it was done: its write is there too.
        assert holder.stdout.readline() == "released\n"
    finally:
        holder.kill()
        holder.wait()
    with Store(database) as store:
        signature = store.get(result.stdout.strip())
        assert signature is not None and signature.full_name == "Anna Keller"
        assert store.meta("held.") == {"by": "another program"}


def test_two_writers_in_one_process_lose_no_signature(tmp_path, case):
    path = tmp_path / "signatures.db"
    Store(path).close()
    per_writer = 250
    made = list(synthetic_signatures([case], 2 * per_writer, event_id="e", kiosk_id="k", seed=4))
    batches = [made[:per_writer], made[per_writer:]]
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(store: Store, batch) -> None:
        start.wait()
        for signature in batch:
            try:
                store.record(signature, print_letter=True)
            except Exception as exc:  # every failure counts, not only the first
                failures.append(exc)

    stores = [Store(path), Store(path)]
    try:
        threads = [
            threading.Thread(target=write, args=(store, batch))
            for store, batch in zip(stores, batches, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for store in stores:
            store.close()

    assert failures == [], f"{len(failures)} of {len(made)} failed, first: {failures[0]}"
    with Store(path) as store:
        assert store.counts().total == len(made)
        assert store.print_job_counts()["queued"] == len(made)


def test_while_the_other_program_holds_its_lock_a_writer_that_does_not_wait_is_refused(
    tmp_path: Path,
):
    """The first test is worth something only if the other program's lock really stops a
    writer: one that does not wait is refused while "holding" is shown."""
    database = tmp_path / "signatures.db"
    Store(database).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), str(HOLD_SECONDS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        impatient = sqlite3.connect(database, timeout=0, isolation_level=None)
        with closing(impatient), pytest.raises(sqlite3.OperationalError, match="locked"):
            impatient.execute("BEGIN IMMEDIATE")
    finally:
        holder.kill()
        holder.wait()
