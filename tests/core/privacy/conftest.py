"""A key pair made as `kiosk keys new` makes it, and a service sealing to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.config import Config, Settings
from kiosk.core.privacy.keys import new_key_pair, read_private_key


@pytest.fixture
def key_pair(tmp_path: Path):
    """(public key, private key) written to and read back from their files."""
    _, private_path, public = new_key_pair(tmp_path / "keys")
    return public, read_private_key(private_path)


@pytest.fixture
def sealed_service(tmp_path: Path, key_pair):
    # Letters off: a sealed kiosk prints only to a CUPS queue (tests/core/printing has those).
    settings = Settings.model_validate(
        {"privacy": {"public_key": key_pair[0].text}, "printing": {"mode": "off"}}
    )
    with KioskService(Config(settings, None), tmp_path / "sealed.db") as opened:
        yield opened
