"""Kiosks paired with their collector, each with a token of its own, instead of one shared
secret: added by the coordinator, paired with a one-time code, revoked, paired again.

Through the real commands: `kiosk collect` (tests/collectorproc.py) on a stand's SQLite file
and on a campaign's PostgreSQL (tests/postgres.py), `kiosk collect kiosks ...` and `kiosk pair`
as a coordinator and a volunteer type them, `kiosk sync` on a real kiosk database."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
import pytest

from kiosk.collector.pairing import add_kiosk, code_svg
from kiosk.core.cases import load_cases
from kiosk.core.delivery.pairing import ALPHABET, normalised, slot
from kiosk.core.records import collected
from kiosk.core.records.outbox import Outbox
from kiosk.core.records.store import Store
from kiosk.core.sample import synthetic_signatures
from tests.collectorproc import running_collector
from tests.conftest import BUNDLED_CASES, run_kiosk
from tests.faultserver import TOKEN

CODE = re.compile(r"^\s+([0-9A-Z]{5}-[0-9A-Z]{5})$", re.MULTILINE)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path) -> Path | str:
    """A collector's database: a stand's SQLite file, or a campaign's PostgreSQL."""
    if request.param == "sqlite":
        return tmp_path / "stand.db"
    return request.getfixturevalue("postgres_url")


def add(database: Path | str, name: str) -> str:
    """`kiosk collect kiosks add NAME` as the coordinator types it: the code it prints."""
    added = run_kiosk("collect", "kiosks", "add", name, "--database", str(database))
    assert added.returncode == 0, added.stdout + added.stderr
    return CODE.search(added.stdout).group(1)


def kiosk_config(folder: Path) -> Path:
    """A kiosk's settings, with a volunteer's comment that pairing must keep."""
    folder.mkdir(exist_ok=True)
    config = folder / "config.toml"
    config.write_text('# the Bern stand, kiosk by the door\n[printing]\nmode = "off"\n')
    return config


def pair(base: str, code: str, config: Path):
    return run_kiosk("pair", base, code, "--config", str(config))


def fill(database: Path, count: int, seed: int, kiosk_id: str = "kiosk-by-the-door") -> list[str]:
    cases = list(load_cases(BUNDLED_CASES))
    made = list(synthetic_signatures(cases, count, event_id="bern", kiosk_id=kiosk_id, seed=seed))
    with Store(database) as store:
        for signature in made:
            store.record(signature, print_letter=False)
    return [s.uuid for s in made]


def sync(config: Path, database: Path):
    return run_kiosk("sync", "--once", "--max-time", "20", "--config", str(config),
                     "--database", str(database))  # fmt: skip


def pending(database: Path) -> int:
    with Store(database) as store:
        return Outbox(store).status().pending


def kept(database: Path | str) -> dict[str, tuple[str, str, str, str]]:
    """Each record the collector keeps: (kiosk_id it claims, sent_by, signed_at, received_at)."""
    sql = "SELECT uuid, kiosk_id, sent_by, signed_at, received_at FROM signatures"
    if isinstance(database, str):
        with psycopg.connect(database) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        with sqlite3.connect(database) as conn:
            rows = conn.execute(sql).fetchall()
    return {uuid: (kiosk, sender, signed, str(received)) for uuid, kiosk, sender, signed, received
            in rows}  # fmt: skip


def kiosks_list(database: Path | str) -> dict[str, str]:
    listed = run_kiosk("collect", "kiosks", "list", "--database", str(database))
    assert listed.returncode == 0, listed.stderr
    return {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}


def post_pair(base: str, code: str, kiosk_id: str = "k") -> httpx.Response:
    body = {"protocol": "kiosk-pair/1", "code": code, "kiosk_id": kiosk_id}
    return httpx.post(f"{base}/api/pair", json=body, timeout=30)


def records_answer(base: str, token: str) -> int:
    """What the records endpoint answers an empty batch with `token`."""
    body = {"protocol": "kiosk-sync/1", "kiosk_id": "x", "records": []}
    return httpx.post(
        f"{base}/api/records", json=body, headers={"Authorization": f"Bearer {token}"}
    ).status_code


def code_of(database: Path | str, name: str, **options) -> str:
    """A code made through the application, as `kiosks add` makes it (`now`, `hours`)."""
    collection = collected.open_collection(database)
    try:
        return add_kiosk(collection.kiosks(), name, **options).code
    finally:
        collection.close()


# -- pairing and delivering ------------------------------------------------------------------


def test_a_paired_kiosk_delivers_with_its_own_token_and_its_records_name_it(tmp_path, database):
    code = add(database, "bern-1")
    config = kiosk_config(tmp_path / "kiosk")
    kiosk_db = tmp_path / "kiosk" / "signatures.db"
    uuids = fill(kiosk_db, 12, seed=1, kiosk_id="someone-else")  # what the records claim
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        assert "waiting" in kiosks_list(database)["bern-1"]
        paired = pair(collector["base"], code, config)
        assert paired.returncode == 0, paired.stdout + paired.stderr
        token_file = config.parent / "sync-token"
        token = token_file.read_text().strip()
        assert len(token) >= 43 and stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert token not in paired.stdout + paired.stderr
        settings = config.read_text()
        assert "# the Bern stand, kiosk by the door" in settings  # the comment is kept
        assert f'url = "{collector["url"]}"' in settings and 'target = "webhook"' in settings
        assert 'id = "bern-1"' in settings  # it had none: it is called as the coordinator said

        delivered = sync(config, kiosk_db)
        assert delivered.returncode == 0, delivered.stdout + delivered.stderr
        assert token not in delivered.stdout + delivered.stderr
        listed = kiosks_list(database)["bern-1"]
    assert pending(kiosk_db) == 0
    records = kept(database)
    assert set(records) == set(uuids)
    with Store(kiosk_db) as store:
        signed = {s.uuid: s.signed_at for s in store.signatures()}
    for uuid, (claimed, sender, signed_at, received_at) in records.items():
        assert claimed == "someone-else" and sender == "bern-1"  # not what the message says
        assert signed_at == signed[uuid] and received_at not in ("", "None")
    assert "paired" in listed and "never" not in listed  # with its last report


def test_a_revoked_kiosk_keeps_its_records_until_it_is_paired_again(tmp_path, database):
    config = kiosk_config(tmp_path / "kiosk")
    kiosk_db = tmp_path / "kiosk" / "signatures.db"
    first = fill(kiosk_db, 5, seed=2)
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        assert pair(collector["base"], add(database, "bern-1"), config).returncode == 0
        assert sync(config, kiosk_db).returncode == 0
        revoked = run_kiosk("collect", "kiosks", "revoke", "bern-1", "--database", str(database))
        assert revoked.returncode == 0, revoked.stderr
        assert "revoked" in kiosks_list(database)["bern-1"]

        later = fill(kiosk_db, 7, seed=3)
        refused = sync(config, kiosk_db)
        assert refused.returncode == 77, refused.stdout + refused.stderr
        assert "revoked" in refused.stderr and "bern-1" in refused.stderr  # the reason comes
        assert pending(kiosk_db) == 7 and set(kept(database)) == set(first)  # nothing lost

        again = pair(collector["base"], add(database, "bern-1"), config)
        assert again.returncode == 0, again.stdout + again.stderr
        delivered = sync(config, kiosk_db)
        assert delivered.returncode == 0, delivered.stdout + delivered.stderr
        assert "paired" in kiosks_list(database)["bern-1"]
    assert pending(kiosk_db) == 0
    records = kept(database)
    assert set(records) == set(first + later)
    assert {sender for _, sender, _, _ in records.values()} == {"bern-1"}


def test_the_old_token_of_a_kiosk_paired_again_no_longer_works(tmp_path, database):
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        old = post_pair(collector["base"], add(database, "bern-1")).json()["token"]
        assert records_answer(collector["base"], old) == 200
        run_kiosk("collect", "kiosks", "revoke", "bern-1", "--database", str(database))
        assert records_answer(collector["base"], old) == 403
        new = post_pair(collector["base"], add(database, "bern-1")).json()["token"]
        assert records_answer(collector["base"], new) == 200
        assert records_answer(collector["base"], old) == 401


def test_the_shared_token_still_works_and_its_records_name_the_kiosk_the_message_names(
    tmp_path, database
):
    cases = list(load_cases(BUNDLED_CASES))
    [signature] = synthetic_signatures(cases, 1, event_id="bern", kiosk_id="k-1", seed=4)
    batch = {
        "protocol": "kiosk-sync/1",
        "kiosk_id": "stand-laptop",
        "records": [{"uuid": signature.uuid, "record": signature.payload()}],
    }
    with running_collector(tmp_path, database=database) as collector:
        add(database, "bern-1")  # a paired kiosk beside does not change the shared token's use
        answer = httpx.post(
            collector["url"], json=batch, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "stored"
    assert kept(database)[signature.uuid][:2] == ("k-1", "stand-laptop")


# -- codes that do not work --------------------------------------------------------------------


def test_a_pairing_code_works_only_once(tmp_path, database):
    code = add(database, "bern-1")
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        assert pair(collector["base"], code, kiosk_config(tmp_path / "a")).returncode == 0
        second = pair(collector["base"], code, kiosk_config(tmp_path / "b"))
    assert second.returncode == 65, second.stdout + second.stderr
    assert "not valid" in second.stderr and "Traceback" not in second.stderr
    assert not (tmp_path / "b" / "sync-token").exists()
    assert "sync" not in (tmp_path / "b" / "config.toml").read_text()  # nothing changed


def test_an_expired_code_is_refused_and_says_so(tmp_path, database):
    yesterday = datetime.now(UTC) - timedelta(days=1)
    code = code_of(database, "bern-1", hours=2, now=yesterday)
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        refused = pair(collector["base"], code, kiosk_config(tmp_path / "kiosk"))
    assert refused.returncode == 65
    assert "expired" in refused.stderr and "kiosks add bern-1" in refused.stderr
    assert "expired" in kiosks_list(database)["bern-1"]


def test_a_code_tried_wrongly_five_times_stops_working(tmp_path, database):
    code = normalised(code_of(database, "bern-1"))
    wrong = [slot(code) + c * 7 for c in ALPHABET if slot(code) + c * 7 != code][:5]
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        answers = [post_pair(collector["base"], guess) for guess in wrong]
        assert [a.status_code for a in answers] == [403] * 5
        assert all("not valid" in a.json()["error"] for a in answers)  # no hint for a guesser
        right = post_pair(collector["base"], code)
    assert right.status_code == 403 and "too often" in right.json()["error"]
    assert "expired" in kiosks_list(database)["bern-1"]
    assert code_of(database, "bern-1")  # the coordinator gives it a new one


def test_a_client_guessing_codes_is_told_to_wait(tmp_path):
    database = tmp_path / "stand.db"
    code = code_of(database, "bern-1")
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        guesses = [post_pair(collector["base"], f"ZZZZZ{n:05d}") for n in range(10)]
        assert {g.status_code for g in guesses} == {403}
        blocked = post_pair(collector["base"], code)  # even the right code, from there
        refused = pair(collector["base"], code, kiosk_config(tmp_path / "kiosk"))
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert refused.returncode == 69 and "Try again in" in refused.stderr
    assert "waiting" in kiosks_list(database)["bern-1"]  # the code itself still works


def test_two_kiosks_sending_one_code_at_once_only_one_is_paired(tmp_path, database):
    code = add(database, "bern-1")
    answers: list[httpx.Response] = []
    with (
        running_collector(tmp_path, database=database, shared_token=False) as one,
        running_collector(tmp_path, database=database, shared_token=False) as two,
    ):
        start = threading.Barrier(8)

        def race(base: str, n: int) -> None:
            start.wait()
            answers.append(post_pair(base, code, kiosk_id=f"racer-{n}"))

        racers = [
            threading.Thread(target=race, args=(collector["base"], n))
            for n, collector in enumerate([one, two] * 4)
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
        won = [a for a in answers if a.status_code == 200]
        assert len(won) == 1, [a.text for a in answers]
        assert sorted(a.status_code for a in answers) == [200] + [403] * 7
        token = won[0].json()["token"]
        assert records_answer(one["base"], token) == records_answer(two["base"], token) == 200


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"protocol": "kiosk-pair/1"}',
        b'{"protocol": "kiosk-pair/1", "code": 1234567890}',
        b'{"protocol": "kiosk-pair/1", "code": "ABCDEFGHJK", "kiosk_id": {"a": 1}}',
        b'{"protocol": "other", "code": "ABCDEFGHJK"}',
        b'{"code": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_hostile_pairing_requests_are_refused_without_a_fault(tmp_path, body):
    with running_collector(tmp_path, shared_token=False) as collector:
        answer = httpx.post(
            f"{collector['base']}/api/pair",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        huge = httpx.post(f"{collector['base']}/api/pair", content=b"x" * 10_000)
    assert answer.status_code in (400, 403, 413), answer.text
    assert "error" in answer.json()
    assert huge.status_code == 413


# -- the coordinator's commands ----------------------------------------------------------------


def test_a_paired_name_is_not_added_again_and_an_unknown_one_not_revoked(tmp_path, database):
    code = code_of(database, "bern-1")
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        assert post_pair(collector["base"], code).status_code == 200
    again = run_kiosk("collect", "kiosks", "add", "bern-1", "--database", str(database))
    assert again.returncode == 65 and "revoke it first" in again.stderr
    unknown = run_kiosk("collect", "kiosks", "revoke", "bern-9", "--database", str(database))
    assert unknown.returncode == 66 and "bern-1" in unknown.stderr  # names the ones there are
    bad = run_kiosk("collect", "kiosks", "add", "bern 1", "--database", str(database))
    assert bad.returncode == 65 and "cannot name a kiosk" in bad.stderr


def test_pairing_over_plain_http_to_another_machine_needs_allow_http(tmp_path):
    config = kiosk_config(tmp_path / "kiosk")
    before = config.read_text()
    refused = pair("http://192.0.2.7:8765", "7QF3K-XB29M", config)
    assert refused.returncode == 78 and "--allow-http" in refused.stderr
    assert "not used" in refused.stderr and config.read_text() == before
    nonsense = pair("ftp://laptop", "7QF3K-XB29M", config)
    assert nonsense.returncode == 78 and "not a web address" in nonsense.stderr


def test_the_collectors_options_before_kiosks_name_its_database(tmp_path):
    database = tmp_path / "stand.db"
    added = run_kiosk("collect", "--database", str(database), "kiosks", "add", "bern-1")
    assert added.returncode == 0, added.stderr
    assert "bern-1" in kiosks_list(database)


def test_the_code_shown_as_svg_is_the_qr_code_of_the_code():
    import qrcode

    svg = code_svg("7QF3K-XB29M")
    assert svg.startswith("<svg") and "viewBox" in svg
    dark = {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", svg)}
    qr = qrcode.QRCode(border=2)
    qr.add_data("7QF3K-XB29M")
    expected = {
        (x, y) for y, row in enumerate(qr.get_matrix()) for x, cell in enumerate(row) if cell
    }
    assert dark == expected
    assert dark != {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", code_svg("X"))}


# -- kiosk setup -------------------------------------------------------------------------------


def test_kiosk_setup_takes_a_pairing_code_instead_of_a_token(tmp_path, database):
    code = add(database, "bern-1")
    config = tmp_path / "kiosk" / "config.toml"
    config.parent.mkdir()
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        answers = tmp_path / "bern-kiosk.toml"
        answers.write_text(
            '[event]\nid = "bern-2026"\nname = "Bern"\n[kiosk]\nid = ""\n'
            '[printing]\nprinter = "none"\n'
            f'[sync]\ntarget = "webhook"\nurl = "{collector["url"]}"\n'
            f'pairing_code = "{code.lower()}"\n'  # typed in lower case: still the code
        )
        result = run_kiosk("setup", "--from", str(answers), "--config", str(config))
        assert "Saved in" in result.stdout, result.stdout + result.stderr
        token = (config.parent / "sync-token").read_text().strip()
        assert records_answer(collector["base"], token) == 200
    settings = config.read_text()
    assert "pairing_code" not in settings and code not in settings and token not in settings
    assert 'token_file = "' in settings and 'id = "bern-1"' in settings
    assert token not in result.stdout + result.stderr
    assert "paired" in kiosks_list(database)["bern-1"]


def test_kiosk_setup_refuses_what_cannot_be_a_pairing_code(tmp_path):
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[event]\nid = "bern-2026"\n[printing]\nprinter = "none"\n'
        '[sync]\ntarget = "webhook"\nurl = "http://127.0.0.1:9/api/records"\n'
        'pairing_code = "12345"\n'
    )
    result = run_kiosk("setup", "--from", str(answers), "--config", str(tmp_path / "c.toml"))
    assert result.returncode == 78 and "not a pairing code" in result.stderr
    assert not (tmp_path / "c.toml").exists()


def test_a_pairing_answer_never_shows_its_token(tmp_path):
    from kiosk.core.delivery.pairing import Paired

    shown = repr(Paired("bern-1", "s3cr3t-token-value", "http://x/api/records"))
    assert "s3cr3t" not in shown and "bern-1" in shown


# -- what the databases keep ---------------------------------------------------------------------


def test_a_central_database_of_before_pairing_is_brought_forward_with_its_records(postgres_url):
    from kiosk.core.records import central

    cases = list(load_cases(BUNDLED_CASES))
    [old, new] = synthetic_signatures(cases, 2, event_id="bern", kiosk_id="k-1", seed=5)
    with psycopg.connect(postgres_url) as conn:  # as a collector of migration 2 left it
        conn.execute("CREATE TABLE kiosk_schema (version INTEGER NOT NULL)")
        for statement in [*central.MIGRATIONS[0], *central.MIGRATIONS[1]]:
            conn.execute(statement)
        conn.execute("INSERT INTO kiosk_schema (version) VALUES (2)")
        row = old.to_row()
        conn.execute(
            "INSERT INTO signatures (uuid, case_id, event_id, kiosk_id, signed_at, language, "
            "given_name, family_name, postal_code, town, country, email, consents, "
            "wants_letter, payload) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s)",
            (*[row[k] for k in ("uuid", "case_id", "event_id", "kiosk_id", "signed_at",
               "language", "given_name", "family_name", "postal_code", "town", "country",
               "email", "consents", "wants_letter")], json.dumps(old.payload())),
        )  # fmt: skip
    with central.CentralStore(postgres_url) as store:
        assert store.schema_version() == central.SCHEMA_VERSION
        assert store.keep_all([(new, new.payload())], "bern-1") == ["stored"]
        assert store.keep_all([(old, old.payload())]) == ["duplicate"]
    records = kept(postgres_url)
    assert records[old.uuid][1] is None and records[new.uuid][1] == "bern-1"


def test_the_kiosks_states_for_the_page_follow_each_step(database):
    from kiosk.collector.pairing import Pairing, kiosk_states, revoke_kiosk

    collection = collected.open_collection(database)
    try:
        kiosks = collection.kiosks()
        pairing = Pairing(kiosks)

        def states() -> dict[str, tuple[str, str]]:
            return {k.name: (k.state, k.revoked_at) for k in kiosk_states(kiosks)}

        def exchange(code: str) -> int:
            body = json.dumps({"protocol": "kiosk-pair/1", "code": code}).encode()
            return pairing.exchange(body, "127.0.0.1").status

        code = add_kiosk(kiosks, "bern-1").code
        add_kiosk(kiosks, "bern-2", hours=1, now=datetime.now(UTC) - timedelta(hours=2))
        assert states() == {"bern-1": ("waiting", ""), "bern-2": ("expired", "")}
        assert exchange(code) == 200 and states()["bern-1"] == ("paired", "")
        revoke_kiosk(kiosks, "bern-1")
        state, revoked_at = states()["bern-1"]
        assert state == "revoked" and revoked_at
        again = add_kiosk(kiosks, "bern-1").code
        assert states()["bern-1"] == ("waiting", revoked_at)  # revoked until paired again
        assert exchange(again) == 200 and states()["bern-1"] == ("paired", "")
        [waiting] = [k for k in kiosk_states(kiosks) if k.name == "bern-1"]
        assert not waiting.waiting and waiting.paired_at
    finally:
        collection.close()
