"""Only volunteers get into the admin screen: a PIN stored as a slow hash, and wrong guesses
locked out for longer and longer, even across a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.admin import (
    LONGEST_LOCK,
    Lockout,
    PinError,
    check_new_pin,
    hash_pin,
    pin_matches,
)
from kiosk.core.records.store import Store
from tests.conftest import run_kiosk


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_the_pin_is_kept_as_a_slow_salted_hash():
    first, second = hash_pin("482915"), hash_pin("482915")
    assert first != second and "482915" not in first and first.startswith("scrypt$32768$")
    assert pin_matches("482915", first) and pin_matches("482915", second)
    assert not pin_matches("482916", first)
    for broken in ("", "scrypt$1$2", "md5$a$b$c$d$e", "scrypt$x$8$1$AAAA$AAAA"):
        assert not pin_matches("482915", broken)


@pytest.mark.parametrize("weak", ["12", "abcd", "1111", "1234", "987654", "12 34", "١٢٣٤٥"])
def test_a_pin_that_is_too_easy_or_not_digits_is_refused(weak):
    with pytest.raises(PinError):
        check_new_pin(weak)


def test_wrong_pins_lock_entry_longer_each_time_and_a_restart_does_not_help(tmp_path):
    pin_hash = hash_pin("482915")
    clock = Clock()
    with Store(tmp_path / "s.db") as store:
        lockout = Lockout(store, clock)
        outcomes = [lockout.attempt("000000", pin_hash) for _ in range(3)]
    assert [o.locked_for for o in outcomes] == [0, 0, 30]

    with Store(tmp_path / "s.db") as store:  # the kiosk was restarted
        lockout = Lockout(store, clock)
        assert lockout.locked_for() == 30
        assert not lockout.attempt("482915", pin_hash).ok  # even the right PIN waits
        clock.now += timedelta(seconds=31)
        assert lockout.attempt("111111", pin_hash).locked_for == 60  # doubles
        clock.now += timedelta(seconds=61)
        assert lockout.attempt("482915", pin_hash).ok
        assert lockout.locked_for() == 0 and lockout.attempt("0", pin_hash).failures == 1


def test_no_pin_set_opens_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert not Lockout(store).attempt("", "").ok


def test_set_pin_asks_twice_and_writes_only_the_hash(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# our stand\n[event]\nname = "Bern"  # keep me\n')
    result = run_kiosk("admin", "set-pin", "--config", str(config), input="482915\n482915\n")
    assert result.returncode == 0, result.stderr
    text = config.read_text()
    assert "# keep me" in text and 'pin_hash = "scrypt$' in text and "482915" not in text

    mismatch = run_kiosk("admin", "set-pin", "--config", str(config), input="482915\n111111\n")
    assert mismatch.returncode != 0


def test_set_pin_from_a_file_and_refusing_a_weak_one(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("")
    pin = tmp_path / "pin"
    pin.write_text("1234\n")
    weak = run_kiosk("admin", "set-pin", "--config", str(config), "--pin-file", str(pin))
    assert weak.returncode == 65 and "too easy" in weak.stderr
    pin.write_text("739155\n")
    good = run_kiosk("admin", "set-pin", "--config", str(config), "--pin-file", str(pin))
    assert good.returncode == 0 and "pin_hash" in config.read_text()


def test_unlock_lifts_a_lockout(tmp_path):
    database = tmp_path / "s.db"
    with Store(database) as store:
        lockout = Lockout(store)
        for _ in range(4):
            lockout.attempt("000000", hash_pin("482915"))
        assert lockout.locked_for() > 0
    assert run_kiosk("admin", "unlock", "--database", str(database)).returncode == 0
    with Store(database) as store:
        assert Lockout(store).locked_for() == 0


def test_a_lockout_taken_while_the_clock_said_2036_lasts_at_most_an_hour(tmp_path):
    pin_hash = hash_pin("482915")
    clock = Clock()
    right = clock.now
    clock.now = datetime(2036, 2, 7, 6, 28, tzinfo=UTC)  # a bad time server
    with Store(tmp_path / "s.db") as store:
        lockout = Lockout(store, clock)
        for _ in range(10):
            lockout.attempt("000000", pin_hash)  # locked for the longest: an hour, from 2036

    clock.now = right  # the clock is set right, the kiosk restarted
    with Store(tmp_path / "s.db") as store:
        lockout = Lockout(store, clock)
        assert 0 < lockout.locked_for() <= LONGEST_LOCK
        assert not lockout.attempt("482915", pin_hash).ok
    clock.now += timedelta(seconds=LONGEST_LOCK + 1)
    with Store(tmp_path / "s.db") as store:  # and once more, an hour later
        assert Lockout(store, clock).attempt("482915", pin_hash).ok
