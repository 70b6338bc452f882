"""`kiosk run` starts the screens from the command line and stops cleanly on a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def test_kiosk_run_starts_and_stops_cleanly_on_sigterm(tmp_path):
    script = Path(sys.executable).with_name("kiosk")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    process = subprocess.Popen(
        [str(script), "run", "--windowed", "--database", str(tmp_path / "s.db")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert process.poll() is None, process.communicate()[1]  # still running: it started
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert (tmp_path / "s.db").exists()


def test_kiosk_run_without_a_screen_says_so(tmp_path):
    script = Path(sys.executable).with_name("kiosk")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run(
        [str(script), "run", "--database", str(tmp_path / "s.db")],
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
    from kiosk.core.store import Store

    Store(database).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    script = Path(sys.executable).with_name("kiosk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [str(script), "run", "--windowed", "--database", str(database)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 74, result.stderr
    assert "signatures.db cannot be" in result.stderr and "read-only" in result.stderr.lower()
    assert "Traceback" not in result.stderr
