"""The coordinators' dashboard: the right counts on a stand's SQLite collector and on a
campaign's PostgreSQL one, never a name, and only for coordinators who logged in.

Against the real `kiosk collect` on 127.0.0.1 (tests/collectorproc.py), on a SQLite file and on
a real PostgreSQL started by the suite (tests/postgres.py)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import datetime

import httpx
import pytest

from kiosk.core.cases import load_cases
from kiosk.core.sample import synthetic_signatures
from kiosk.core.signatures import Signature
from tests.collectorproc import PASSWORD, coordinator, running_collector, set_password
from tests.conftest import BUNDLED_CASES
from tests.faultserver import TOKEN

NAME = "Quintessa Vandermolen-Oyelaran"  # a signer's name found nowhere else


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """Where the collector keeps its records: a stand's SQLite file or a campaign's PostgreSQL."""
    if request.param == "sqlite":
        return tmp_path / "stand.db"
    return request.getfixturevalue("postgres_url")


def made(count: int, *, kiosk_id: str, event_id: str = "bern", seed: int = 1) -> list[Signature]:
    cases = list(load_cases(BUNDLED_CASES))
    return list(synthetic_signatures(cases, count, event_id=event_id, kiosk_id=kiosk_id, seed=seed))


def deliver(url: str, signatures: list[Signature], kiosk_id: str, **extra) -> httpx.Response:
    """One kiosk-sync/1 request as a kiosk sends it (`extra`: more fields of the message)."""
    message = {
        "protocol": "kiosk-sync/1",
        "kiosk_id": kiosk_id,
        **extra,
        "records": [{"uuid": s.uuid, "record": s.payload()} for s in signatures],
    }
    answer = httpx.post(url, json=message, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    return answer


def local_hours(signatures: list[Signature]) -> Counter[str]:
    return Counter(
        datetime.fromisoformat(s.signed_at).astimezone().strftime("%H") for s in signatures
    )


def test_the_dashboard_counts_per_case_event_kiosk_and_hour_with_the_goal(tmp_path, database):
    one = made(30, kiosk_id="kiosk-1", event_id="bern", seed=1)
    two = made(12, kiosk_id="kiosk-2", event_id="zurich", seed=2)
    set_password(database)
    settings = "[collector]\ngoal = 100\n"
    with running_collector(tmp_path, settings, database=database) as collector:
        deliver(collector["url"], one, "kiosk-1", waiting=3)
        deliver(collector["url"], two, "kiosk-2")  # an older kiosk: it does not say
        with coordinator(collector["base"]) as client:
            figures = client.get("/dashboard.json").json()
            page = client.get("/").text

    everything = one + two
    assert figures["total"] == 42 and figures["goal"] == 100
    assert figures["per_case"] == dict(Counter(s.case_id for s in everything))
    assert figures["per_event"] == {"bern": 30, "zurich": 12}
    hours = {hour: n for hour, n in figures["per_hour_today"].items() if n}
    assert hours == dict(local_hours(everything))  # made-up signatures are today's
    assert figures["today"] == 42
    kiosks = {k["kiosk_id"]: k for k in figures["kiosks"]}
    assert kiosks["kiosk-1"]["signatures"] == 30 and kiosks["kiosk-1"]["waiting"] == 3
    assert kiosks["kiosk-2"]["signatures"] == 12 and kiosks["kiosk-2"]["waiting"] is None
    assert kiosks["kiosk-1"]["last_report"] and figures["waiting"] == 3
    assert "42%" in page and "58 to go" in page and "zurich" in page


def test_a_signer_name_never_appears_on_the_dashboard_or_in_its_json(tmp_path, database):
    given, family = NAME.split(" ")
    signatures = [
        dataclasses.replace(s, given_name=given, family_name=family, town=family)
        for s in made(3, kiosk_id="kiosk-1")
    ]
    set_password(database)
    with running_collector(tmp_path, database=database) as collector:
        deliver(collector["url"], signatures, "kiosk-1", waiting=0)
        with coordinator(collector["base"]) as client:
            shown = [client.get(path).text for path in ("/", "/dashboard.json", "/login")]
    assert json.loads(shown[1])["total"] == 3  # the records are there, counted...
    for text in shown:
        assert given not in text and family not in text  # ...and no name is shown


def test_without_a_password_the_dashboard_shows_no_count_and_says_how_to_set_one(tmp_path):
    with running_collector(tmp_path) as collector:
        deliver(collector["url"], made(4, kiosk_id="kiosk-1"), "kiosk-1")
        page = httpx.get(collector["base"] + "/")
        figures = httpx.get(collector["base"] + "/dashboard.json")
        login = httpx.post(collector["base"] + "/login", data={"password": "anything at all"})
    assert page.status_code == 403 and "kiosk collect --set-password" in page.text
    assert figures.status_code == 403 and "total" not in figures.text
    assert login.status_code == 403 and "set-cookie" not in login.headers
    assert "kiosk-1" not in page.text


def test_the_dashboard_asks_to_log_in_and_the_kiosks_and_health_need_no_login(tmp_path):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector:
        base = collector["base"]
        page = httpx.get(base + "/")
        figures = httpx.get(base + "/dashboard.json")
        health = httpx.get(base + "/health")
        delivered = deliver(collector["url"], made(2, kiosk_id="kiosk-1"), "kiosk-1")
    assert page.status_code == 303 and page.headers["location"] == "login"
    assert figures.status_code == 401 and figures.json() == {"error": "log in first"}
    assert health.text == "ok"
    assert [r["status"] for r in delivered.json()["results"]] == ["stored", "stored"]


def test_the_session_cookie_is_httponly_strict_signed_and_ends_at_logout(tmp_path):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector, httpx.Client(base_url=collector["base"]) as c:
        login = c.post("/login", data={"password": PASSWORD})
        cookie = login.headers["set-cookie"]
        value = c.cookies["kiosk_coordinator"]
        assert c.get("/dashboard.json").status_code == 200
        forged = httpx.get(
            collector["base"] + "/dashboard.json",
            cookies={"kiosk_coordinator": value[:-2] + ("AA" if value[-2:] != "AA" else "BB")},
        )
        logout = c.post("/logout")
        after = c.get("/dashboard.json")
        kept = httpx.get(collector["base"] + "/", cookies={"kiosk_coordinator": value})
    assert login.status_code == 303 and login.headers["location"] == "./"
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert forged.status_code == 401
    assert logout.status_code == 303 and after.status_code == 401
    assert kept.status_code == 200  # a copy kept elsewhere lasts until it expires...


def test_a_new_password_ends_every_session(tmp_path):
    database = tmp_path / "stand.db"
    set_password(database)
    with running_collector(tmp_path) as collector, coordinator(collector["base"]) as client:
        assert client.get("/dashboard.json").status_code == 200
        set_password(database, "another password, longer")
        assert client.get("/dashboard.json").status_code == 401
        with coordinator(collector["base"], "another password, longer") as again:
            assert again.get("/dashboard.json").status_code == 200


def test_wrong_passwords_are_slowed_then_refused_even_the_right_one(tmp_path):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector, httpx.Client(base_url=collector["base"]) as c:
        wrong = [c.post("/login", data={"password": f"guess number {n}"}) for n in range(5)]
        refused = c.post("/login", data={"password": PASSWORD})
    assert [w.status_code for w in wrong] == [401] * 5
    assert all("not the password" in w.text for w in wrong)
    assert all(w.elapsed.total_seconds() >= 1.0 for w in wrong)  # the delay, not a budget
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "set-cookie" not in refused.headers


def test_the_pages_allow_only_the_collectors_own_script_and_style(tmp_path):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector, coordinator(collector["base"]) as client:
        page = client.get("/")
        script = client.get("/dashboard.js")
        style = client.get("/dashboard.css")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "<script>" not in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from elsewhere
    assert script.headers["content-type"].startswith("text/javascript")
    assert "dashboard.json" in script.text and style.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("waiting", ["lots", -1, True, 10**12, None, [1]])
def test_a_kiosk_saying_nonsense_about_what_waits_still_delivers(tmp_path, waiting):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector:
        answer = deliver(collector["url"], made(2, kiosk_id="kiosk-1"), "kiosk-1", waiting=waiting)
        with coordinator(collector["base"]) as client:
            [kiosk] = client.get("/dashboard.json").json()["kiosks"]
    assert [r["status"] for r in answer.json()["results"]] == ["stored", "stored"]
    assert kiosk["waiting"] is None and kiosk["signatures"] == 2


def test_a_kiosk_tells_the_collector_how_many_records_still_wait_on_it(tmp_path, store, case):
    from kiosk.core.delivery.engine import SyncEngine
    from kiosk.core.delivery.webhook import Webhook
    from kiosk.core.records.outbox import Outbox

    signatures = list(synthetic_signatures([case], 25, event_id="bern", kiosk_id="k1", seed=3))
    for signature in signatures:
        store.record(signature, print_letter=False)
    # 15 of them wait for a later try (after a failure): pending, but not due now.
    Outbox(store).retry_later([s.uuid for s in signatures[10:]], "earlier failure", "2999-01-01")
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path) as collector, coordinator(collector["base"]) as client:
        target = Webhook(collector["url"], TOKEN, kiosk_id="k1")
        engine = SyncEngine(store, target, batch_size=4)
        try:
            first = engine.run_once()  # the 10 due ones, in batches of 4, 4 and 2
            waiting_then = client.get("/dashboard.json").json()["kiosks"]
            engine.run_once(force=True)  # "sync now": all the rest
            waiting_after = client.get("/dashboard.json").json()["kiosks"]
        finally:
            target.close()
    assert first.delivered == 10
    assert [(k["kiosk_id"], k["waiting"]) for k in waiting_then] == [("k1", 15)]
    assert [(k["kiosk_id"], k["waiting"], k["signatures"]) for k in waiting_after] == [
        ("k1", 0, 25)
    ]


def test_a_short_password_is_refused_and_none_is_set(tmp_path):
    from tests.conftest import run_kiosk

    database = tmp_path / "stand.db"
    short = run_kiosk("collect", "--set-password", "--database", str(database), input="too short\n")
    assert short.returncode == 65 and "at least 10" in short.stderr
    assert "Traceback" not in short.stderr
    with running_collector(tmp_path) as collector:
        assert httpx.get(collector["base"] + "/").status_code == 403  # still none set
