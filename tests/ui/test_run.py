"""`kiosk run` starts the screens from the command line and stops cleanly on a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def private_screen(tmp_path: Path) -> dict[str, str]:
    """The environment of a kiosk on an offscreen screen with its own data, config and cache."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


def test_kiosk_run_starts_and_stops_cleanly_on_sigterm_even_full_screen(tmp_path):
    """The second start draws from the glance the first one kept; a service manager's SIGTERM
    stops the kiosk in kiosk mode too, where the window itself refuses to close."""
    script = Path(sys.executable).with_name("kiosk")
    env = private_screen(tmp_path)
    for mode in (["--windowed"], []):
        process = subprocess.Popen(
            [str(script), "run", *mode, "--database", str(tmp_path / "s.db")],
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
        assert len(list((tmp_path / "cache" / "kiosk").glob("glance-*.json"))) == 1


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
    from kiosk.core.records.store import Store

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


def test_a_database_gone_bad_since_the_last_start_is_reported_after_the_first_picture(tmp_path):
    script = Path(sys.executable).with_name("kiosk")
    env = private_screen(tmp_path)
    command = [str(script), "run", "--windowed", "--database", str(tmp_path / "s.db")]
    first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=20)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0
    (tmp_path / "s.db").write_bytes(b"overwritten by something else" * 300)
    for leftover in tmp_path.glob("s.db-*"):
        leftover.unlink()

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    assert second.returncode == 74, second.stderr
    assert "is not a signature database or it is damaged" in second.stderr
    assert "Traceback" not in second.stderr
