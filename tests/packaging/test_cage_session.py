"""The kiosk machine's screen: the real kiosk inside cage, started the way the installed systemd
unit starts it (its user is unprivileged, its environment, its command), on cage's headless
back-end, looked at through a `grim` screenshot.

cage refuses to run as root, so the kiosk runs as `nobody` here, from a venv made by the
system's python3 that sees this environment's packages (the one under test). Everything it
writes goes to a temporary home.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.machine import installed_unit
from tests.waiting import wait_until

SYSTEM_PYTHON = Path("/usr/bin/python3")
OUTPUT = (1280, 720)  # the headless back-end's one output


class Unit:
    """The [Service] of the unit the installer writes, as systemd would read it."""

    def __init__(self, text: str) -> None:
        # systemd allows a key several times (Environment=): every value counts.
        self.environment: dict[str, str] = {}
        self.values: dict[str, str] = {}
        section = ""
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            key, _, value = line.partition("=")
            if section == "Service" and key == "Environment":
                name, _, setting = value.partition("=")
                self.environment[name] = setting
            elif section == "Service":
                self.values[key] = value


@pytest.fixture
def unprivileged() -> Iterator[tuple[pwd.struct_passwd, Path]]:
    """`nobody`, and a folder it owns that it can reach (pytest's own is root's only)."""
    user = pwd.getpwnam("nobody")
    # Xwayland's socket folder, as systemd-tmpfiles makes it at boot (cage refuses it when
    # another user made it first).
    x11 = Path("/tmp/.X11-unix")
    x11.mkdir(exist_ok=True)
    os.chown(x11, 0, 0)
    x11.chmod(0o1777)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-cage-", dir="/tmp"))
    folder.chmod(0o755)
    for name in ("home", "run"):
        (folder / name).mkdir(mode=0o700)
        os.chown(folder / name, user.pw_uid, user.pw_gid)
    yield user, folder
    shutil.rmtree(folder)


def venv_for(user_folder: Path) -> Path:
    """A venv of the system's python3 that sees this environment's packages: the venv under
    test may sit in root's home, which `nobody` cannot enter."""
    assert SYSTEM_PYTHON.exists(), "the kiosk machine runs Debian's python3: install python3"
    version = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tuple(map(int, version)) == sys.version_info[:2], (
        f"Debian's python3 is {'.'.join(version)}, the tests' is "
        f"{sys.version_info[0]}.{sys.version_info[1]}: run the tests with the system's version"
    )
    venv = user_folder / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", venv], check=True)
    site = sysconfig.get_paths()["purelib"]
    (venv / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages" /
     "under-test.pth").write_text(f"import site; site.addsitedir({site!r})\n")  # fmt: skip
    return venv


def start_like_the_unit(
    unit: Unit, user: pwd.struct_passwd, folder: Path, venv: Path
) -> subprocess.Popen:
    """The unit's command and environment, as `nobody`, on cage's headless back-end."""
    command = unit.values["ExecStart"].split()
    assert command[0].endswith("/venv/bin/kiosk"), command
    command = [str(venv / "bin" / "python"), "-m", "kiosk", *command[1:]]
    env = {
        **unit.environment,
        "HOME": str(folder / "home"),
        "XDG_RUNTIME_DIR": str(folder / "run"),  # pam_systemd's /run/user/UID
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
    }
    log = (folder / "session.log").open("wb")
    return subprocess.Popen(
        command,
        env=env,
        cwd=folder / "home",  # WorkingDirectory=~
        user=user.pw_uid,
        group=user.pw_gid,
        extra_groups=[],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def screenshot(user: pwd.struct_passwd, folder: Path) -> Image.Image | None:
    """What cage shows now, through grim (None until cage is up)."""
    if not (folder / "run" / "wayland-0").exists():
        return None
    picture = folder / "home" / "screen.png"
    result = subprocess.run(
        ["grim", str(picture)],
        env={"XDG_RUNTIME_DIR": str(folder / "run"), "WAYLAND_DISPLAY": "wayland-0"},
        user=user.pw_uid,
        group=user.pw_gid,
        extra_groups=[],
        capture_output=True,
    )
    if result.returncode != 0:
        return None
    with Image.open(picture) as image:
        return image.convert("RGB")


def edge_pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    """Pixels along the four edges, two pixels in, every 20 pixels."""
    width, height = image.size
    points = [(x, y) for x in range(2, width - 2, 20) for y in (2, height - 3)]
    points += [(x, y) for y in range(2, height - 2, 20) for x in (2, width - 3)]
    return [image.getpixel(point) for point in points]


def attract_screen_full(image: Image.Image | None) -> Image.Image | None:
    """The attract screen drawn to every edge: its dark photo shade there (a title bar, a
    border or the light background of a window still being drawn are not), and its white
    name and coloured button inside."""
    if image is None:
        return None
    dark_edges = all(max(pixel) < 110 for pixel in edge_pixels(image))
    bright = sum(image.convert("L").histogram()[231:])
    return image if dark_edges and bright > 2000 else None


@pytest.mark.parametrize(
    ("rotation", "size"),
    [(0, OUTPUT), (90, OUTPUT[::-1])],
    ids=["landscape", "turned a quarter for a portrait panel"],
)
def test_the_kiosk_fills_the_screen_under_cage_without_a_title_bar(
    tmp_path, unprivileged, rotation, size
):
    user, folder = unprivileged
    unit = Unit(installed_unit(tmp_path))
    assert unit.values["User"] == "kiosk" and unit.values["PAMName"] == "kiosk"
    assert shutil.which("cage") and shutil.which("grim") and shutil.which("Xwayland"), (
        "install cage, grim and xwayland (packaging/setup.sh test does)"
    )
    settings = folder / "home" / ".config" / "kiosk" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f"[kiosk]\nrotation = {rotation}\n")
    for path in (settings.parents[1], settings.parent, settings):
        os.chown(path, user.pw_uid, user.pw_gid)
    session = start_like_the_unit(unit, user, folder, venv_for(folder))
    try:
        image = wait_until(
            lambda: session.poll() is None and attract_screen_full(screenshot(user, folder)),
            "the attract screen to fill the screen under cage",
        )
    except AssertionError:
        last = screenshot(user, folder)
        log = (folder / "session.log").read_text(errors="replace").splitlines()
        said = "\n".join(line for line in log if "Basic output test failed" not in line)
        raise AssertionError(
            f"{said[-3000:]}\n"
            f"last picture: {last and last.size} edges {last and edge_pixels(last)[:8]}"
        ) from None
    finally:
        os.killpg(session.pid, 15)
        session.wait()
    assert image.size == size
    columns = (2, size[0] // 2, size[0] - 3)
    top_rows = [image.getpixel((x, y)) for x in columns for y in range(0, 40, 4)]
    assert all(max(pixel) < 110 for pixel in top_rows), f"a title bar band at the top: {top_rows}"
