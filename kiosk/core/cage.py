"""The kiosk machine's display: cage, the one-window Wayland compositor, with the kiosk in it.

`kiosk session` is what the machine's systemd unit starts on tty1 (see
packaging/kiosk-machine/install.py). It builds cage's command line for the cage installed, since
the way to turn the screen (`kiosk.rotation`) changed between versions: cage 0.1.4 (Debian 12)
turns its output itself, 90 degrees clockwise per `-r`; cage 0.1.5 (Ubuntu 24.04) and later
dropped `-r` for output management (and stop at an unknown option), so there the kiosk first
turns every output with `wlr-randr --transform` from inside cage, then becomes the touchscreen.
When the kiosk exits, cage exits, and systemd restarts both.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence

from kiosk.core.errors import UnavailableError

CAGE = "cage"
WLR_RANDR = "wlr-randr"
# The first cage without `-r` (output management took its place): 0.1.5, Ubuntu 24.04's.
WITHOUT_ROTATE_FLAG = (0, 1, 5)
# setterm's "--blank 0 --powerdown 0" for a Linux virtual terminal: the console never blanks
# the screen before cage takes it over or after it lets go (cage itself has no idle blanking).
NO_CONSOLE_BLANKING = b"\033[9;0]\033[14;0]"


def cage_version(cage: str = CAGE) -> tuple[int, ...]:
    """The installed cage's version, from `cage -v` ("Cage version 0.1.4")."""
    try:
        result = subprocess.run([cage, "-v"], capture_output=True, text=True, timeout=10)
    except FileNotFoundError:
        raise UnavailableError(
            f"'{cage}' is not installed: the kiosk machine shows the kiosk inside cage. "
            "Install it with: sudo apt-get install cage xwayland"
        ) from None
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", result.stdout + result.stderr)
    if match is None:
        raise UnavailableError(f"'{cage} -v' did not say its version: {result.stdout!r}")
    return tuple(int(part) for part in match.groups("0"))


def session_command(
    rotation: int,
    version: tuple[int, ...],
    kiosk: Sequence[str],
    options: Sequence[str] = (),
    cage: str = CAGE,
) -> list[str]:
    """cage's command line: the kiosk turned by `rotation` degrees clockwise, the way this cage
    `version` can. `kiosk` starts the `kiosk` command; `options` follow its subcommand.

    `-d` asks clients to leave their title bars off (cage draws none either).
    """
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation {rotation} is not 0, 90, 180 or 270")
    if version < WITHOUT_ROTATE_FLAG:
        return [cage, "-d", *["-r"] * (rotation // 90), "--", *kiosk, "run", *options]
    if rotation == 0:
        return [cage, "-d", "--", *kiosk, "run", *options]
    return [cage, "-d", "--", *kiosk, "session", "--turn-outputs", str(rotation), *options]


def output_names(listing: str) -> list[str]:
    """The outputs `wlr-randr` lists: each starts a line, its details are indented below."""
    return [line.split()[0] for line in listing.splitlines() if line and not line[0].isspace()]


def turn_outputs(rotation: int) -> None:
    """Turn every output by `rotation` degrees with wlr-randr (inside a cage without `-r`).

    Raises UnavailableError saying whether wlr-randr is missing or what it answered (a cage
    older than 0.1.5 or another compositor has no output management to answer it).
    """
    try:
        listing = _wlr_randr().stdout
        for name in output_names(listing):
            _wlr_randr("--output", name, "--transform", str(rotation))
    except FileNotFoundError:
        raise UnavailableError(
            f"The screen could not be turned by {rotation} degrees: wlr-randr is not installed. "
            "Install it (sudo apt-get install wlr-randr), or set kiosk.rotation = 0."
        ) from None
    except subprocess.CalledProcessError as exc:
        said = " ".join((exc.stderr or exc.stdout or "").split()) or f"exit {exc.returncode}"
        raise UnavailableError(
            f"The screen could not be turned by {rotation} degrees: wlr-randr said {said!r}. "
            f"It needs cage 0.1.5 or later ('{CAGE} -v' says which is installed); "
            "or set kiosk.rotation = 0."
        ) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UnavailableError(
            f"The screen could not be turned by {rotation} degrees ({exc}); "
            "or set kiosk.rotation = 0."
        ) from None


def _wlr_randr(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WLR_RANDR, *args], capture_output=True, text=True, check=True, timeout=10
    )


def keep_console_awake(fd: int = 0) -> None:
    """Tell the virtual terminal on `fd` (the unit's TTYPath) never to blank; nothing elsewhere."""
    if os.isatty(fd):
        os.write(fd, NO_CONSOLE_BLANKING)
