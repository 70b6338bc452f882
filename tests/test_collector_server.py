"""The collector on a stand's open network: nobody guesses its token, and no slow, idle or
hostile client holds it up or makes it fail (`kiosk/collector/server.py`, the records endpoint's
body reading in `kiosk/collector/`, the token in `kiosk/core/delivery/token.py`)."""

from __future__ import annotations

import json
import socket
import sqlite3
import stat
import threading
import time

import httpx
import pytest

from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.collectorproc import running_collector
from tests.conftest import BUNDLED_CASES, run_kiosk
from tests.faultserver import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PATIENCE = 30.0  # seconds before a wait for the server to close a socket is a failure


def one_record(tmp_path) -> dict:
    """A real record as a kiosk delivers it (its outbox payload)."""
    from kiosk.core.cases import load_cases

    cases = list(load_cases(BUNDLED_CASES))
    [signature] = synthetic_signatures(cases, 1, event_id="bern", kiosk_id="k", seed=11)
    database = tmp_path / "kiosk.db"
    with Store(database) as store:
        store.record(signature, print_letter=False)
    with sqlite3.connect(database) as conn:
        return json.loads(conn.execute("SELECT payload FROM outbox").fetchone()[0])


def batch(*records: dict) -> dict:
    return {
        "protocol": "kiosk-sync/1",
        "kiosk_id": "k",
        "records": [{"uuid": r["uuid"], "record": r} for r in records],
    }


def closed_by_server(sock: socket.socket, deadline: float) -> bool:
    """Wait (until `deadline`, a monotonic time) for the server to close `sock`: recv then
    gives b"" or a reset."""
    try:
        while True:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            if not sock.recv(4096):  # data first (e.g. a 408) is fine: read on to the close
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def still_open(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.setblocking(True)


# -- the token ---------------------------------------------------------------------------------


def test_a_short_collector_token_is_refused_at_start_naming_the_file(tmp_path):
    token = tmp_path / "token.txt"
    token.write_text("x" * 31 + "\n")
    token.chmod(0o600)
    started = run_kiosk(
        "collect",
        "--database",
        str(tmp_path / "stand.db"),
        "--token-file",
        str(token),
        env={"KIOSK_SYNC_TOKEN": ""},
    )
    assert started.returncode == 78, started.stdout + started.stderr
    assert str(token) in started.stderr and "at least 32" in started.stderr
    assert "--new-token" in started.stderr and "Traceback" not in started.stderr
    assert not (tmp_path / "stand.db").exists()


def test_new_token_writes_a_long_private_token_and_says_how_to_use_it(tmp_path):
    path = tmp_path / "token.txt"
    made = run_kiosk("collect", "--new-token", str(path))
    assert made.returncode == 0, made.stdout + made.stderr
    token = path.read_text().strip()
    assert len(token) >= 43 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token not in made.stdout + made.stderr
    assert "--token-file" in made.stdout and "token_file" in made.stdout
    assert "/api/records" in made.stdout

    again = run_kiosk("collect", "--new-token", str(path))
    assert again.returncode == 73 and "exists already" in again.stderr
    assert path.read_text().strip() == token

    other = tmp_path / "other.txt"
    run_kiosk("collect", "--new-token", str(other))
    assert other.read_text().strip() != token


# -- slow and idle connections -------------------------------------------------------------------


def test_fifty_slow_sockets_are_closed_and_a_kiosk_still_delivers_meanwhile(tmp_path):
    record = one_record(tmp_path)
    settings = "[collector]\nheader_timeout = 5\nmax_connections = 80\n"
    with running_collector(tmp_path, settings) as collector:
        slow = []
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", collector["port"]))
            sock.sendall(b"P")  # one byte of "POST ...", then nothing
            slow.append(sock)
        try:
            delivered = httpx.post(collector["url"], json=batch(record), headers=AUTH)
            assert delivered.json()["results"] == [{"uuid": record["uuid"], "status": "stored"}]
            open_meanwhile = sum(still_open(s) for s in slow)
            deadline = time.monotonic() + PATIENCE
            closed = [closed_by_server(s, deadline) for s in slow]
        finally:
            for sock in slow:
                sock.close()
    assert open_meanwhile == 50  # the delivery really happened while they were all open
    assert all(closed)


def test_a_connection_that_sends_nothing_or_idles_after_an_answer_is_closed(tmp_path):
    settings = "[collector]\nheader_timeout = 1\nkeep_alive_timeout = 1\n"
    with running_collector(tmp_path, settings) as collector:
        silent = socket.create_connection(("127.0.0.1", collector["port"]))
        idle = socket.create_connection(("127.0.0.1", collector["port"]))
        idle.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            deadline = time.monotonic() + PATIENCE
            assert closed_by_server(silent, deadline)
            assert closed_by_server(idle, deadline)
        finally:
            silent.close()
            idle.close()


def test_connections_beyond_the_limit_get_503_until_the_silent_ones_are_cut_off(tmp_path):
    settings = "[collector]\nheader_timeout = 2\nmax_connections = 4\n"
    with running_collector(tmp_path, settings) as collector:
        silent = [socket.create_connection(("127.0.0.1", collector["port"])) for _ in range(4)]
        try:
            with httpx.Client() as client:
                assert client.get(collector["base"] + "/health").status_code == 503
            deadline = time.monotonic() + PATIENCE
            assert all(closed_by_server(sock, deadline) for sock in silent)
            with httpx.Client() as client:
                assert client.get(collector["base"] + "/health").status_code == 200
        finally:
            for sock in silent:
                sock.close()


# -- hostile bodies -----------------------------------------------------------------------------


@pytest.fixture
def collector(tmp_path):
    with running_collector(tmp_path, "[collector]\nbody_timeout = 5\n") as running:
        yield running


def test_a_body_nested_2000_levels_deep_gets_400_with_a_reason(collector):
    body = b'{"protocol": "kiosk-sync/1", "records": ' + b"[" * 2000 + b"]" * 2000 + b"}"
    answer = httpx.post(collector["url"], content=body, headers=AUTH)
    assert answer.status_code == 400 and "nested" in answer.json()["error"]
    deep_record = {"uuid": "x", "record": {"extra": json.loads("[" * 500 + "]" * 500)}}
    message = {"protocol": "kiosk-sync/1", "records": [deep_record]}
    answer = httpx.post(collector["url"], json=message, headers=AUTH)
    assert answer.status_code == 400 and "nested" in answer.json()["error"]
    assert httpx.get(collector["base"] + "/health").text == "ok"


def test_a_body_trickled_byte_by_byte_is_refused_not_chewed_on(tmp_path):
    """1 MiB in 1-byte pieces, each its own message to the app (over a socket, a busy machine
    lets the kernel join the bytes up, so the pieces are handed over in-process instead)."""
    import asyncio

    from kiosk.collector import create_app

    size = 1024 * 1024
    sent = [0]

    async def trickle():
        for _ in range(size):
            sent[0] += 1
            yield b" "

    async def post() -> httpx.Response:
        app = create_app(tmp_path / "stand.db", TOKEN, body_timeout=PATIENCE)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://collector") as client:
            headers = {**AUTH, "Content-Length": str(size), "Content-Type": "application/json"}
            return await client.post("/api/records", content=trickle(), headers=headers)

    answer = asyncio.run(post())

    assert answer.status_code == 400 and "tiny pieces" in answer.json()["error"], answer.text
    assert sent[0] < size // 10  # refused within its first pieces, not read to the end


def test_a_chunked_body_is_refused_with_411(collector):
    def pieces():
        yield b'{"protocol": "kiosk-sync/1", '
        yield b'"records": []}'

    answer = httpx.post(collector["url"], content=pieces(), headers=AUTH)
    assert answer.status_code == 411 and "Content-Length" in answer.json()["error"]


def test_large_batches_at_once_all_get_their_answer(collector):
    """Bodies in memory at once are bounded: the ones that wait still get their answer."""
    junk = [{"uuid": f"{n:08d}", "record": {"junk": "x" * 16_500}} for n in range(480)]
    body = json.dumps({"protocol": "kiosk-sync/1", "kiosk_id": "j", "records": junk}).encode()
    answers: list[int] = []

    def post() -> None:
        answer = httpx.post(collector["url"], content=body, headers=AUTH, timeout=PATIENCE)
        answers.append(answer.status_code)

    clients = [threading.Thread(target=post) for _ in range(5)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    assert len(body) > 7 * 1024 * 1024 and answers == [200] * 5


@pytest.mark.parametrize(
    "media_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_batch_sent_as_text_or_a_form_gets_415_saying_to_send_json(
    collector, tmp_path, media_type
):
    record = one_record(tmp_path)
    answer = httpx.post(
        collector["url"],
        content=json.dumps(batch(record)).encode(),
        headers={**AUTH, "Content-Type": media_type},
    )
    assert answer.status_code == 415 and "application/json" in answer.json()["error"]
    with sqlite3.connect(collector["database"]) as conn:
        assert conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 0


@pytest.mark.parametrize(
    "media_type", ["application/json; charset=utf-8", "APPLICATION/JSON", None]
)
def test_a_batch_sent_as_json_or_without_a_media_type_is_taken(collector, tmp_path, media_type):
    record = one_record(tmp_path)
    headers = {**AUTH, **({"Content-Type": media_type} if media_type else {})}
    body = json.dumps(batch(record)).encode()
    answer = httpx.post(collector["url"], content=body, headers=headers)
    assert answer.status_code == 200 and answer.json()["results"][0]["uuid"] == record["uuid"]
