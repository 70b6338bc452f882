"""A stand's collector forwards what its kiosks deliver to the campaign's central collector: the
stand keeps taking records while the upstream is down, and every record (and every erasure)
arrives upstream exactly once, whatever the upstream or a kill does meanwhile.

Real processes throughout: kiosks (`kiosk sync`), the stand (`kiosk collect` on SQLite, with
`collector.upstream_url`), and the central collector (`kiosk collect` on a real PostgreSQL from
tests/postgres.py), or a receiver that misbehaves on cue (tests/faultserver.py)."""

from __future__ import annotations

import re
import signal
import sqlite3
from pathlib import Path

import psycopg
import pytest

from kiosk.app import KioskService, collector_upstream
from kiosk.collector import create_app
from kiosk.collector.forwarding import Upstream
from kiosk.core.config import load_config
from kiosk.core.delivery.protocol import SyncError
from kiosk.core.delivery.token import TOKEN_ENV
from tests.collectorproc import coordinator, free_port, running_collector, set_password
from tests.conftest import EXAMPLE_CASE, run_kiosk
from tests.faultserver import TOKEN, FaultServer
from tests.test_cli_sealed import entries, make_keys
from tests.test_collector import fill, kiosk_config
from tests.waiting import wait_until

STAND = "stand-bern"


pytestmark = pytest.mark.slow  # real processes and servers end to end: run first


def token_file(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    token = folder / "upstream-token.txt"
    token.write_text(TOKEN)
    token.chmod(0o600)
    return token


def stand_settings(upstream_url: str, token: Path, batch_size: int = 100) -> str:
    return (
        f'[kiosk]\nid = "{STAND}"\n'
        f'[collector]\nupstream_url = "{upstream_url}"\nupstream_token_file = "{token}"\n'
        f"upstream_interval = 1\nupstream_batch_size = {batch_size}\n"
    )


def deliver(tmp_path: Path, name: str, database: Path, stand: dict) -> None:
    """Kiosk `name` delivers everything it holds to the stand, with `kiosk sync`."""
    config = kiosk_config(tmp_path, name, stand["url"], stand["token"])
    result = run_kiosk("sync", "--once", "--config", str(config), "--database", str(database))
    assert result.returncode == 0, result.stdout + result.stderr


def collect(config: Path, database: str, token: Path):
    """`kiosk collect` as a volunteer starts it (for one that must refuse to start)."""
    listen = f"127.0.0.1:{free_port()}"
    args = ["--config", str(config), "--database", database, "--token-file", str(token)]
    return run_kiosk("collect", "--listen", listen, *args)


def central_rows(url: str) -> dict[str, int]:
    """How often each UUID is in the central database, counted in SQL."""
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT uuid, count(*) FROM signatures GROUP BY uuid").fetchall())


def outbox_states(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"))


def page(stand: dict) -> str:
    """The collector's dashboard, as a coordinator sees it (their password set once)."""
    if not stand.get("password set"):
        set_password(stand["database"])
        stand["password set"] = True
    with coordinator(stand["base"]) as client:
        return client.get("/").text


def test_a_stand_keeps_taking_records_while_upstream_is_down_then_forwards_each_once(
    tmp_path, postgres_url
):
    port = free_port()  # where the central collector will answer, once it is started
    central_folder = tmp_path / "central"
    token = token_file(central_folder)
    public, private = make_keys(tmp_path / "keys")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = fill(one, 20, seed=1, kiosk_id="kiosk-one")
    settings = stand_settings(f"http://127.0.0.1:{port}/api/records", token)
    (tmp_path / "stand").mkdir()
    with running_collector(tmp_path / "stand", settings) as stand:
        # A sealed kiosk besides: its records must reach the centre as sealed as they left it.
        sealed_config = tmp_path / "two.toml"
        sealed_config.write_text(
            f'[kiosk]\nid = "kiosk-two"\n[printing]\nmode = "off"\n'
            f'[privacy]\npublic_key = "{public}"\n'
            f'[sync]\ntarget = "webhook"\nurl = "{stand["url"]}"\ntoken_file = "{stand["token"]}"\n'
        )
        with KioskService(load_config(sealed_config), two) as kiosk:
            for entry in entries():
                kiosk.record(kiosk.prepare(EXAMPLE_CASE, entry, language="fr"))
        with sqlite3.connect(two) as conn:
            second = [r[0] for r in conn.execute("SELECT uuid FROM signatures")]

        deliver(tmp_path, "kiosk-one", one, stand)
        deliver(tmp_path, "kiosk-two", two, stand)  # the kiosks are done: the stand has them
        everything = len(first) + len(second)
        wait_until(lambda: "last problem" in page(stand), "the stand to find the upstream down")
        assert f"{everything} waiting" in page(stand) and "last forwarded never" in page(stand)

        with running_collector(central_folder, database=postgres_url, port=port):
            later = fill(one, 5, seed=3, kiosk_id="kiosk-one")  # kiosks go on delivering
            deliver(tmp_path, "kiosk-one", one, stand)
            wanted = {uuid: 1 for uuid in first + second + later}
            wait_until(lambda: central_rows(postgres_url) == wanted, "every record upstream")
            wait_until(lambda: ": 0 waiting" in page(stand), "the stand to say so")

            # A signer asks to be forgotten on the kiosk: the erasure travels kiosk, stand, centre.
            forgotten = first[0]
            config = tmp_path / "kiosk-one.toml"
            done = run_kiosk("forget", "--uuid", forgotten, "--config", str(config),
                             "--database", str(one))  # fmt: skip
            assert done.returncode == 0, done.stderr
            deliver(tmp_path, "kiosk-one", one, stand)

            def erased_upstream() -> bool:
                with psycopg.connect(postgres_url) as conn:
                    row = conn.execute(
                        "SELECT given_name, family_name, erased_at FROM signatures WHERE uuid = %s",
                        (forgotten,),
                    ).fetchone()
                return row[:2] == ("", "") and row[2] is not None

            wait_until(erased_upstream, "the erasure to reach the central collector")
            wait_until(lambda: ": 0 waiting" in page(stand), "the tombstone to be acknowledged")

    assert central_rows(postgres_url) == wanted  # still once each, the erased one included
    with psycopg.connect(postgres_url) as conn:
        per_kiosk = dict(
            conn.execute("SELECT kiosk_id, count(*) FROM signatures GROUP BY kiosk_id").fetchall()
        )
        sealed = conn.execute(
            "SELECT count(*) FROM signatures WHERE kiosk_id = 'kiosk-two' AND sealed IS NOT NULL "
            "AND given_name = '' AND family_name = '' AND town = ''"
        ).fetchone()[0]
        reported = [row[0] for row in conn.execute("SELECT kiosk_id FROM contacts")]
    # Each record keeps the kiosk that recorded it; the stand is who reported them upstream.
    assert per_kiosk == {"kiosk-one": len(first) + len(later), "kiosk-two": len(second)}
    assert sealed == len(second) and reported == [STAND]
    opened = tmp_path / "opened.jsonl"
    decrypted = run_kiosk("decrypt", "--key", str(private), postgres_url, "--output", str(opened))
    assert decrypted.returncode == 0, decrypted.stderr
    assert entries()[0].family_name in opened.read_text(encoding="utf-8")

    log = stand["process"].communicate()[1]
    assert "forwarding to" in log and "fails" in log and "it answers again" in log
    assert TOKEN not in log


def test_a_kiosk_moved_to_another_stand_still_gets_a_signer_erased_at_the_centre(
    tmp_path, postgres_url
):
    kiosk = tmp_path / "kiosk.db"
    uuids = fill(kiosk, 3, seed=4, kiosk_id="kiosk-one")
    (tmp_path / "central").mkdir()
    with running_collector(tmp_path / "central", database=postgres_url) as central:
        deliver(tmp_path, "kiosk-one", kiosk, central)  # at its first event, through the centre
        assert central_rows(postgres_url) == dict.fromkeys(uuids, 1)
        (tmp_path / "stand").mkdir()
        settings = stand_settings(central["url"], central["token"])
        with running_collector(tmp_path / "stand", settings) as stand:
            # At the next event, at a stand that never had its records, a signer asks to be
            # forgotten: the stand has nothing to erase, and must still pass the erasure on.
            config = kiosk_config(tmp_path, "kiosk-one", stand["url"], stand["token"])
            done = run_kiosk("forget", "--uuid", uuids[0], "--config", str(config),
                             "--database", str(kiosk))  # fmt: skip
            assert done.returncode == 0, done.stderr
            deliver(tmp_path, "kiosk-one", kiosk, stand)

            def erased_upstream() -> bool:
                with psycopg.connect(postgres_url) as conn:
                    return conn.execute(
                        "SELECT erased_at IS NOT NULL AND family_name = '' FROM signatures "
                        "WHERE uuid = %s",
                        (uuids[0],),
                    ).fetchone()[0]

            wait_until(erased_upstream, "the erasure to reach the central collector")
            wait_until(lambda: ": 0 waiting" in page(stand), "the stand to owe nothing more")
    assert central_rows(postgres_url) == dict.fromkeys(uuids, 1)


def test_an_upstream_failing_or_dropping_answers_still_gets_each_record_once(tmp_path):
    token = token_file(tmp_path / "central")
    kiosk = tmp_path / "kiosk.db"
    uuids = fill(kiosk, 20, seed=5, kiosk_id="kiosk-one")
    with FaultServer(tmp_path / "central.db") as upstream:
        # 500, an answer lost after the commit, a record left out, an answer cut in half.
        upstream.plan.extend(["500", "commit_then_close", "drop_one", "half_answer"])
        (tmp_path / "stand").mkdir()
        settings = stand_settings(upstream.url, token, batch_size=5)
        with running_collector(tmp_path / "stand", settings) as stand:
            deliver(tmp_path, "kiosk-one", kiosk, stand)
            wait_until(lambda: outbox_states(stand["database"]) == {"delivered": 20}, "forwarding")
        held = upstream.uuids()
        assert "half_answer" in upstream.requests  # every fault was met on the way
    assert sorted(held) == sorted(uuids)  # a list: a record stored twice would show twice


def test_kiosk_sync_by_hand_on_a_forwarding_stand_still_delivers_each_record_once(tmp_path):
    token = token_file(tmp_path / "central")
    kiosk = tmp_path / "kiosk.db"
    uuids = fill(kiosk, 40, seed=9, kiosk_id="kiosk-one")
    (tmp_path / "stand").mkdir()
    with FaultServer(tmp_path / "central.db") as upstream:
        settings = stand_settings(upstream.url, token, batch_size=5) + (
            f'[sync]\ntarget = "webhook"\nurl = "{upstream.url}"\ntoken_file = "{token}"\n'
            "batch_size = 3\n"
        )
        with running_collector(tmp_path / "stand", settings) as stand:
            deliver(tmp_path, "kiosk-one", kiosk, stand)
            config = tmp_path / "stand" / f"collector-{stand['port']}.toml"
            by_hand = run_kiosk("sync", "--once", "--config", str(config),
                                "--database", str(stand["database"]))  # fmt: skip
            assert by_hand.returncode == 0, by_hand.stdout + by_hand.stderr
            wait_until(lambda: outbox_states(stand["database"]) == {"delivered": 40}, "forwarding")
        held = upstream.uuids()
    assert sorted(held) == sorted(uuids)


def test_a_stand_restarted_after_its_upstream_token_was_fixed_forwards_at_once(tmp_path):
    token = token_file(tmp_path / "central")
    token.write_text("a-token-the-central-collector-never-gave-anyone")
    kiosk = tmp_path / "kiosk.db"
    uuids = fill(kiosk, 5, seed=10, kiosk_id="kiosk-one")
    (tmp_path / "stand").mkdir()
    with FaultServer(tmp_path / "central.db") as upstream:
        settings = stand_settings(upstream.url, token)
        with running_collector(tmp_path / "stand", settings) as stand:
            deliver(tmp_path, "kiosk-one", kiosk, stand)  # the stand takes them all the same
            wait_until(lambda: "HTTP 401" in page(stand), "the upstream to refuse the token")
        log = stand["process"].communicate()[1]
        assert "collector.upstream_token_file" in log  # the setting to fix, by its name
        # The refusal put the records off for a long while; fixed and restarted, they go now.
        token.write_text(TOKEN)
        with running_collector(tmp_path / "stand", settings, port=stand["port"]) as again:
            wait_until(lambda: outbox_states(again["database"]) == {"delivered": 5}, "delivery")
        assert sorted(upstream.uuids()) == sorted(uuids)


def test_a_stand_killed_mid_forward_loses_nothing_and_duplicates_nothing(tmp_path):
    token = token_file(tmp_path / "central")
    kiosk = tmp_path / "kiosk.db"
    uuids = fill(kiosk, 30, seed=6, kiosk_id="kiosk-one")
    (tmp_path / "stand").mkdir()
    with FaultServer(tmp_path / "central.db", late_by=30.0) as upstream:
        upstream.plan.extend(["ok", "commit_then_late"])  # the second batch hangs after commit
        settings = stand_settings(upstream.url, token, batch_size=5)
        with running_collector(tmp_path / "stand", settings) as stand:
            deliver(tmp_path, "kiosk-one", kiosk, stand)
            # Killed while the central side sits on its answer to the second batch, committed.
            wait_until(lambda: len(upstream.uuids()) >= 10, "the second batch to be committed")
            stand["process"].send_signal(signal.SIGKILL)
            stand["process"].wait()
        assert len(upstream.uuids()) < 30  # it was killed mid-forward indeed
        with running_collector(tmp_path / "stand", settings, port=stand["port"]) as again:
            wait_until(lambda: outbox_states(again["database"]) == {"delivered": 30}, "the rest")
        held = upstream.uuids()
    assert sorted(held) == sorted(uuids)
    with sqlite3.connect(tmp_path / "stand" / "stand.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM signatures").fetchone() == (30,)


def test_the_stand_page_says_how_forwarding_goes_and_a_central_page_does_not(
    tmp_path, postgres_url
):
    token = token_file(tmp_path / "central")
    (tmp_path / "stand").mkdir()
    nowhere = "http://127.0.0.1:9/api/records"  # the discard port: nobody answers
    with running_collector(tmp_path / "stand", stand_settings(nowhere, token)) as stand:
        assert f"Forwarding to {nowhere}: 0 waiting; last forwarded never." in page(stand)
    with running_collector(tmp_path / "central", database=postgres_url) as central:
        text = page(central)
        assert "signatures in all" in text and "Forwarding" not in text


def test_the_stand_page_redraws_its_forwarding_card_once_the_records_went_upstream(tmp_path):
    token = token_file(tmp_path / "central")
    kiosk = tmp_path / "kiosk.db"
    fill(kiosk, 5, seed=3, kiosk_id="kiosk-one")
    (tmp_path / "stand").mkdir()
    with FaultServer(tmp_path / "central.db") as upstream:
        upstream.plan.extend(["429"] * 1000)  # "slow down, again in 7 s", until told otherwise
        with running_collector(tmp_path / "stand", stand_settings(upstream.url, token)) as stand:
            deliver(tmp_path, "kiosk-one", kiosk, stand)
            wait_until(lambda: "429" in upstream.requests, "the upstream to say slow down")
            shown = page(stand)
            assert ": 5 waiting" in shown
            version = re.search(r'data-version="(\w+)"', shown)[1]
            upstream.plan.clear()  # the upstream takes them at the stand's next try
            wait_until(lambda: outbox_states(stand["database"]) == {"delivered": 5}, "forwarding")
            # No count changed, only the card: the page's script must still see a new version.
            with coordinator(stand["base"]) as client:
                assert client.get("/dashboard.json").json()["version"] != version
                assert ": 0 waiting" in client.get("/").text


def test_a_central_collector_told_to_forward_refuses_to_start_and_says_why(tmp_path, postgres_url):
    upstream = Upstream(url="http://127.0.0.1:9/api/records", token=TOKEN)
    with pytest.raises(SyncError, match=r"central collector \(on PostgreSQL\) forwards nothing"):
        create_app(postgres_url, TOKEN, upstream=upstream)
    token = token_file(tmp_path)
    config = tmp_path / "central.toml"
    config.write_text(stand_settings("http://127.0.0.1:9/api/records", token))
    result = collect(config, postgres_url, token)
    assert result.returncode == 78 and "remove collector.upstream_url" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_stands_own_token_is_never_sent_upstream(tmp_path, monkeypatch):
    config = tmp_path / "stand.toml"
    config.write_text('[collector]\nupstream_url = "https://central.example.org/api/records"\n')
    monkeypatch.setenv(TOKEN_ENV, TOKEN)  # what the stand's own kiosks send it
    with pytest.raises(SyncError, match=r"collector\.upstream_token_file or the KIOSK_UPSTREAM"):
        collector_upstream(load_config(config))
    monkeypatch.setenv("KIOSK_UPSTREAM_TOKEN", "the-central-token")
    assert collector_upstream(load_config(config)).token == "the-central-token"


def test_a_stand_with_a_wrong_upstream_address_says_so_at_start(tmp_path):
    token = token_file(tmp_path)
    config = tmp_path / "stand.toml"
    config.write_text(stand_settings("http://central.example.org/api/records", token))
    result = collect(config, str(tmp_path / "s.db"), token)
    assert result.returncode == 78, result.stderr
    assert "http://" in result.stderr and "Traceback" not in result.stderr
