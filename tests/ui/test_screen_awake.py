"""The kiosk keeps the panel on for the whole event: in a desktop session it asks the desktop's
screen saver (on a real, private session bus) not to blank the screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_run import ON_SCREEN, Running, private_screen

FAKE_SAVER = Path(__file__).resolve().parents[1] / "fake_screensaver.py"


@pytest.fixture
def session_bus(tmp_path):
    """A private D-Bus session bus with a desktop's screen saver on it; its address and the
    screen saver's process (which prints the calls it gets)."""
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:path={tmp_path / 'bus'}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = daemon.stdout.readline().strip()
    saver = subprocess.Popen(
        [sys.executable, str(FAKE_SAVER)],
        env={**private_screen(tmp_path), "DBUS_SESSION_BUS_ADDRESS": address},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert saver.stdout.readline().strip() == "ready"
        yield address, saver
    finally:
        for process in (saver, daemon):
            process.terminate()
            process.wait(timeout=30)


def test_in_a_desktop_session_the_kiosk_asks_the_screen_saver_not_to_blank(tmp_path, session_bus):
    address, saver = session_bus
    env = {**private_screen(tmp_path), "DBUS_SESSION_BUS_ADDRESS": address}
    with Running("--database", str(tmp_path / "s.db"), env=env) as kiosk:
        said = kiosk.wait_for("screen kept on")
        kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log
    assert "held off" in said, said
    assert saver.stdout.readline().startswith("inhibit kiosk ")


def test_without_a_desktop_session_there_is_nothing_to_ask(tmp_path):
    env = {k: v for k, v in private_screen(tmp_path).items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    with Running("--database", str(tmp_path / "s.db"), env=env) as kiosk:
        said = kiosk.wait_for("screen kept on")
        kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log
    assert "no desktop session bus" in said or "no desktop screen saver" in said, said
