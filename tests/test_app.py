"""The application layer: one place for each action, the same for the command line and the
screens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.admin import pin_matches
from kiosk.core.config import load_config, update_config
from kiosk.core.errors import ConfigError
from kiosk.core.settings_lock import settings_lock
from tests.conftest import EXAMPLE_CASE, anna, record_signers
from tests.waiting import wait_until


def service_with(tmp_path, text: str = "") -> KioskService:
    config = tmp_path / "config.toml"
    letters = tmp_path / "letters"
    config.write_text(f"# the Bern stand\n[printing]\npdf_folder = '{letters}'\n{text}")
    return KioskService(load_config(config), tmp_path / "k.db")


@pytest.mark.parametrize(
    ("mode", "queued", "at_once"),
    [("immediate", True, True), ("batch", True, False), ("off", False, False)],
)
def test_one_print_rule_decides_whether_a_letter_waits_or_prints(tmp_path, mode, queued, at_once):
    with service_with(tmp_path, f"mode = '{mode}'\n") as service:
        recorded = service.sign(EXAMPLE_CASE, anna())
        assert (recorded.letter_queued, recorded.print_at_once) == (queued, at_once)
        assert service.store.print_job_counts()["queued"] == int(queued)
        no_letter = service.sign(EXAMPLE_CASE, anna(given_name="Ben", wants_letter=False))
        assert not no_letter.letter_queued and not no_letter.print_at_once


def test_a_signature_without_country_or_language_gets_the_events(tmp_path):
    with service_with(tmp_path, "[event]\ncountry = 'DE'\n[languages]\ndefault = 'de'\n") as s:
        signature = s.sign(EXAMPLE_CASE, anna(country="")).signature
    assert (signature.country, signature.language) == ("DE", "de")


def test_saved_settings_reach_every_subscriber_and_keep_the_comments(tmp_path):
    heard = []
    with service_with(tmp_path) as service:
        service.subscribe(lambda config: heard.append(config.settings.printing.mode))
        worker = service.print_worker()
        service.update_settings({"printing.mode": "batch"})
        assert heard == ["batch"] and worker.mode == "batch"
        assert service.config.settings.printing.mode == "batch"
    assert (tmp_path / "config.toml").read_text().startswith("# the Bern stand")


def test_a_refused_setting_changes_nothing_and_tells_nobody(tmp_path):
    heard = []
    with service_with(tmp_path) as service:
        service.subscribe(heard.append)
        before = (tmp_path / "config.toml").read_text()
        with pytest.raises(ConfigError, match="nobody"):
            service.update_settings({"cases.active": ["nobody"]})
        with pytest.raises(ConfigError, match="countdown"):
            service.update_settings({"idle.countdown": 3})
        assert heard == [] and (tmp_path / "config.toml").read_text() == before
        assert [c.id for c in service.active_cases] == [EXAMPLE_CASE]


def blocked_on_a_lock(pid: int) -> bool:
    """`pid` waits for an flock another process holds (the kernel lists it after '->')."""
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if fields[1:3] == ["->", "FLOCK"] and fields[5] == str(pid):
            return True
    return False


def test_a_pin_set_in_a_terminal_while_the_screen_saves_a_setting_is_kept(tmp_path):
    config = tmp_path / "config.toml"
    pin = tmp_path / "pin"
    pin.write_text("739155")
    with service_with(tmp_path) as service, settings_lock(config):  # the screen is saving
        kiosk = str(Path(sys.executable).with_name("kiosk"))
        terminal = subprocess.Popen(
            [kiosk, "admin", "set-pin", "--pin-file", str(pin), "--config", str(config)]
        )
        wait_until(
            lambda: blocked_on_a_lock(terminal.pid) or terminal.poll() is not None,
            "kiosk admin set-pin to wait for the screen's save or to end",
        )
        assert terminal.poll() is None, "set-pin wrote while the screen was saving"
        update_config(config, {"printing.mode": "batch"})  # the screen's save, in the lock
    assert terminal.wait(timeout=60) == 0

    saved = load_config(config).settings
    assert saved.printing.mode == "batch" and pin_matches("739155", saved.admin.pin_hash)
    assert service.admin_pin_hash() == saved.admin.pin_hash


def test_the_sample_letter_is_not_recorded_and_needs_no_database(tmp_path):
    with service_with(tmp_path) as service:
        pdf = service.sample_letter(given_name="Anna", town="Bern")
        assert pdf.startswith(b"%PDF")
    assert not (tmp_path / "k.db").exists()


def test_the_application_layer_and_the_command_line_run_without_qt():
    import subprocess
    import sys

    from tests.core.test_qt_free import BLOCKER

    modules = ["kiosk.app", "kiosk.app.service", "kiosk.app.offline", "kiosk.cli"]
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_damaged_database_reaches_the_screens_as_a_storage_error(tmp_path):
    from kiosk.core.errors import DamagedDatabaseError
    from tests.test_cli_failures import zero_the_tail

    record_signers(tmp_path / "k.db", 200, seed=1)
    zero_the_tail(tmp_path / "k.db")
    with service_with(tmp_path) as service, pytest.raises(DamagedDatabaseError) as caught:
        service.count_today()
    assert caught.value.kind == "database-damaged" and caught.value.exit_code == 74


def test_offering_a_language_the_stand_cannot_speak_is_refused_before_saving(tmp_path):
    with service_with(tmp_path) as service:
        before = (tmp_path / "config.toml").read_text()
        with pytest.raises(ConfigError) as refused:
            service.update_settings({"languages.offered": ["fr", "it"]})
        message = str(refused.value)
        assert "kiosk_it.qm" in message and "story.it.md" in message and "letter.it.md" in message
        assert (tmp_path / "config.toml").read_text() == before
        service.update_settings({"languages.offered": ["de", "fr"], "languages.default": "de"})
