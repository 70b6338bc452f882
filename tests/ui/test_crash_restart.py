"""A crash of the real `kiosk run` leaves a short report beside the logs, ends the process with a
non-zero code (so the kiosk unit starts it again), and the next start's dashboard says when it
happened until a volunteer has seen it. The crashes are real: an exception in a Qt slot or a
thread, a segmentation fault, set off through `KIOSK_CRASH_TEST`."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.core.crashes import CrashReports
from tests.ui.conftest import exists, find, next_frame, tap
from tests.ui.test_admin import open_admin
from tests.ui.test_run import ON_SCREEN, Running, private_screen

PERSONAL = ("Zoë", "Crashtest", "Wetzikon", "zoe@crash.example")  # in the crash's message


def log_folder(tmp_path: Path) -> Path:
    return tmp_path / "state" / "kiosk" / "log"


def kiosk_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**private_screen(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"), **extra}


def crash(tmp_path: Path, kind: str) -> tuple[int, str]:
    env = kiosk_env(tmp_path, KIOSK_CRASH_TEST=kind)
    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        code = kiosk.ended()
    return code, kiosk.log


@pytest.mark.parametrize("kind", ["slot", "thread"])
def test_an_uncaught_exception_leaves_a_report_without_personal_data_and_exits_70(tmp_path, kind):
    code, log = crash(tmp_path, kind)

    assert code == 70, log
    (report,) = log_folder(tmp_path).glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("The kiosk crashed at ") and "version " in text
    assert "Traceback" in text and "_raise" in text  # where it happened, in the code
    assert "RuntimeError" in text
    for word in PERSONAL:
        assert word not in text, text
        assert word not in log, log
        assert word not in (log_folder(tmp_path) / "kiosk.log").read_text(encoding="utf-8")
    assert report.stat().st_mode & 0o777 == 0o600
    assert f"report in {report}" in log


def test_a_hard_crash_is_reported_at_the_next_start(tmp_path):
    code, log = crash(tmp_path, "fatal")
    assert code != 0, log
    assert not list(log_folder(tmp_path).glob("crash-*.txt"))  # faulthandler's file only, yet

    with Running(
        "--windowed", "--database", str(tmp_path / "s.db"), env=kiosk_env(tmp_path)
    ) as kiosk:
        kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log

    (report,) = log_folder(tmp_path).glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "hard crash (faulthandler)" in text and "Segmentation fault" in text
    assert "crash_for_test" in text


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Restarted after a crash at {}"), ("fr", "Redémarrée après une panne à {}")],
)
def test_the_dashboard_says_the_kiosk_restarted_after_a_crash_until_a_volunteer_has_seen_it(
    make_kiosk, qtbot, tmp_path, language, said
):
    code, log = crash(tmp_path, "slot")
    assert code == 70, log
    (report,) = log_folder(tmp_path).glob("crash-*.txt")
    at = re.search(r"crashed at (\S+)", report.read_text(encoding="utf-8")).group(1)
    reports = CrashReports(log_folder(tmp_path), "test")

    from tests.ui.test_admin import PIN_HASH

    kiosk = make_kiosk(f'[admin]\npin_hash = "{PIN_HASH}"\n', language=language, crashes=reports)
    open_admin(qtbot, kiosk)
    notice = find(kiosk.window, "crashText")
    assert notice.property("text") == said.format(datetime.fromisoformat(at).strftime("%H:%M"))

    tap(kiosk.window, "crashAcknowledge")
    qtbot.waitUntil(lambda: not exists(kiosk.window, "crashNotice"), timeout=5000)
    kiosk.close()

    again = make_kiosk(f'[admin]\npin_hash = "{PIN_HASH}"\n', language=language, crashes=reports)
    open_admin(qtbot, again)
    next_frame(qtbot, again.window)
    assert not exists(again.window, "crashNotice")  # seen: not said again at the next start
