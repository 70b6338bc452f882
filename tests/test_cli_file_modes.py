"""Everything the kiosk writes says who signed for whom: other users of the machine can read none
of it, whatever their umask. Each writing command runs as a volunteer would start it, with the
usual umask 022, and every file it made must be 0600 and every folder 0700."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_CASE

SIGNER = ["--case", EXAMPLE_CASE, "--given-name", "Anna", "--town", "Bern", "--consent", "sign"]


def kiosk_with_umask_022(made: Path, *args: str) -> subprocess.CompletedProcess:
    """`kiosk ARGS` with umask 022, its default config and data folders (still missing) in
    `made`."""
    script = Path(sys.executable).with_name("kiosk")
    folders = {"XDG_CONFIG_HOME": str(made / "config"), "XDG_DATA_HOME": str(made / "data")}
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **folders},
        umask=0o022,
        timeout=120,
        check=False,
    )


def modes(root: Path) -> dict[str, int]:
    """Every file and folder below `root`, with its permission bits."""
    found = {}
    for folder, names, files in os.walk(root):
        for name in [*names, *files]:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A kiosk whose config and data folders are still to be made, whose letters go to a PDF
    folder and whose records go to a delivery folder, both missing: everything the kiosk
    makes lands in the folder returned."""
    made = tmp_path / "made"
    settings = {
        "printing.pdf_folder": str(made / "letters" / "2026"),
        "printing.mode": "immediate",
        "sync.folder": str(made / "share" / "kiosk-1"),
        "sync.target": "folder",
    }
    for key, value in settings.items():
        result = kiosk_with_umask_022(made, "config", "set", key, value)
        assert result.returncode == 0, result.stderr
    return made


def test_every_file_a_command_writes_is_private_even_with_umask_022(made, tmp_path):
    out = made / "out"
    out.mkdir(mode=0o700)
    commands = [
        ["sign", *SIGNER],
        ["admin", "set-pin", "--pin-file", str(tmp_path / "pin.txt")],
        ["letter", "--case", EXAMPLE_CASE, "--name", "Anna", "--town", "Bern",
         "--output", str(out / "letter.pdf")],
        ["letters", "--output", str(out / "letters.pdf")],
        ["export", "--output", str(out / "day.csv")],
        ["sync", "--once"],
    ]  # fmt: skip
    (tmp_path / "pin.txt").write_text("482915\n")
    for command in commands:
        result = kiosk_with_umask_022(made, *command)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    database = made / "data" / "kiosk" / "signatures.db"
    result = kiosk_with_umask_022(made, "merge", str(database), "--output", str(out / "stand.db"))
    assert result.returncode == 0, result.stderr
    result = kiosk_with_umask_022(
        made, "rescue", "--database", str(database), "--output", str(out / "rescued.db")
    )
    assert result.returncode == 0, result.stderr

    written = modes(made)
    for name in (
        "config/kiosk/config.toml",
        "data/kiosk/signatures.db",
        "data/kiosk/signatures.db-wal",
        "data/kiosk/signatures.db-shm",
        "out/letter.pdf",
        "out/letters.pdf",
        "out/day.csv",
        "out/day-summary.csv",
        "out/day-manifest.json",
        "out/stand.db",
        "out/rescued.db",
    ):
        assert name in written, sorted(written)
    assert any(name.startswith("letters/2026/") for name in written), sorted(written)
    assert any(name.startswith("share/kiosk-1/") for name in written), sorted(written)
    wrong = {
        name: oct(mode)
        for name, mode in written.items()
        if mode != (0o700 if (made / name).is_dir() else 0o600)
    }
    assert wrong == {}
