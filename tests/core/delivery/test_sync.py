"""Every signature reaches the organisation once, whatever the network does.

Against real servers on 127.0.0.1: the fault-injecting receiver of `tests/faultserver.py` (the
collector's own logic behind a socket that misbehaves on cue) and the real collector.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.engine import SyncEngine
from kiosk.core.delivery.folder import Folder
from kiosk.core.delivery.protocol import SyncError
from kiosk.core.delivery.token import read_token
from kiosk.core.delivery.webhook import Webhook
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.conftest import fill_disk
from tests.faultserver import FAULTS, TOKEN, FaultServer


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def fill(store: Store, case, count: int, seed: int = 1) -> list[str]:
    made = list(synthetic_signatures([case], count, event_id="bern", kiosk_id="k1", seed=seed))
    for signature in made:
        store.record(signature, print_letter=False)
    return [s.uuid for s in made]


def engine_for(store: Store, url: str, *, timeout: float = 20.0, batch: int = 10, clock=None):
    """An engine delivering `store` to `url`, with the kiosk's own time limit for an answer
    unless a test wants one given up on (a busy machine may take seconds to answer)."""
    target = Webhook(url, TOKEN, kiosk_id="k1", timeout=timeout)
    return SyncEngine(store, target, batch_size=batch, clock=clock or Clock(), rng=random.Random(3))


def delivered(store: Store) -> set[str]:
    with store.read() as conn:
        return {r[0] for r in conn.execute("SELECT uuid FROM outbox WHERE state = 'delivered'")}


@pytest.fixture
def server(tmp_path):
    with FaultServer(tmp_path / "receiver.db") as running:
        yield running


def test_records_are_delivered_once_and_never_sent_again(store, case, server):
    uuids = fill(store, case, 25)
    engine = engine_for(store, server.url)

    first = engine.run_once()
    second = engine.run_once(force=True)

    assert first.delivered == 25 and first.sent == 25
    assert second.sent == 0
    assert sorted(server.uuids()) == sorted(uuids)
    assert Outbox(store).status().pending == 0
    assert server.requests == ["ok"] * 3  # batches of 10, 10 and 5


def test_a_500_then_a_200_delivers_on_the_later_try(store, case, server):
    fill(store, case, 3)
    server.plan.extend(["500"])
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock)

    failed = engine.run_once()
    assert failed.delivered == 0 and "HTTP 500" in failed.error
    assert engine.run_once().sent == 0  # not due yet: the back-off holds
    clock.advance(LONG)
    assert engine.run_once().delivered == 3
    assert Outbox(store).status().pending == 0


LONG = 16 * 60  # beyond the longest back-off


@pytest.mark.parametrize("fault", ["commit_then_close", "commit_then_late", "half_answer"])
def test_an_answer_lost_after_the_commit_leads_to_one_copy_only(store, case, server, fault):
    uuids = fill(store, case, 4)
    server.plan.append(fault)
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock, timeout=0.5)

    lost = engine.run_once()
    assert lost.delivered == 0 and lost.error  # we cannot know it arrived: it stays pending
    assert sorted(server.uuids()) == sorted(uuids)  # but the receiver has it
    clock.advance(LONG)
    again = engine_for(store, server.url, clock=clock).run_once()  # the usual time limit

    assert again.delivered == 4
    assert sorted(server.uuids()) == sorted(uuids)  # once each


@pytest.mark.parametrize("fault", ["reset", "reset_mid_body"])
def test_a_reset_connection_is_retried(store, case, server, fault):
    fill(store, case, 2)
    server.plan.append(fault)
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock)
    assert engine.run_once().error
    clock.advance(LONG)
    assert engine.run_once().delivered == 2


def test_the_same_acknowledgement_twice_marks_each_record_once(store, case, server):
    uuids = fill(store, case, 3)
    server.plan.append("double_ack")
    report = engine_for(store, server.url).run_once()
    assert report.delivered == 3
    assert delivered(store) == set(uuids)


def test_429_waits_as_long_as_the_receiver_asks(store, case, server):
    fill(store, case, 2)
    server.plan.append("429")
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock)

    report = engine.run_once()
    clock.advance(6)
    early = engine.run_once()
    clock.advance(2)
    late = engine.run_once()

    assert "HTTP 429" in report.error
    assert early.sent == 0 and late.delivered == 2
    assert Outbox(store).status().pending == 0


def test_records_tried_while_the_clock_said_2036_wait_at_most_the_longest_back_off(
    store, case, server
):
    fill(store, case, 3)
    server.plan.append("500")
    clock = Clock()
    right = clock.now
    clock.now = datetime(2036, 2, 7, 6, 28, tzinfo=UTC)  # a bad time server
    engine = engine_for(store, server.url, clock=clock)
    assert engine.run_once().error

    clock.now = right  # the clock is set right; the kiosk restarted
    engine = engine_for(store, server.url, clock=clock)
    assert engine.run_once().sent == 0  # the back-off still holds, but not until 2036
    clock.advance(LONG)
    assert engine.run_once().delivered == 3


def test_a_receiver_asking_to_wait_for_years_waits_at_most_the_longest_back_off(
    store, case, server
):
    fill(store, case, 2)
    server.plan.append("429_for_years")
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock)
    assert "HTTP 429" in engine.run_once().error
    clock.advance(LONG)
    assert engine.run_once().delivered == 2


def test_a_refused_token_stops_delivery_and_says_so(store, case, server):
    fill(store, case, 5)
    server.plan.extend(["401", "401"])
    report = engine_for(store, server.url, batch=2).run_once(force=True)

    assert report.auth_problem and "token" in report.error
    assert server.requests == ["401"]  # it stopped at the first refusal
    assert Outbox(store).status().pending == 5
    assert "token" in Outbox(store).status().last_error


@pytest.mark.parametrize("status", ["404", "405", "410", "415"])
def test_a_wrong_sync_address_keeps_every_record_pending(store, case, server, status):
    fill(store, case, 5)
    server.plan.extend([status] * 10)
    report = engine_for(store, server.url, batch=2).run_once(force=True)

    assert report.address_problem and f"HTTP {status}" in report.error
    assert "/api/records" in report.error  # names the fix
    assert server.requests == [status]  # it stopped at the first refusal
    outbox = Outbox(store).status()
    assert (outbox.pending, outbox.quarantined) == (5, 0)
    assert outbox.last_success is None


def test_a_4xx_for_one_record_sent_alone_keeps_every_record_pending(store, case, server):
    fill(store, case, 3)
    server.plan.extend(["400"] * 10)
    report = engine_for(store, server.url).run_once(force=True)

    assert report.address_problem and "sent alone" in report.error
    assert server.requests == ["400", "400"]  # the batch, then its first record alone
    outbox = Outbox(store).status()
    assert (outbox.pending, outbox.quarantined) == (3, 0)


def test_a_batch_too_big_for_the_receiver_is_delivered_one_by_one(store, case, server):
    uuids = fill(store, case, 3)
    server.plan.append("413")
    report = engine_for(store, server.url).run_once()
    assert report.delivered == 3 and not report.error
    assert sorted(server.uuids()) == sorted(uuids)


def test_last_success_means_a_record_was_acknowledged(store, case, server):
    bad = fill(store, case, 1)[0]
    with store.write() as conn:  # a record the receiver answers `rejected` for
        payload = json.loads(
            conn.execute("SELECT payload FROM outbox WHERE uuid = ?", (bad,)).fetchone()[0]
        )
        payload["country"] = "Switzerland"
        conn.execute("UPDATE outbox SET payload = ? WHERE uuid = ?", (json.dumps(payload), bad))
    engine = engine_for(store, server.url)

    refused = engine.run_once()
    assert refused.quarantined == 1 and Outbox(store).status().last_success is None
    fill(store, case, 1, seed=2)
    assert engine.run_once(force=True).delivered == 1
    assert Outbox(store).status().last_success is not None


def test_one_refused_record_among_good_ones_is_quarantined_alone(store, case, server):
    good = fill(store, case, 3)
    bad = fill(store, case, 1, seed=99)[0]
    with store.write() as conn:  # a record the receiver cannot accept
        payload = json.loads(
            conn.execute("SELECT payload FROM outbox WHERE uuid = ?", (bad,)).fetchone()[0]
        )
        payload["country"] = "Switzerland"
        conn.execute("UPDATE outbox SET payload = ? WHERE uuid = ?", (json.dumps(payload), bad))

    report = engine_for(store, server.url).run_once()

    assert report.delivered == 3 and report.quarantined == 1
    assert sorted(server.uuids()) == sorted(good)
    [(uuid, reason)] = Outbox(store).quarantined()
    assert uuid == bad and "country" in reason


def test_an_answer_that_leaves_a_record_out_keeps_that_record_pending(store, case, server):
    fill(store, case, 3)
    server.plan.append("drop_one")
    clock = Clock()
    engine = engine_for(store, server.url, clock=clock)
    report = engine.run_once()
    assert report.delivered == 2 and report.retry == 1
    clock.advance(LONG)
    assert engine.run_once().delivered == 1


def test_garbage_from_the_receiver_acknowledges_nothing(store, case, server):
    fill(store, case, 2)
    server.plan.append("garbage")
    report = engine_for(store, server.url).run_once()
    assert report.delivered == 0 and "could not be read" in report.error
    assert Outbox(store).status().pending == 2


@pytest.mark.parametrize("seed", range(200))
def test_whatever_the_faults_the_receiver_ends_with_each_record_once(tmp_path, case, seed):
    rng = random.Random(seed)
    with Store(tmp_path / "kiosk.db") as store, FaultServer(tmp_path / "rx.db", 0.35) as server:
        uuids = fill(store, case, rng.randint(1, 12), seed=seed)
        server.plan.extend(rng.choice(FAULTS) for _ in range(rng.randint(1, 8)))
        clock = Clock()
        engine = engine_for(store, server.url, clock=clock, timeout=0.25, batch=rng.randint(1, 5))
        for _ in range(40):
            report = engine.run_once(force=rng.random() < 0.3)
            # Nothing is marked delivered that the receiver does not hold.
            assert delivered(store) <= set(server.uuids())
            if not Outbox(store).status().pending:
                break
            if report.auth_problem:
                server.plan.clear()
            clock.advance(LONG)
        assert Outbox(store).status().pending == 0, server.requests
        assert sorted(server.uuids()) == sorted(uuids)
        assert delivered(store) == set(uuids)


def test_https_is_required_beyond_this_machine():
    with pytest.raises(SyncError, match="not encrypted"):
        check_url("http://collector.example.org/api/records", allow_http=False)
    assert check_url("http://127.0.0.1:8765/api/records", allow_http=False)
    assert check_url("http://[::1]:8765/api/records", allow_http=False)
    assert check_url("https://collector.example.org/", allow_http=False)
    assert check_url("http://10.0.0.5/", allow_http=True)
    with pytest.raises(SyncError):
        check_url("ftp://example.org", allow_http=True)


def test_a_token_file_others_can_read_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_SYNC_TOKEN", raising=False)
    token = tmp_path / "token"
    token.write_text("abc\n")
    token.chmod(0o644)
    with pytest.raises(SyncError, match="chmod 600"):
        read_token(token)
    token.chmod(0o600)
    assert read_token(token) == "abc"
    with pytest.raises(SyncError, match="cannot be read"):
        read_token(tmp_path / "missing")
    monkeypatch.setenv("KIOSK_SYNC_TOKEN", "from-env")
    assert read_token(None) == "from-env"


def test_a_folder_target_writes_whole_json_lines_files(store, case, tmp_path):
    uuids = fill(store, case, 7)
    engine = SyncEngine(store, Folder(tmp_path / "usb", kiosk_id="k1"), batch_size=5)
    report = engine.run_once()
    assert report.delivered == 7
    files = sorted((tmp_path / "usb").glob("*.jsonl"))
    assert len(files) == 2 and not list((tmp_path / "usb").glob(".*"))
    lines = [json.loads(line) for f in files for line in f.read_text().splitlines()]
    assert sorted(line["uuid"] for line in lines) == sorted(uuids)
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)


def test_a_full_usb_stick_keeps_records_pending_and_leaves_no_half_file(store, case, small_disk):
    fill(store, case, 40)
    fill_disk(small_disk)
    report = SyncEngine(store, Folder(small_disk, kiosk_id="k1"), batch_size=40).run_once()
    assert report.delivered == 0 and "cannot write" in report.error
    assert list(Path(small_disk).glob("*.jsonl")) == []
    assert list(Path(small_disk).glob(".*")) == []
    assert Outbox(store).status().pending == 40
