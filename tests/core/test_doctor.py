"""`kiosk doctor` tells a volunteer what stops the stand: a clock that cannot be right, no PIN."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.core.config import Config, Settings, load_config
from kiosk.core.doctor import run_checks
from kiosk.core.release import RELEASE_DATE


def check(config: Config, tmp_path, name: str, now: datetime = RELEASE_DATE):
    checks = run_checks(config, tmp_path / "k.db", now=lambda: now)
    return next(c for c in checks if c.name == name)


@pytest.mark.parametrize(
    ("now", "says"),
    [
        (datetime(1970, 1, 1, tzinfo=UTC), "before this kiosk version was released"),
        (datetime(2000, 6, 1, tzinfo=UTC), "before this kiosk version was released"),
        (datetime(2036, 2, 7, tzinfo=UTC), "more than two years after"),
    ],
)
def test_a_clock_that_cannot_be_right_must_be_fixed(tmp_path, now, says):
    clock = check(Config(Settings(), None), tmp_path, "clock", now)
    assert clock.ok is False
    assert says in clock.detail and str(now.year) in clock.detail
    assert "timedatectl" in clock.detail  # says how to set it


def test_a_clock_in_this_versions_season_is_ready(tmp_path):
    for now in (RELEASE_DATE, datetime(2027, 12, 10, tzinfo=UTC)):  # the next December too
        assert check(Config(Settings(), None), tmp_path, "clock", now).ok is True


def test_no_admin_pin_is_not_ready_and_doctor_says_the_command(tmp_path):
    config = tmp_path / "my config.toml"
    config.write_text("")
    pin = check(load_config(config), tmp_path, "admin PIN")
    assert pin.ok is False
    assert f"kiosk admin set-pin --config '{config}'" in pin.detail
