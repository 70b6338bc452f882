#!/usr/bin/env python3
"""Turn a spare PC or Raspberry Pi into a kiosk that boots straight into the touchscreen.

    sudo python3 packaging/kiosk-machine/install.py                 set the machine up
    sudo python3 packaging/kiosk-machine/install.py --uninstall     take it all away again
    python3 packaging/kiosk-machine/install.py --root DIR           write the files into DIR only

It checks first what would make the set-up fail deep inside pip (the CPU, the C library, the
Python version) and stops before changing anything. Then it installs the Debian packages, makes
an unprivileged `kiosk` user, installs the kiosk from this checkout into a venv under /opt, and
starts cage (the one-window Wayland compositor) with the kiosk in it on tty1 at every boot, by a
systemd unit shaped like cage's own `cage@.service`. The README's "Set up a kiosk for an event"
lists every file it writes; --uninstall removes them (the kiosk user's home, which holds the
signatures, stays unless --remove-data is given).

Run by the system's python3, which may be older than the kiosk's: this file needs only the
standard library and Python 3.7, so that an old machine hears why it cannot be a kiosk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

USER = "kiosk"
HOME = "/home/kiosk"
SERVICE = "kiosk@.service"
INSTANCE = "kiosk@tty1.service"
OPT = "/opt/kiosk"
VENV = OPT + "/venv"
SOURCE = OPT + "/src"
UNIT = "/etc/systemd/system/" + SERVICE
ENABLED = "/etc/systemd/system/graphical.target.wants/" + INSTANCE
DEFAULT_TARGET = "/etc/systemd/system/default.target"
GRAPHICAL_TARGET = "/usr/lib/systemd/system/graphical.target"
PAM = "/etc/pam.d/kiosk"
RECORD = "/var/lib/kiosk-machine/installed.json"

# Every file this installer writes, in the order it writes them (the README lists the same; a
# test compares the two and what --root writes). The venv and its copy of the kiosk come on top,
# under OPT, except with --root.
FILES = (UNIT, PAM, ENABLED, DEFAULT_TARGET, RECORD)

# The C library PySide6's wheels are built for (manylinux_2_34_x86_64, manylinux_2_39_aarch64).
GLIBC_NEEDED = {"x86_64": (2, 34), "aarch64": (2, 39)}
PYTHON_NEEDED = (3, 11)

# Debian packages of a kiosk machine: those ./packaging/setup.sh installs to run the kiosk (a
# test keeps the two lists together), the local printing system, and the session: cage (0.1.4
# needs the Xwayland binary), wlr-randr to turn the screen under cage 0.1.5 and later, the Wayland
# libraries Qt's platform plugin loads, and logind's PAM module for the session.
PACKAGES = (
    "python3", "python3-venv", "python3-pip",
    "fonts-noto-core", "fonts-dejavu-core", "fonts-wqy-microhei", "fonts-symbola",
    "cups", "cups-client", "cups-ipp-utils",
    "libpulse0", "libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libglib2.0-0",
    "libdbus-1-3", "libgssapi-krb5-2", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
    "libxcb-image0", "libxcb-render-util0", "libxcb-xinerama0", "libxcb-randr0",
    "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
    "cage", "xwayland", "wlr-randr", "libwayland-cursor0", "libwayland-egl1",
    "dbus", "libpam-systemd",
)  # fmt: skip

# What of the checkout the kiosk runs from: the package and the bundled cases beside it.
CHECKOUT_PARTS = ("kiosk", "cases", "pyproject.toml", "README.md", "LICENSE")

UNIT_TEXT = """\
# The kiosk session: cage, the one-window Wayland compositor, with the kiosk in it, on a
# virtual terminal (enabled on tty1). Shaped like cage's own cage@.service. Written by
# packaging/kiosk-machine/install.py; its --uninstall removes it.
[Unit]
Description=Letter-writing kiosk on %I
After=systemd-user-sessions.service plymouth-quit-wait.service
Before=graphical.target
ConditionPathExists=/dev/tty0
Wants=dbus.socket systemd-logind.service
After=dbus.socket systemd-logind.service
# It logs in by itself on the terminal, so no login prompt there.
Conflicts=getty@%i.service
After=getty@%i.service
# A kiosk keeps coming back, however often it stopped.
StartLimitIntervalSec=0

[Service]
Type=simple
User={user}
PAMName=kiosk
WorkingDirectory=~
Environment=QT_QPA_PLATFORM=wayland
Environment=QT_IM_MODULE=qtvirtualkeyboard
Environment=QT_WAYLAND_DISABLE_WINDOWDECORATION=1
# Reads kiosk.rotation from the kiosk user's settings and starts cage with the kiosk in it.
ExecStart={venv}/bin/kiosk session
Restart=always
RestartSec=2
UtmpIdentifier=%I
UtmpMode=user
TTYPath=/dev/%I
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal

[Install]
WantedBy=graphical.target
DefaultInstance=tty1
"""

PAM_TEXT = """\
# The kiosk session (kiosk@.service, PAMName=kiosk): a logind session on the seat, which lets
# cage open the screen and the touch panel. Written by packaging/kiosk-machine/install.py.
auth     required pam_unix.so nullok
account  required pam_unix.so
session  required pam_unix.so
session  required pam_systemd.so
"""


class RefusedError(Exception):
    """The installer stops here; the message says why and what to do."""


def glibc_version() -> tuple[int, ...] | None:
    """The C library's version, or None where it is not glibc (e.g. musl)."""
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):
        return None
    name, _, version = text.partition(" ")
    if name != "glibc":
        return None
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def preflight(machine: str, glibc: tuple[int, ...] | None, python: tuple[int, ...]) -> list[str]:
    """Why this machine cannot run the kiosk, one plain sentence each (empty: it can).

    These would otherwise fail deep inside pip, after the packages were installed: PySide6 has
    wheels only for x86_64 and 64-bit ARM, built against a recent glibc.
    """
    problems = []
    needed = GLIBC_NEEDED.get(machine)
    if needed is None:
        problems.append(
            f"This machine's processor is {machine or 'unknown'}; Qt for Python (PySide6) is "
            "made only for x86_64 (PCs) and aarch64 (64-bit ARM). On a Raspberry Pi 3, 4 or 5, "
            "install the 64-bit Raspberry Pi OS."
        )
    elif glibc is None:
        problems.append(
            "This system's C library is not glibc; Qt for Python (PySide6) needs glibc "
            f"{_dotted(needed)} or newer: use Debian, Ubuntu or Raspberry Pi OS."
        )
    elif glibc < needed:
        newer = (
            "Debian 13 (trixie) or Ubuntu 24.04; on a Raspberry Pi, Raspberry Pi OS based on "
            "Debian 13"
            if machine == "aarch64"
            else "Debian 12, Ubuntu 24.04 or newer"
        )
        problems.append(
            f"This system's glibc is {_dotted(glibc)}; Qt for Python (PySide6) on {machine} "
            f"needs glibc {_dotted(needed)} or newer: install {newer}."
        )
    if python < PYTHON_NEEDED:
        problems.append(
            f"This system's python3 is {_dotted(python)}; the kiosk needs Python "
            f"{_dotted(PYTHON_NEEDED)} or newer (Debian 12, Ubuntu 24.04 and newer have it)."
        )
    return problems


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


class Installer:
    """Writes the machine's files under `root` ("/" for real), and runs (or, under another
    root, lists) the commands that change the running system."""

    def __init__(self, root: Path, checkout: Path) -> None:
        self.root = root
        self.checkout = checkout
        self.live = root == Path("/")
        self.skipped: list[list[str]] = []

    def path(self, name: str) -> Path:
        return self.root / name.lstrip("/")

    def run(self, command: list[str], *, check: bool = True) -> None:
        if not self.live:
            self.skipped.append(command)
            return
        print("+ " + shlex.join(command), flush=True)
        result = subprocess.run(command)
        if check and result.returncode != 0:
            raise RefusedError(
                f"'{' '.join(command)}' failed (exit {result.returncode}); see above."
            )

    def install(self) -> None:
        before = self._record()
        record = {
            # Where default.target pointed before the first install: --uninstall restores it.
            "previous_default_target": before.get("previous_default_target")
            if before
            else self._default_target(),
        }
        self.run(["apt-get", "update"])
        self.run(["apt-get", "install", "-y", "--no-install-recommends", *PACKAGES])
        record["created_user"] = self._make_user() or before.get("created_user", False)
        self._install_kiosk()
        self._write(UNIT, UNIT_TEXT.format(user=USER, venv=VENV))
        self._write(PAM, PAM_TEXT)
        self._link(ENABLED, UNIT)
        self._link(DEFAULT_TARGET, GRAPHICAL_TARGET)
        self._write(RECORD, json.dumps(record, indent=2) + "\n")
        if self.live and Path("/run/systemd/system").is_dir():
            self.run(["systemctl", "daemon-reload"])

    def _record(self) -> dict:
        """What an earlier install noted (empty: none)."""
        path = self.path(RECORD)
        return json.loads(path.read_text()) if path.exists() else {}

    def _default_target(self) -> str | None:
        link = self.path(DEFAULT_TARGET)
        return os.readlink(link) if link.is_symlink() else None  # noqa: PTH115 - Python 3.7

    def _make_user(self) -> bool:
        """True when the user was made now (an existing one is used as it is)."""
        if self.live and _user_exists(USER):
            return False
        self.run(
            ["useradd", "--create-home", "--home-dir", HOME, "--shell", "/usr/sbin/nologin",
             "--comment", "Letter-writing kiosk", USER]
        )  # fmt: skip
        self.run(["chmod", "0700", HOME])  # the signatures live there: the kiosk user's only
        return self.live

    def _install_kiosk(self) -> None:
        """A copy of the checkout under /opt (the bundled cases sit beside the package) and a
        venv that runs it, readable by the kiosk user and writable by root only."""
        if not self.live:
            self.skipped.append(["mkdir", "-p", SOURCE])
            parts = [str(self.checkout / part) for part in CHECKOUT_PARTS]
            self.skipped.append(["cp", "-a", *parts, SOURCE + "/"])
        else:
            source = Path(SOURCE)
            if source.exists():
                shutil.rmtree(source)
            source.mkdir(parents=True)
            for part in CHECKOUT_PARTS:
                origin = self.checkout / part
                if origin.is_dir():
                    shutil.copytree(
                        origin, source / part, ignore=shutil.ignore_patterns("__pycache__")
                    )
                else:
                    shutil.copy2(origin, source / part)
            Path(OPT).chmod(0o755)  # the kiosk user runs it; root alone writes it
        self.run([sys.executable if self.live else "python3", "-m", "venv", VENV])
        self.run([VENV + "/bin/python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        self.run([VENV + "/bin/python", "-m", "pip", "install", "--quiet", "-e", SOURCE])
        # Compiled now: the kiosk user cannot write beside root's files, and would otherwise
        # compile every module again at each start.
        self.run([VENV + "/bin/python", "-m", "compileall", "-q", SOURCE + "/kiosk"])

    def _write(self, name: str, text: str) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        path.chmod(0o644)

    def _link(self, name: str, target: str) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.symlink_to(target)

    def uninstall(self, *, remove_data: bool) -> None:
        record = self._record()
        if self.live and Path("/run/systemd/system").is_dir():
            self.run(["systemctl", "stop", INSTANCE], check=False)
        for name in (ENABLED, UNIT, PAM, RECORD):
            path = self.path(name)
            if path.is_symlink() or path.exists():
                path.unlink()
        default = self.path(DEFAULT_TARGET)
        if default.is_symlink() and os.readlink(default) == GRAPHICAL_TARGET:  # noqa: PTH115
            default.unlink()
            previous = record.get("previous_default_target")
            if previous:
                default.symlink_to(previous)
        for folder in (RECORD.rsplit("/", 1)[0], ENABLED.rsplit("/", 1)[0]):
            _remove_if_empty(self.path(folder))
        if self.path(OPT).exists():
            shutil.rmtree(self.path(OPT))
        if remove_data:
            self.run(["userdel", "--remove", USER], check=False)
        if self.live and Path("/run/systemd/system").is_dir():
            self.run(["systemctl", "daemon-reload"])


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _remove_if_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="install.py",
        description="Set this machine up as a kiosk that boots into the touchscreen "
        "(see the README: 'Set up a kiosk for an event').",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("/"),
        help="write the files into this folder tree instead of /, and list the commands "
        "(apt-get, useradd, the venv) to run inside it instead of running them",
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove everything the installer wrote"
    )
    parser.add_argument(
        "--remove-data",
        action="store_true",
        help="with --uninstall: also remove the kiosk user and its home, with the signatures",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.remove_data and not args.uninstall:
        parser.error("--remove-data goes with --uninstall")
    if not args.uninstall:  # first: whoever runs it learns at once if the machine will do
        problems = preflight(platform.machine(), glibc_version(), tuple(sys.version_info[:3]))
        if problems:
            print("This machine cannot be a kiosk; nothing was installed:", file=sys.stderr)
            for problem in problems:
                print("  - " + problem, file=sys.stderr)
            return 1
    if root == Path("/") and os.geteuid() != 0:
        print("Run it as root: sudo python3 " + " ".join(sys.argv), file=sys.stderr)
        return 1
    installer = Installer(root, Path(__file__).resolve().parents[2])
    try:
        if args.uninstall:
            installer.uninstall(remove_data=args.remove_data)
            _say_uninstalled(installer, remove_data=args.remove_data)
            return 0
        installer.install()
    except RefusedError as exc:
        print(f"Stopped: {exc}", file=sys.stderr)
        return 1
    _say_installed(installer)
    return 0


def _say_installed(installer: Installer) -> None:
    where = "" if installer.live else f" under {installer.root}"
    print(f"Written{where}:")
    for name in FILES:
        print(f"  {name}")
    if installer.skipped:
        print(f"Not run (--root); run these inside {installer.root}, e.g. in a chroot:")
        for command in installer.skipped:
            print("  " + shlex.join(command))
        return
    print(f"The kiosk is installed in {VENV} and starts on tty1 at the next boot.")
    print("Next:")
    print(f"  sudo -u {USER} {VENV}/bin/kiosk setup       the event, the printer, the sync")
    print(f"  sudo -u {USER} {VENV}/bin/kiosk admin set-pin")
    print(f"  sudo -u {USER} {VENV}/bin/kiosk doctor")
    print("  sudo reboot")


def _say_uninstalled(installer: Installer, *, remove_data: bool) -> None:
    where = "" if installer.live else f" under {installer.root}"
    print(f"Removed{where}: {UNIT}, {PAM}, {ENABLED}, {RECORD} and {OPT}.")
    print("The default target is again the one the machine had before the install.")
    if installer.skipped:
        print("Not run (--root): " + "; ".join(" ".join(c) for c in installer.skipped))
    if remove_data:
        print(f"The user {USER} and its home, with the signatures, are removed too.")
    else:
        print(
            f"Kept: the user {USER} and its home folder with the signatures, the settings and "
            f"the letters. Remove them too with --uninstall --remove-data (export first)."
        )
    print("The Debian packages stay installed (other programs may use them).")


if __name__ == "__main__":
    sys.exit(main())
