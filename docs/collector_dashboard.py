"""Pictures of the collector's dashboard on a laptop and a phone, for the README.

A real `kiosk collect` on 127.0.0.1 with a throw-away database gets a day at a stand from a few
kiosks (made-up signatures, signed over today's hours up to now, each kiosk saying what still
waits on it), most of them paired, one revoked and one waiting to pair; Playwright drives
Debian's chromium to log in and take the pages:

    .venv/bin/python docs/collector_dashboard.py

writes docs/collector-dashboard.png (1280 wide) and docs/collector-dashboard-phone.png (390).
"""

from __future__ import annotations

import dataclasses
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.app.pairing import add_kiosk, revoke_kiosk  # noqa: E402
from kiosk.core.cases import load_cases  # noqa: E402
from kiosk.core.sample import synthetic_signatures  # noqa: E402
from kiosk.core.signatures import format_utc  # noqa: E402
from tests.collectorproc import PASSWORD, running_collector, set_password  # noqa: E402
from tests.faultserver import TOKEN  # noqa: E402

OUT = REPO / "docs"
KIOSKS = {"bern-bahnhof-1": 140, "bern-bahnhof-2": 95, "zurich-hb-1": 180, "basel-markt": 60}
EVENTS = {"bern-bahnhof-1": "bern", "bern-bahnhof-2": "bern", "zurich-hb-1": "zurich"}
WAITING = {"bern-bahnhof-1": 0, "bern-bahnhof-2": 3, "zurich-hb-1": 0, "basel-markt": 12}
SHARED = {"basel-markt"}  # delivers with the stand's shared token; the others are paired
REVOKED = "lost-tablet"  # paired, then revoked: its records wait on it
WAITING_TO_PAIR = "luzern-1"  # added, its code not used yet


def a_day(count: int, kiosk_id: str, seed: int) -> list:
    """`count` signatures on `kiosk_id`, signed since 9 o'clock (local) today, up to now."""
    cases = list(load_cases(REPO / "cases"))
    rng = random.Random(seed)  # noqa: S311 - made-up data
    now = datetime.now(UTC).astimezone()
    opening = now.replace(hour=9, minute=0, second=0, microsecond=0)
    if opening >= now:
        opening = now - timedelta(hours=8)
    span = (now - opening).total_seconds()
    made = synthetic_signatures(
        cases, count, event_id=EVENTS.get(kiosk_id, "basel"), kiosk_id=kiosk_id, seed=seed
    )
    return [
        dataclasses.replace(
            s, signed_at=format_utc(opening + timedelta(seconds=span * rng.random() ** 0.8))
        )
        for s in made
    ]


def paired(base: str, database: str, name: str) -> str:
    """Kiosk `name` added on the collector and paired, as `kiosk pair` would: its token."""
    code = add_kiosk(database, name).code
    answer = httpx.post(
        f"{base}/api/pair", json={"protocol": "kiosk-pair/1", "code": code, "kiosk_id": name}
    )
    answer.raise_for_status()
    return answer.json()["token"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        set_password(Path(folder) / "stand.db")
        with running_collector(Path(folder), "[collector]\ngoal = 1000\n") as collector:
            database = collector["database"]
            for seed, (kiosk_id, count) in enumerate(KIOSKS.items()):
                signatures = a_day(count, kiosk_id, seed)
                shared = kiosk_id in SHARED
                token = TOKEN if shared else paired(collector["base"], database, kiosk_id)
                httpx.post(
                    collector["url"],
                    json={
                        "protocol": "kiosk-sync/1",
                        "kiosk_id": kiosk_id,
                        "waiting": WAITING[kiosk_id],
                        "records": [{"uuid": s.uuid, "record": s.payload()} for s in signatures],
                    },
                    headers={"Authorization": f"Bearer {token}"},
                ).raise_for_status()
            paired(collector["base"], database, REVOKED)
            revoke_kiosk(database, REVOKED)
            add_kiosk(database, WAITING_TO_PAIR)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    headless=True,
                    args=["--no-sandbox"] if os.geteuid() == 0 else [],
                )
                for name, width, height in (("", 1280, 800), ("-phone", 390, 844)):
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(collector["base"] + "/login")
                    page.get_by_label("Password").fill(PASSWORD)
                    page.get_by_role("button", name="Log in").click()
                    page.wait_for_url(collector["base"] + "/")
                    path = OUT / f"collector-dashboard{name}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path)
                browser.close()


if __name__ == "__main__":
    main()
