"""Switched on in front of people: the attract screen comes first, the rest right behind it.

A start whose settings and cases have not changed since the last checked start draws the attract
screen from the glance that start kept, and loads and checks everything else after the first
frame. Nothing is lost on the way: a touch that comes early starts the session once it is there,
and a failure behind the picture ends the kiosk with its message and exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from kiosk.core.config import load_config
from kiosk.core.errors import StorageError
from kiosk.core.records.store import Store
from kiosk.core.signatures import prepare
from kiosk.ui.app import KioskApp
from tests.conftest import anna
from tests.ui.conftest import exists, find, items, settle, tap, write_config


def start(tmp_path, calls: list | None = None, meanwhile=None) -> KioskApp:
    """`kiosk run`'s start; `meanwhile(kiosk)` happens while the settings are being loaded."""
    config_path = tmp_path / "config.toml"
    if not config_path.exists():
        write_config(tmp_path)

    def settings():
        if calls is not None:
            calls.append(time.monotonic())
        if meanwhile is not None:
            meanwhile(kiosk)
        return load_config(config_path)

    kiosk = KioskApp.start(
        settings, tmp_path / "signatures.db", config_path=config_path, fullscreen=False
    )
    kiosk.window.resize(1280, 800)
    return kiosk


def wait_until(qapp, condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        settle(qapp, 10)
    assert condition()


def inside(item, name: str):
    return next(child for child in items(item) if child.objectName() == name)


def glances() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"]).glob("kiosk/glance-*.json"))


def test_the_first_start_checks_first_and_keeps_a_glance_for_the_next(qapp, tmp_path):
    assert glances() == []
    kiosk = start(tmp_path)
    try:
        assert kiosk.session is not None  # nothing kept yet: checked before the picture
        assert len(glances()) == 1
    finally:
        kiosk.close()


def test_a_later_start_draws_the_attract_screen_before_loading_the_rest(qapp, tmp_path, case):
    start(tmp_path).close()  # yesterday's start, which kept the glance
    with Store(tmp_path / "signatures.db") as store:
        for _ in range(2):
            signature = prepare(anna(), case, event_id="e", kiosk_id="k", language="fr")
            store.record(signature, print_letter=False)
    calls: list[float] = []
    kiosk = start(tmp_path, calls)
    frames: list[float] = []
    kiosk.window.frameSwapped.connect(lambda: frames.append(time.monotonic()))
    try:
        assert kiosk.session is None and calls == []  # nothing loaded or checked yet
        first = find(kiosk.window, "firstAttractScreen")
        counter = inside(first, "counter")
        assert "2" in counter.childItems()[0].property("text")  # today's count, already
        assert inside(first, "invitation").property("text") == "Touchez pour écrire une lettre"

        wait_until(qapp, lambda: kiosk.session is not None)

        assert calls and frames and calls[0] > frames[0]  # checked after the first frame
        settle(qapp, 100)
        assert not exists(kiosk.window, "firstAttractScreen")
        assert exists(kiosk.window, "attractScreen") and kiosk.session.today == 2
    finally:
        kiosk.close()


def test_a_touch_before_the_rest_is_loaded_is_not_lost(qapp, tmp_path):
    start(tmp_path).close()

    def touch(kiosk: KioskApp) -> None:
        assert kiosk.session is None
        tap(kiosk.window, inside(find(kiosk.window, "firstAttractScreen"), "attractTouch"))
        assert kiosk.stand_in.wanted

    kiosk = start(tmp_path, meanwhile=touch)
    try:
        wait_until(qapp, lambda: kiosk.session is not None)
        assert kiosk.session.step == "language"
    finally:
        kiosk.close()


def test_a_failure_behind_the_first_picture_is_kept_to_be_reported(qapp, tmp_path):
    start(tmp_path).close()
    (tmp_path / "signatures.db").write_bytes(b"not a database at all" * 500)
    kiosk = start(tmp_path)
    try:
        wait_until(qapp, lambda: kiosk.failure is not None)
        assert isinstance(kiosk.failure, StorageError)
        assert "not a signature database" in str(kiosk.failure)
        assert kiosk.session is None
    finally:
        kiosk.close()


LIGHT = """
import importlib.abc, sys
HEAVY = ('pydantic', 'sqlite_utils', 'babel', 'reportlab', 'email_validator', 'click')
class Heavy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in HEAVY:
            raise ImportError(f'the first picture imported {name}')
sys.meta_path.insert(0, Heavy())
import kiosk.ui.app, kiosk.ui.standin, kiosk.ui.keys, kiosk.ui.images, kiosk.core.glance
print('light')
"""


def test_the_first_picture_needs_none_of_the_heavy_libraries():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LIGHT], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "light"
