"""The dashboard in a real browser: a coordinator logs in, watches the counts change as a kiosk
delivers, and logs out; with and without JavaScript, on a laptop's and a phone's screen.

Playwright drives Debian's chromium (no browser download), headless, against the real
`kiosk collect` on 127.0.0.1. As root (CI) chromium needs --no-sandbox.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from tests.collectorproc import PASSWORD, running_collector, set_password
from tests.conftest import run_kiosk
from tests.test_collector import fill, kiosk_config

CHROMIUM = "/usr/bin/chromium"  # Debian's package `chromium` (packaging/setup.sh test)
PATIENCE_MS = 120_000  # how long to wait for the page to change before calling it a failure


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        yield launched
        launched.close()


def log_in(browser: Browser, base: str, **context):
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(PATIENCE_MS)
    page.goto(base + "/")
    expect(page).to_have_url(base + "/login")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + "/")
    return page


def test_a_coordinator_logs_in_sees_a_kiosks_delivery_arrive_and_logs_out(tmp_path, browser):
    set_password(tmp_path / "stand.db")
    kiosk_db = tmp_path / "kiosk.db"
    fill(kiosk_db, 6, seed=7, kiosk_id="kiosk-bern-1")
    with running_collector(tmp_path, "[collector]\ngoal = 10\n") as collector:
        base = collector["base"]
        page = log_in(browser, base, viewport={"width": 1280, "height": 900})
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        total = page.locator(".stat.total .n")
        expect(total).to_have_text("0")
        expect(page.get_by_text("no kiosk has reported yet")).to_be_visible()

        config = kiosk_config(tmp_path, "kiosk-bern-1", collector["url"], collector["token"])
        synced = run_kiosk("sync", "--once", "--config", str(config), "--database", str(kiosk_db))
        assert synced.returncode == 0, synced.stdout + synced.stderr

        expect(total).to_have_text("6")  # the page refreshed itself
        row = page.locator("tr", has_text="kiosk-bern-1")
        expect(row.locator("td.n").nth(0)).to_have_text("6")  # signed
        expect(row.locator("td.n").nth(1)).to_have_text("0")  # still waiting on the kiosk
        expect(page.get_by_text("60% of the goal of 10 signatures")).to_be_visible()
        page.screenshot(path=tmp_path / "dashboard.png", full_page=True)

        page.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(base + "/login")
        page.goto(base + "/")
        expect(page).to_have_url(base + "/login")  # the session is over
    assert Path(tmp_path / "dashboard.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert asked and all(url.startswith(base + "/") for url in asked)  # nothing from elsewhere


def test_without_javascript_on_a_phone_the_dashboard_shows_the_counts(tmp_path, browser):
    set_password(tmp_path / "stand.db")
    kiosk_db = tmp_path / "kiosk.db"
    fill(kiosk_db, 3, seed=8, kiosk_id="kiosk-phone")
    with running_collector(tmp_path) as collector:
        config = kiosk_config(tmp_path, "kiosk-phone", collector["url"], collector["token"])
        synced = run_kiosk("sync", "--once", "--config", str(config), "--database", str(kiosk_db))
        assert synced.returncode == 0, synced.stdout + synced.stderr
        page = log_in(
            browser,
            collector["base"],
            java_script_enabled=False,
            viewport={"width": 390, "height": 844},
            is_mobile=True,
        )
        expect(page.locator(".stat.total .n")).to_have_text("3")
        expect(page.locator("tr", has_text="kiosk-phone")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        refresh = page.locator("noscript").first.inner_html()
    assert width <= 390  # nothing wider than the phone's screen
    assert 'http-equiv="refresh"' in refresh


def test_a_coordinator_adds_a_kiosk_and_sees_its_code_as_a_qr_code_once(tmp_path, browser):
    set_password(tmp_path / "stand.db")
    with running_collector(tmp_path, shared_token=False) as collector:
        base = collector["base"]
        page = log_in(browser, base, viewport={"width": 1280, "height": 900})
        page.get_by_label("Add a kiosk").fill("bern-1")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page).to_have_url(base + "/new-kiosk-code")
        code = page.locator(".pairing-code")
        expect(code).to_have_text(re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$"))
        qr = page.locator(".qr svg")
        expect(qr).to_be_visible()
        expect(page.locator(".pair-command")).to_have_text(f"kiosk pair {base} {code.inner_text()}")
        size = qr.bounding_box()
        page.reload()  # the code is not shown again
        expect(page.get_by_text("No code to show")).to_be_visible()
        page.goto(base + "/")
        row = page.locator("#kiosks tr", has_text="bern-1")
        expect(row).to_contain_text("waiting to pair")
    assert size["width"] >= 150 and size["height"] >= 150  # big enough to scan from a screen
