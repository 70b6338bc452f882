"""`kiosk run` starts the screens from the command line, stops cleanly on a signal, and a start
that fails ends with its message instead of showing a screen that does not react."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

KIOSK = str(Path(sys.executable).with_name("kiosk"))
ON_SCREEN = "on the screen:"  # logged (with -v) once the first frame is drawn


def private_screen(tmp_path: Path) -> dict[str, str]:
    """The environment of a kiosk on an offscreen screen with its own data, config and cache."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


class Running:
    """A `kiosk run -v` process whose log is read line by line as it comes."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [KIOSK, "run", "-v", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line)
        self._queue.put(None)  # the process closed its log: it ended

    def wait_for(self, text: str, seconds: float = 60) -> str:
        """The first log line holding `text`; fails if the kiosk ends or says nothing first."""
        while True:
            try:
                line = self._queue.get(timeout=seconds)
            except queue.Empty:
                pytest.fail(f"no {text!r} within {seconds} s:\n{self.log}")
            if line is None:
                pytest.fail(f"the kiosk ended before saying {text!r}:\n{self.log}")
            self.lines.append(line)
            if text in line:
                return line

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; its exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.ended()

    def ended(self, seconds: float = 60) -> int:
        try:
            code = self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"the kiosk was still running after {seconds} s:\n{self.log}")
        self._reader.join()
        while (line := self._queue.get()) is not None:
            self.lines.append(line)
        return code

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def a_good_start(tmp_path: Path, env: dict[str, str]) -> None:
    """A start that comes up and is stopped: the kiosk has run here before."""
    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log


def test_kiosk_run_starts_and_stops_cleanly_on_sigterm_even_full_screen(tmp_path):
    """A service manager's SIGTERM stops the kiosk in kiosk mode too, where the window itself
    refuses to close."""
    env = private_screen(tmp_path)
    for mode in (["--windowed"], []):
        with Running(*mode, "--database", str(tmp_path / "s.db"), env=env) as kiosk:
            kiosk.wait_for(ON_SCREEN)
            code = kiosk.stop()
        assert code == 0, kiosk.log
        assert "Traceback" not in kiosk.log and "Error" not in kiosk.log, kiosk.log
        assert (tmp_path / "s.db").exists()


def test_kiosk_run_without_a_screen_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run(
        [KIOSK, "run", "--database", str(tmp_path / "s.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 69
    assert "There is no screen to show the kiosk on" in result.stderr
    assert "Traceback" not in result.stderr


def test_kiosk_run_on_a_database_it_cannot_write_says_so(tmp_path, small_disk):
    database = small_disk / "signatures.db"
    from kiosk.core.records.store import Store

    Store(database).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [KIOSK, "run", "--windowed", "--database", str(database)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 74, result.stderr
    assert "signatures.db cannot be" in result.stderr and "read-only" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_a_database_overwritten_since_the_last_start_stops_the_kiosk_with_its_message(tmp_path):
    env = private_screen(tmp_path)
    a_good_start(tmp_path, env)
    (tmp_path / "s.db").write_bytes(b"overwritten by something else" * 300)
    for leftover in tmp_path.glob("s.db-*"):
        leftover.unlink()

    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        code = kiosk.ended()

    assert code == 74, kiosk.log
    assert "is not a signature database" in kiosk.log and "Traceback" not in kiosk.log
    assert ON_SCREEN not in kiosk.log and "Traceback" not in kiosk.log


def test_a_database_damaged_since_the_last_start_ends_the_kiosk_instead_of_a_frozen_screen(
    tmp_path,
):
    """Its first page intact, the rest zeroed: the file opens and fails at the first read. The
    kiosk used to show its attract screen from the last start's glance and then never react."""
    env = private_screen(tmp_path)
    a_good_start(tmp_path, env)
    database = tmp_path / "s.db"
    with sqlite3.connect(database) as conn:  # everything in the file, nothing in the WAL
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = database.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    database.write_bytes(data[:page] + bytes(len(data) - page))
    for leftover in tmp_path.glob("s.db-*"):
        leftover.unlink()

    with Running("--windowed", "--database", str(database), env=env) as kiosk:
        code = kiosk.ended()

    assert code == 74, kiosk.log
    assert "is damaged" in kiosk.log and "Traceback" not in kiosk.log, kiosk.log
    assert ON_SCREEN not in kiosk.log


def test_a_bad_setting_written_after_a_good_start_stops_the_next_start_with_its_message(
    tmp_path,
):
    env = private_screen(tmp_path)
    a_good_start(tmp_path, env)
    config = tmp_path / "config" / "kiosk" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[idle]\nwarning_after = "soon"\n')

    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        code = kiosk.ended()

    assert code == 78, kiosk.log
    assert "idle.warning_after" in kiosk.log and "valid integer" in kiosk.log
    assert ON_SCREEN not in kiosk.log and "Traceback" not in kiosk.log


def test_settings_saved_after_the_first_start_are_shown_by_the_next_start(tmp_path):
    """No config file at the first start; `kiosk config set` then creates one."""
    env = private_screen(tmp_path)
    a_good_start(tmp_path, env)
    for key, value in (
        ("languages.offered", '["de", "en"]'),
        ("languages.default", "de"),
        ("event.daily_goal", "250"),
    ):
        done = subprocess.run(
            [KIOSK, "config", "set", key, value],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "config" / "kiosk" / "config.toml").is_file()

    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        shown = kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log

    assert "languages de, en (idle in de)" in shown, shown
    assert "daily goal 250" in shown, shown


def test_a_language_without_screens_or_case_text_stops_the_start_naming_the_files(tmp_path):
    """Italian offered with no Italian screens or story: the visitor would read English buttons
    and a French story. The kiosk does not start, and says which files are missing."""
    env = private_screen(tmp_path)
    config = tmp_path / "config" / "kiosk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[languages]\noffered = ['fr', 'it']\ndefault = 'fr'\n")
    with Running("--windowed", "--database", str(tmp_path / "s.db"), env=env) as kiosk:
        code = kiosk.ended()
    assert code == 78, kiosk.log
    assert "kiosk_it.qm is missing" in kiosk.log and "story.it.md" in kiosk.log, kiosk.log
    assert ON_SCREEN not in kiosk.log and "Traceback" not in kiosk.log


@pytest.mark.parametrize("panel", [(1024, 600), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_kiosk_fills_the_panel_it_is_given(tmp_path, panel):
    """In kiosk mode the window takes the screen's size, whatever the compositor says: cage
    0.1.4 leaves a full-screen window its own size, and the 1280x800 it was built with cut the
    attract screen's button off on a 1280x720 output."""
    width, height = panel
    screens = tmp_path / "screens.json"
    panel_screen = {"name": "panel", "x": 0, "y": 0, "width": width, "height": height}
    screens.write_text(json.dumps({"screens": [panel_screen]}))
    env = {**private_screen(tmp_path), "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    with Running("--database", str(tmp_path / "s.db"), env=env) as kiosk:
        shown = kiosk.wait_for(ON_SCREEN)
        assert kiosk.stop() == 0, kiosk.log
    assert f"window {width}x{height}" in shown, shown
