"""`kiosk session`: what the kiosk machine's unit runs; cage started with the screen turned."""

from __future__ import annotations

import sys

from tests.conftest import run_kiosk, run_kiosk_process


def test_the_session_turns_the_screen_as_the_settings_say(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nrotation = 90\n")
    result = run_kiosk_process("session", "--dry-run", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "cage", "-d", "-r", "--", sys.executable, "-m", "kiosk", "run", "--config", str(config)
    ]  # fmt: skip


def test_a_rotation_that_is_no_quarter_turn_is_refused_with_the_choices(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nrotation = 45\n")
    result = run_kiosk("session", "--dry-run", "--config", str(config))
    assert result.returncode == 78
    assert "kiosk.rotation" in result.stderr and "90" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_screen_that_cannot_be_turned_still_shows_the_kiosk(tmp_path):
    # Inside a compositor that cannot turn its outputs, `kiosk session --turn-outputs` says so
    # and goes on to `kiosk run` (here stopped at once by a setting it refuses, which shows it
    # ran) instead of failing for the unit to restart a black screen for ever.
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nrotation = 45\n")
    result = run_kiosk_process(
        "session", "--turn-outputs", "90", "--config", str(config),
        env={"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "wayland-nobody"},
    )  # fmt: skip
    assert "could not be turned by 90 degrees" in result.stderr, result.stderr
    assert "starts without turning the screen" in result.stderr
    assert result.returncode == 78 and "kiosk.rotation" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
