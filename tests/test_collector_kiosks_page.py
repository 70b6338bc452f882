"""The collector's kiosks on the coordinators' dashboard: added with a code shown once (large,
as a QR code, with the `kiosk pair` line), revoked after a page that asks, and nothing done for
a request without the login or without the form token of the dashboard's own page.

Through the real `kiosk collect` (tests/collectorproc.py) on a stand's SQLite file and on a
campaign's PostgreSQL (tests/postgres.py), a coordinator logged in with HTTP, and the real
`kiosk pair` and `kiosk sync` on a kiosk's database."""

from __future__ import annotations

import html
import re
from pathlib import Path

import httpx
import pytest

from kiosk.core.records.store import Store
from tests.collectorproc import coordinator, running_collector, set_password
from tests.conftest import run_kiosk
from tests.test_collector_pairing import fill, kept, kiosk_config, kiosks_list, pending, sync

COMMAND = re.compile(r'<code class="pair-command">([^<]+)</code>')
SHOWN_CODE = re.compile(r'<p class="pairing-code">([0-9A-Z]{5}-[0-9A-Z]{5})</p>')
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "bern-1' OR '1'='1",
    "../../etc/passwd",
    "k" * 65,
    "bérn-1",
    " ",
]


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path) -> Path | str:
    """A collector's database with a coordinator's password: a stand's SQLite file, or a
    campaign's PostgreSQL."""
    chosen = tmp_path / "stand.db" if request.param == "sqlite" else None
    chosen = chosen or request.getfixturevalue("postgres_url")
    set_password(chosen)
    return chosen


def form_token(client: httpx.Client) -> str:
    """The form token the dashboard's page gives its forms, as a browser would send it."""
    return re.search(r'name="form_token" value="([0-9a-f]+)"', client.get("/").text)[1]


def add_on_page(client: httpx.Client, name: str) -> httpx.Response:
    """The dashboard's "Add a kiosk" form, sent: its answer, redirect not followed."""
    return client.post("/add-kiosk", data={"name": name, "form_token": form_token(client)})


def revoke_on_page(client: httpx.Client, name: str) -> httpx.Response:
    """ "Revoke" beside the kiosk, then the button of the page that asks first."""
    asked = client.get("/revoke-kiosk", params={"name": name})
    assert asked.status_code == 200 and "records stay waiting on it" in asked.text
    token = re.search(r'name="form_token" value="([0-9a-f]+)"', asked.text)[1]
    return client.post("/revoke-kiosk", data={"name": name, "form_token": token})


def test_a_kiosk_added_on_the_dashboard_pairs_delivers_and_once_revoked_keeps_its_records(
    tmp_path, database
):
    config = kiosk_config(tmp_path / "kiosk")
    kiosk_db = tmp_path / "kiosk" / "signatures.db"
    first = fill(kiosk_db, 4, seed=11)
    with (
        running_collector(tmp_path, database=database, shared_token=False) as collector,
        coordinator(collector["base"]) as client,
    ):
        added = add_on_page(client, "bern-1")
        assert added.status_code == 303 and added.headers["location"] == "new-kiosk-code"
        shown = client.get("/new-kiosk-code")
        assert shown.status_code == 200 and "no-store" in shown.headers["cache-control"]
        code = SHOWN_CODE.search(shown.text)[1]
        assert '<div class="qr"' in shown.text and "<svg" in shown.text
        command = html.unescape(COMMAND.search(shown.text)[1]).split()
        assert command == ["kiosk", "pair", collector["base"], code]  # as the browser came
        assert "waiting" in kiosks_list(database)["bern-1"]

        paired = run_kiosk(*command[1:], "--config", str(config))
        assert paired.returncode == 0, paired.stdout + paired.stderr
        delivered = sync(config, kiosk_db)
        assert delivered.returncode == 0, delivered.stdout + delivered.stderr
        page = client.get("/").text
        assert re.search(r'bern-1</td><td><span class="state paired">', page)

        revoked = revoke_on_page(client, "bern-1")
        assert revoked.status_code == 303
        assert "revoked" in kiosks_list(database)["bern-1"]
        later = fill(kiosk_db, 6, seed=12)
        refused = sync(config, kiosk_db)
        page = client.get("/").text
    assert refused.returncode == 77, refused.stdout + refused.stderr
    assert "revoked" in refused.stderr
    assert pending(kiosk_db) == 6 and set(kept(database)) == set(first)  # nothing lost
    assert set(later).isdisjoint(kept(database))
    assert re.search(r'bern-1</td><td><span class="state revoked">', page)
    with Store(kiosk_db) as store:  # counts and ids only: no signer's name on the page
        names = {n for s in store.signatures() for n in (s.given_name, s.family_name) if n}
    shown = [n for n in names if re.search(rf"\b{re.escape(html.escape(n))}\b", page)]
    assert names and not shown


def test_a_new_kiosks_code_is_shown_once_and_a_reload_does_not_show_it_again(tmp_path):
    set_password(tmp_path / "stand.db")
    with (
        running_collector(tmp_path, shared_token=False) as collector,
        coordinator(collector["base"]) as client,
    ):
        assert add_on_page(client, "bern-1").status_code == 303
        code = SHOWN_CODE.search(client.get("/new-kiosk-code").text)[1]
        again = client.get("/new-kiosk-code")  # the coordinator reloads the page
        dashboard = client.get("/").text
    assert again.status_code == 404 and "No code to show" in again.text
    assert code not in again.text and code not in dashboard
    assert code.encode() not in (tmp_path / "stand.db").read_bytes()  # only its hash is kept


def test_adding_a_paired_kiosk_again_on_the_dashboard_is_refused_with_the_reason(
    tmp_path, database
):
    with (
        running_collector(tmp_path, database=database, shared_token=False) as collector,
        coordinator(collector["base"]) as client,
    ):
        add_on_page(client, "bern-1")
        code = SHOWN_CODE.search(client.get("/new-kiosk-code").text)[1]
        assert run_kiosk("pair", collector["base"], code, "--config",
                         str(kiosk_config(tmp_path / "kiosk"))).returncode == 0  # fmt: skip
        again = add_on_page(client, "bern-1")
    assert again.status_code == 409
    assert "paired already" in again.text and "kiosk collect kiosks revoke bern-1" in again.text
    assert "paired" in kiosks_list(database)["bern-1"]  # its token still works


def test_a_post_without_the_login_adds_and_revokes_nothing(tmp_path, database):
    run_kiosk("collect", "kiosks", "add", "bern-1", "--database", str(database))
    with running_collector(tmp_path, database=database, shared_token=False) as collector:
        with coordinator(collector["base"]) as client:
            token = form_token(client)  # even with a token a logged-in page once gave
        stranger = httpx.Client(base_url=collector["base"])
        added = stranger.post("/add-kiosk", data={"name": "intruder", "form_token": token})
        revoked = stranger.post("/revoke-kiosk", data={"name": "bern-1", "form_token": token})
        asked = stranger.get("/revoke-kiosk", params={"name": "bern-1"})
        shown = stranger.get("/new-kiosk-code")
        stranger.close()
    for answer in (added, revoked, asked, shown):
        assert answer.status_code == 303 and answer.headers["location"] == "login"
    listed = kiosks_list(database)
    assert set(listed) == {"bern-1"} and "waiting" in listed["bern-1"]


def test_a_form_sent_from_another_site_is_refused(tmp_path, database):
    """What a forged form would bring, were the session cookie sent along (SameSite=Strict
    keeps it home in today's browsers): no form token, or a wrong one."""
    run_kiosk("collect", "kiosks", "add", "bern-1", "--database", str(database))
    with (
        running_collector(tmp_path, database=database, shared_token=False) as collector,
        coordinator(collector["base"]) as client,
    ):
        evil = {"Origin": "https://evil.example", "Referer": "https://evil.example/"}
        answers = [
            client.post("/add-kiosk", data={"name": "intruder"}, headers=evil),
            client.post("/add-kiosk", data={"name": "intruder", "form_token": "0" * 32}),
            client.post("/revoke-kiosk", data={"name": "bern-1"}, headers=evil),
            client.post("/revoke-kiosk", data={"name": "bern-1", "form_token": "ü" * 32}),
        ]
    for answer in answers:
        assert answer.status_code == 403, answer.text
        assert "did not come from the dashboard" in answer.text
    listed = kiosks_list(database)
    assert set(listed) == {"bern-1"} and "waiting" in listed["bern-1"]


def test_hostile_kiosk_names_are_refused_and_never_written_into_a_page(tmp_path):
    set_password(tmp_path / "stand.db")
    with (
        running_collector(tmp_path, shared_token=False) as collector,
        coordinator(collector["base"]) as client,
    ):
        added = {name: add_on_page(client, name) for name in HOSTILE}
        asked = {name: client.get("/revoke-kiosk", params={"name": name}) for name in HOSTILE}
        token = form_token(client)
        revoked = {
            name: client.post("/revoke-kiosk", data={"name": name, "form_token": token})
            for name in HOSTILE
        }
        dashboard = client.get("/").text
    for name in HOSTILE:
        assert added[name].status_code == 400, name
        assert "cannot name a kiosk" in added[name].text and "bern-1" in added[name].text
        assert asked[name].status_code == 404 and revoked[name].status_code == 404
        for answer in (added[name], asked[name], revoked[name]):
            assert "<script>alert" not in answer.text and "<img src=x" not in answer.text
    assert "no kiosk added yet" in dashboard
    assert kiosks_list(tmp_path / "stand.db") == {}
