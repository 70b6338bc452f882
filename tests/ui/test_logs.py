"""Where the kiosk's log goes (the journal under systemd, a rotating file in the user's log folder
otherwise), and that it never holds what a visitor typed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.core.logs import LOG_FILE, setup_run_logging
from tests.ui.conftest import on_screen, tap
from tests.ui.test_run import ON_SCREEN, Running, private_screen
from tests.ui.test_screens import fill_form, go_to_form

HOSTILE = {
    "given_name": "Zoë-Łucja",
    "family_name": "Ñandú-Hostile",
    "postal_code": "8620",
    "town": "Wetzikon-Ünique",
    "email": "hostile.zoe@example.org",
}


def kiosk_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**private_screen(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **extra}
    if not extra:
        env.pop("JOURNAL_STREAM", None)
        env.pop("INVOCATION_ID", None)
    return env


def test_kiosk_run_started_by_hand_logs_to_an_owner_only_file_in_the_user_log_folder(tmp_path):
    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=kiosk_env(tmp_path)) as k:
        k.wait_for(ON_SCREEN)
        assert k.stop() == 0, k.log
    log_file = tmp_path / "state" / "kiosk" / "log" / LOG_FILE
    assert ON_SCREEN in log_file.read_text(encoding="utf-8")
    assert log_file.stat().st_mode & 0o777 == 0o600


def test_kiosk_run_under_systemd_logs_to_the_journal_only(tmp_path):
    env = kiosk_env(tmp_path, INVOCATION_ID="0123456789abcdef", JOURNAL_STREAM="8:1234")
    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        kiosk.wait_for(ON_SCREEN)  # on stderr, which the journal takes
        assert kiosk.stop() == 0, kiosk.log
    assert not (tmp_path / "state" / "kiosk" / "log" / LOG_FILE).exists()


@pytest.fixture
def run_logging(tmp_path):
    """`kiosk run`'s logging, into a folder of the test's; pytest's own handlers afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = setup_run_logging(verbose=False, folder=tmp_path / "log")
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_a_stolen_kiosk_log_holds_no_signer_name_email_or_town(
    make_kiosk, qtbot, run_logging, tmp_path
):
    kiosk = make_kiosk()
    go_to_form(qtbot, kiosk, "de")
    fill_form(qtbot, kiosk, **HOSTILE)
    tap(kiosk.window, "consent_sign")
    tap(kiosk.window, "consent_updates")  # the email is kept: it is in the record
    tap(kiosk.window, "previewButton")
    on_screen(qtbot, kiosk, "preview")
    tap(kiosk.window, "confirmButton")
    on_screen(qtbot, kiosk, "thanks")
    qtbot.waitUntil(lambda: any((tmp_path / "letters").glob("*.pdf")), timeout=20000)
    # A fault whose message quotes the visitor, logged as the kiosk logs faults.
    try:
        raise ValueError(f"cannot lay out {HOSTILE['given_name']} of {HOSTILE['town']}")
    except ValueError:
        logging.getLogger("kiosk.ui.session").exception("the letter could not be laid out")

    text = run_logging.read_text(encoding="utf-8")
    assert "recorded signature" in text and "ValueError" in text  # the log did its job
    for value in HOSTILE.values():
        if value != "8620":
            assert value not in text, value
