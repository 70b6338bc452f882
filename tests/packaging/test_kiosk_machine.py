"""The kiosk machine's installer (packaging/kiosk-machine/install.py): it refuses a machine that
cannot run the kiosk before installing anything, writes exactly the files the README lists,
writes systemd units that systemd accepts, and takes them all away again."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.machine import INSTALLER, install

README = Path(__file__).resolve().parents[2] / "README.md"
SETUP = INSTALLER.parents[1] / "setup.sh"


def load_installer():
    spec = importlib.util.spec_from_file_location("kiosk_machine_install", INSTALLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def written(root: Path) -> set[str]:
    """Every file and link under `root`, as the absolute path it has on the machine."""
    return {
        "/" + str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_symlink() or path.is_file()
    }


def readme_files() -> set[str]:
    """The paths in the README's list of what the installer writes (folders end with /)."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- kiosk-machine-files -->")[1].split("<!-- end kiosk-machine-files -->")[
        0
    ]
    return set(re.findall(r"^\| `(/[^`]+)`", block, flags=re.MULTILINE))


def test_the_installer_writes_exactly_the_files_the_readme_lists(tmp_path):
    result = install(tmp_path)
    listed = readme_files()
    files = {path for path in listed if not path.endswith("/")}
    assert written(tmp_path) == files
    # The venv and its copy of the kiosk are the rest; --root lists the commands that make them.
    assert {path for path in listed if path.endswith("/")} == {"/opt/kiosk/"}
    assert "python3 -m venv /opt/kiosk/venv" in result.stdout
    assert "apt-get install -y --no-install-recommends" in result.stdout
    for path in files:
        assert path in result.stdout, f"{path} written but not said"


def test_uninstall_removes_everything_the_installer_wrote(tmp_path):
    install(tmp_path)
    result = install(tmp_path, "--uninstall")
    assert written(tmp_path) == set()
    assert "Kept: the user kiosk and its home folder with the signatures" in result.stdout
    assert "--remove-data" in result.stdout


def test_uninstall_gives_back_the_default_target_the_machine_had(tmp_path):
    default = tmp_path / "etc/systemd/system/default.target"
    default.parent.mkdir(parents=True)
    default.symlink_to("/usr/lib/systemd/system/multi-user.target")
    install(tmp_path)
    assert default.readlink() == Path("/usr/lib/systemd/system/graphical.target")
    install(tmp_path)  # installed twice: the first default is still the one to give back
    install(tmp_path, "--uninstall")
    assert written(tmp_path) == {"/etc/systemd/system/default.target"}
    assert default.readlink() == Path("/usr/lib/systemd/system/multi-user.target")


def test_systemd_accepts_every_unit_the_installer_writes(tmp_path):
    install(tmp_path)
    # What the machine has beside: systemd's own units, and the venv's kiosk command.
    shutil.copytree("/usr/lib/systemd/system", tmp_path / "usr/lib/systemd/system", symlinks=True)
    kiosk = tmp_path / "opt/kiosk/venv/bin/kiosk"
    kiosk.parent.mkdir(parents=True)
    shutil.copy2(Path(sys.executable).with_name("kiosk"), kiosk)
    units = ["kiosk@tty1.service", "default.target"]
    result = subprocess.run(
        ["systemd-analyze", "verify", f"--root={tmp_path}", *units],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")
    unit = (tmp_path / "etc/systemd/system/kiosk@.service").read_text()
    for line in (
        "User=kiosk", "PAMName=kiosk", "TTYPath=/dev/%I", "TTYReset=yes", "TTYVHangup=yes",
        "TTYVTDisallocate=yes", "StandardInput=tty-fail", "Restart=always",
        "Conflicts=getty@%i.service", "After=systemd-user-sessions.service",
        "Environment=QT_QPA_PLATFORM=wayland", "Environment=QT_IM_MODULE=qtvirtualkeyboard",
        "Environment=QT_WAYLAND_DISABLE_WINDOWDECORATION=1",
    ):  # fmt: skip
        assert any(l.startswith(line) for l in unit.splitlines()), line  # noqa: E741
    pam = (tmp_path / "etc/pam.d/kiosk").read_text()
    assert "session  required pam_systemd.so" in pam


def test_the_machine_gets_every_package_the_kiosk_needs_to_run():
    setup = SETUP.read_text()
    run_packages = re.search(r"run_packages=\(([^)]*)\)", setup).group(1).split()
    assert set(run_packages) <= set(load_installer().PACKAGES)


@pytest.mark.parametrize(
    ("machine", "glibc", "python", "says"),
    [
        ("armv7l", (2, 36), (3, 11, 2), "install the 64-bit Raspberry Pi OS"),
        ("aarch64", (2, 36), (3, 11, 2), "needs glibc 2.39 or newer"),
        ("x86_64", (2, 31), (3, 11, 2), "needs glibc 2.34 or newer"),
        ("x86_64", (2, 36), (3, 9, 2), "python3 is 3.9.2; the kiosk needs Python 3.11"),
        ("x86_64", None, (3, 11, 2), "not glibc"),
    ],
)
def test_a_machine_that_cannot_run_the_kiosk_is_told_why_first(machine, glibc, python, says):
    problems = load_installer().preflight(machine, glibc, python)
    assert len(problems) == 1 and says in problems[0]


def test_a_raspberry_pi_os_on_debian_12_hears_it_needs_debian_13():
    (problem,) = load_installer().preflight("aarch64", (2, 36), (3, 11, 2))
    assert "Raspberry Pi OS based on Debian 13" in problem


def test_this_machine_passes_the_checks():
    installer = load_installer()
    import platform

    assert (
        installer.preflight(platform.machine(), installer.glibc_version(), sys.version_info[:3])
        == []
    )
