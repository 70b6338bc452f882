"""A stand with several kiosks reports to one collector: each record once, counts for the
coordinator, nothing accepted that is not a real record from a kiosk with the token."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.collectorproc import coordinator, free_port, running_collector, set_password
from tests.conftest import run_kiosk
from tests.faultserver import TOKEN, FaultServer
from tests.waiting import wait_until


@pytest.fixture
def collector(tmp_path):
    """The real `kiosk collect`, started through its entry point on a free port."""
    with running_collector(tmp_path) as running:
        yield running


def kiosk_config(tmp_path: Path, name: str, url: str, token: Path) -> Path:
    config = tmp_path / f"{name}.toml"
    config.write_text(
        f'[kiosk]\nid = "{name}"\n[printing]\nmode = "off"\n'
        f'[sync]\ntarget = "webhook"\nurl = "{url}"\ntoken_file = "{token}"\n'
    )
    return config


def fill(database: Path, count: int, seed: int, kiosk_id: str) -> list[str]:
    from kiosk.core.cases import load_cases
    from tests.conftest import BUNDLED_CASES

    cases = list(load_cases(BUNDLED_CASES))
    made = list(synthetic_signatures(cases, count, event_id="bern", kiosk_id=kiosk_id, seed=seed))
    with Store(database) as store:
        for s in made:
            store.record(s, print_letter=False)
    return [s.uuid for s in made]


def held(database: Path) -> list[str]:
    with sqlite3.connect(database) as conn:
        return [r[0] for r in conn.execute("SELECT uuid FROM signatures")]


def test_two_kiosks_with_overlapping_records_give_the_collector_each_record_once(
    tmp_path, collector
):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = fill(one, 30, seed=1, kiosk_id="one")
    shutil.copy(one, two)  # the second kiosk carries the same 30 (e.g. a restored copy)...
    second = fill(two, 20, seed=2, kiosk_id="two")  # ...and 20 of its own

    for name, database in (("one", one), ("two", two)):
        config = kiosk_config(tmp_path, name, collector["url"], collector["token"])
        result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 pending" in result.stdout

    assert sorted(held(collector["database"])) == sorted(first + second)
    set_password(collector["database"])
    with coordinator(collector["base"]) as client:
        figures = client.get("/dashboard.json").json()
    assert figures["total"] == 50
    assert {k["kiosk_id"]: k["signatures"] for k in figures["kiosks"]} == {"one": 30, "two": 20}


def test_kiosk_export_reads_a_collector_database_like_a_kiosk_one(tmp_path, collector):
    database = tmp_path / "k.db"
    fill(database, 5, seed=3, kiosk_id="k")
    config = kiosk_config(tmp_path, "k", collector["url"], collector["token"])
    run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))
    counts = run_kiosk("counts", "--database", str(collector["database"]))
    assert counts.returncode == 0 and "total: 5" in counts.stdout


def test_the_collector_refuses_a_wrong_token_and_a_huge_request(collector):
    wrong = httpx.post(collector["url"], json={}, headers={"Authorization": "Bearer nope"})
    none = httpx.post(collector["url"], json={})
    huge = httpx.post(
        collector["url"],
        content=b"x" * (9 * 1024 * 1024),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert wrong.status_code == none.status_code == 401
    assert huge.status_code == 413


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b'{"protocol": "other", "records": []}', b'{"records": "x"}', b"\xff\xfe"],
)
def test_the_collector_answers_nonsense_with_400(collector, body):
    response = httpx.post(
        collector["url"], content=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400 and "error" in response.json()


def test_hostile_records_are_refused_one_by_one_and_no_script_reaches_the_page(tmp_path, collector):
    database = tmp_path / "k.db"
    [good] = fill(database, 1, seed=4, kiosk_id="k")
    with sqlite3.connect(database) as conn:
        payload = json.loads(conn.execute("SELECT payload FROM outbox").fetchone()[0])
    bad_country = {**payload, "uuid": "11111111-1111-4111-8111-111111111111", "country": "xx"}
    too_long = {**payload, "uuid": "22222222-2222-4222-8222-222222222222", "town": "y" * 500}
    changed = {**payload, "town": "Elsewhere"}
    records = [
        {"uuid": good, "record": payload},
        {"uuid": bad_country["uuid"], "record": bad_country},
        {"uuid": too_long["uuid"], "record": too_long},
        {"uuid": "33333333-3333-4333-8333-333333333333", "record": payload},  # uuid mismatch
        {"uuid": good, "record": changed},  # same uuid, other content
        "nonsense",
    ]

    def send(kiosk_id: str) -> httpx.Response:
        message = {"protocol": "kiosk-sync/1", "kiosk_id": kiosk_id, "records": records}
        return httpx.post(
            collector["url"], json=message, headers={"Authorization": f"Bearer {TOKEN}"}
        )

    statuses = [r["status"] for r in send("k").json()["results"]]
    assert statuses == ["stored", "rejected", "rejected", "rejected", "rejected", "rejected"]
    assert send("<script>alert(1)</script>").status_code == 400  # no kiosk's id
    assert held(collector["database"]) == [good]
    set_password(collector["database"])
    with coordinator(collector["base"]) as client:
        page = client.get("/").text
    assert "alert(1)" not in page


def test_sync_status_and_exit_codes_through_the_command_line(tmp_path):
    database = tmp_path / "k.db"
    fill(database, 4, seed=5, kiosk_id="k")
    with FaultServer(tmp_path / "rx.db") as server:
        token = tmp_path / "token"
        token.write_text(TOKEN)
        token.chmod(0o600)
        config = kiosk_config(tmp_path, "k", server.url, token)
        args = ["--config", str(config), "--database", str(database)]

        server.plan.extend(["503"] * 50)
        busy = run_kiosk("sync", "--once", "--max-time", "1", *args)
        server.plan.clear()
        status = run_kiosk("sync", "--status", *args)
        done = run_kiosk("sync", "--once", *args)

        server.plan.append("401")
        fill(database, 1, seed=6, kiosk_id="k")
        refused = run_kiosk("sync", "--once", *args)

    assert busy.returncode == 1 and "HTTP 503" in busy.stderr
    assert "4 pending" in status.stdout and "last error:" in status.stdout
    assert "HTTP 503" in status.stdout
    assert done.returncode == 0 and "4 delivered" in done.stdout
    assert refused.returncode == 77 and "token" in refused.stderr
    assert "Traceback" not in busy.stderr + done.stderr + refused.stderr


def test_sync_without_a_target_or_token_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_SYNC_TOKEN", raising=False)
    nothing = run_kiosk("sync", "--once", "--database", str(tmp_path / "k.db"))
    config = tmp_path / "c.toml"
    config.write_text('[sync]\ntarget = "webhook"\nurl = "https://example.org/in"\n')
    no_token = run_kiosk(
        "sync",
        "--once",
        "--config",
        str(config),
        "--database",
        str(tmp_path / "k.db"),
        env={"KIOSK_SYNC_TOKEN": ""},
    )
    assert nothing.returncode == 78 and "No sync target" in nothing.stderr
    assert no_token.returncode == 78 and "No access token" in no_token.stderr


def test_a_kiosk_killed_during_sync_delivers_everything_once_after_restart(tmp_path):
    database = tmp_path / "k.db"
    uuids = fill(database, 30, seed=7, kiosk_id="k")
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    with FaultServer(tmp_path / "rx.db", late_by=3.0) as server:
        config = kiosk_config(tmp_path, "k", server.url, token)
        config.write_text(config.read_text() + "batch_size = 5\ntimeout = 10\n")
        args = ["--config", str(config), "--database", str(database)]
        server.plan.extend(["ok", "commit_then_late"])  # the second batch hangs after commit
        script = Path(sys.executable).with_name("kiosk")
        child = subprocess.Popen(
            [str(script), "sync", "--once", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ},
        )
        # Killed while the receiver sits on its answer to the second batch, already committed.
        wait_until(lambda: len(server.uuids()) >= 10, "the second batch to be committed")
        child.send_signal(signal.SIGKILL)
        child.wait()
        restarted = run_kiosk("sync", "--once", *args)
        assert restarted.returncode == 0, restarted.stdout + restarted.stderr
        assert sorted(server.uuids()) == sorted(uuids)
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        states = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    assert states == [("delivered", 30)]


def test_the_token_and_the_signers_never_appear_in_the_logs(tmp_path):
    database = tmp_path / "k.db"
    fill(database, 3, seed=8, kiosk_id="k")
    with sqlite3.connect(database) as conn:
        names = [r[0] for r in conn.execute("SELECT family_name FROM signatures")]
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    with FaultServer(tmp_path / "rx.db") as server:
        server.plan.extend(["500", "401"])
        config = kiosk_config(tmp_path, "k", server.url, token)
        args = ["--verbose", "--config", str(config), "--database", str(database)]
        failing = run_kiosk("sync", "--once", "--max-time", "2", *args)
        working = run_kiosk("sync", "--once", *args)
    output = failing.stdout + failing.stderr + working.stdout + working.stderr
    assert "HTTP 401" in output and "3 delivered" in output
    assert TOKEN not in output
    for name in names:
        assert name not in output


def test_a_wrong_sync_address_keeps_every_record_pending(tmp_path, collector):
    database = tmp_path / "k.db"
    fill(database, 5, seed=9, kiosk_id="k")
    root = collector["base"] + "/"  # what `kiosk collect` used to print on start
    config = kiosk_config(tmp_path, "k", root, collector["token"])
    args = ["--config", str(config), "--database", str(database)]

    wrong = run_kiosk("sync", "--once", *args)
    status = run_kiosk("sync", "--status", *args)

    assert wrong.returncode == 78, wrong.stdout + wrong.stderr
    assert f"HTTP 405 at {root}" in wrong.stderr and "/api/records" in wrong.stderr
    assert "5 pending, 0 delivered, 0 refused" in status.stdout
    assert "last success: never" in status.stdout
    assert held(collector["database"]) == []


def test_sync_once_exits_1_and_says_how_many_the_receiver_refused(tmp_path, collector):
    database = tmp_path / "k.db"
    fill(database, 2, seed=10, kiosk_id="k")
    with sqlite3.connect(database) as conn:  # one record the collector answers `rejected` for
        uuid, text = conn.execute("SELECT uuid, payload FROM outbox LIMIT 1").fetchone()
        conn.execute(
            "UPDATE outbox SET payload = ? WHERE uuid = ?",
            (json.dumps({**json.loads(text), "country": "Switzerland"}), uuid),
        )
    config = kiosk_config(tmp_path, "k", collector["url"], collector["token"])

    result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "refused 1 record(s)" in result.stderr and "kiosk sync --status" in result.stderr
    assert "0 pending, 1 delivered, 1 refused" in result.stdout


EVERY_ADDRESS = "0.0.0.0"  # noqa: S104 - what a coordinator types to reach the stand's network


def start_collect(tmp_path: Path, listen: str) -> tuple[subprocess.Popen, list[str]]:
    """`kiosk collect` on `listen`, once it answers, and the lines it printed by then."""
    token = tmp_path / "token.txt"
    token.write_text(TOKEN)
    token.chmod(0o600)
    database = tmp_path / "stand.db"
    script = Path(sys.executable).with_name("kiosk")
    command = [str(script), "collect", "--listen", listen, "--database", str(database)]
    process = subprocess.Popen(
        [*command, "--token-file", str(token)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    port = listen.rpartition(":")[2]

    def healthy() -> bool:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).text == "ok"
        except httpx.HTTPError:
            return False

    wait_until(healthy, "the collector to answer")
    os.set_blocking(process.stderr.fileno(), False)  # it printed before it listened
    printed = os.read(process.stderr.fileno(), 65536).decode()
    return process, printed.splitlines()


def sync_urls(lines: list[str]) -> list[str]:
    return [line.split('"')[1] for line in lines if line.strip().startswith("sync.url = ")]


def takes_records(url: str) -> dict | None:
    """The collector's answer to an empty batch at `url`, or None while nothing listens there."""
    try:
        return httpx.post(
            url,
            json={"protocol": "kiosk-sync/1", "kiosk_id": "k", "records": []},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).json()
    except httpx.ConnectError:
        return None


@pytest.mark.parametrize("host", ["127.0.0.1", EVERY_ADDRESS])
def test_collect_prints_the_exact_sync_url_to_give_the_kiosks(tmp_path, host):
    import psutil

    port = free_port()
    process, lines = start_collect(tmp_path, f"{host}:{port}")
    try:
        urls = sync_urls(lines)
        if host == EVERY_ADDRESS:
            expected = {
                f"http://{a.address}:{port}/api/records"
                for addresses in psutil.net_if_addrs().values()
                for a in addresses
                if a.family == socket.AF_INET and not a.address.startswith("127.")
            }
            assert set(urls) == expected, lines
        else:
            assert urls == [f"http://127.0.0.1:{port}/api/records"], lines
        for url in urls:  # each one takes records, as a kiosk sends them
            answer = wait_until(lambda url=url: takes_records(url), f"the collector at {url}")
            assert answer == {"results": []}
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def test_a_sample_database_never_reaches_a_collector(tmp_path, collector):
    database = tmp_path / "training.db"
    made = run_kiosk("sample", "--count", "8", "--seed", "3", "--database", str(database))
    assert made.returncode == 0, made.stderr
    config = kiosk_config(tmp_path, "k", collector["url"], collector["token"])

    result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 pending, 0 delivered" in result.stdout
    assert held(collector["database"]) == []


def test_twenty_kiosks_syncing_at_once_give_the_collector_each_record_once(tmp_path, collector):
    shared = tmp_path / "shared.db"
    expected = set(fill(shared, 5, seed=100, kiosk_id="shared"))  # on every kiosk (restored)
    script = Path(sys.executable).with_name("kiosk")
    children = []
    for n in range(20):
        database = tmp_path / f"k{n}.db"
        shutil.copy(shared, database)
        expected |= set(fill(database, 6, seed=200 + n, kiosk_id=f"k{n}"))
        config = kiosk_config(tmp_path, f"k{n}", collector["url"], collector["token"])
        config.write_text(config.read_text() + "batch_size = 2\n")  # more requests to interleave
        args = ["sync", "--once", "--config", str(config), "--database", str(database)]
        children.append(
            subprocess.Popen(
                [str(script), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, out + err
        assert "0 pending" in out
    kept = held(collector["database"])
    assert len(kept) == len(set(kept)) == len(expected) == 5 + 20 * 6
    assert set(kept) == expected
