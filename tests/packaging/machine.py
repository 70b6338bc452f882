"""The kiosk machine's installer, run as the tests run it: into a folder tree with --root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[2] / "packaging" / "kiosk-machine" / "install.py"
UNIT = "etc/systemd/system/kiosk@.service"


def install(root: Path, *options: str) -> subprocess.CompletedProcess:
    """Run the installer into `root` (as a coordinator would, with python3) and return it."""
    return subprocess.run(
        [sys.executable, str(INSTALLER), "--root", str(root), *options],
        capture_output=True,
        text=True,
        check=True,
    )


def installed_unit(root: Path) -> str:
    """The session unit's text, as the installer writes it."""
    install(root)
    return (root / UNIT).read_text()
