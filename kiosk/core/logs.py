"""Where the running kiosk's log goes, and what it never holds.

Under systemd (the kiosk unit) the log is plain stderr, which the journal captures with the
unit's name and time: nothing else to install or configure. Started by hand, it goes to a file
in the user's log folder (platformdirs), rotated so a long day cannot fill the disk, and to
stderr at the level `-v` asks for.

The log names records by id only. An exception's message can quote what a visitor typed (a
name in a `ValueError`), so exceptions are logged as their type and where they happened, never
their message (`PrivateFormatter`).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

from kiosk.core.files import OWNER_ONLY, make_folder
from kiosk.core.paths import APP_NAME

LOG_FILE = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """The user's log folder for the kiosk (~/.local/state/kiosk/log on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def under_systemd() -> bool:
    """Started by systemd: its stderr goes to the journal (`JOURNAL_STREAM`), or at least the
    service manager keeps it (`INVOCATION_ID`)."""
    return bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))


def private_traceback(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback that says where and what kind of fault, never the exception's message (nor
    those of the exceptions chained to it): those may quote a visitor's name or town."""
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(traceback.extract_tb(tb))
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__} (message left out)\n")
    return "".join(lines)


class OwnerOnlyRotatingFile(RotatingFileHandler):
    """A rotating log file created owner-only (0600), as every file of the kiosk, the fresh
    file after each rotation too: the mode is given at creation, never put afterwards."""

    def _open(self):  # the handler's hook for opening its file (at start and after a rotation)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_ONLY)
        return os.fdopen(fd, "a", encoding=self.encoding)


class PrivateFormatter(logging.Formatter):
    """Log lines as usual, exceptions without their messages (see `private_traceback`)."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        exc_type, exc, tb = ei
        return private_traceback(exc_type, exc, tb).rstrip("\n")

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return stack_info


def setup_run_logging(verbose: bool, folder: Path | None = None) -> Path | None:
    """The log of `kiosk run`: the journal under systemd, else a rotating file in `folder` (the
    user's log folder) as well as stderr. Returns the log file, or None under systemd."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.INFO)
    stderr = logging.StreamHandler(sys.stderr)
    if under_systemd():
        # The journal stamps the time and the unit itself.
        stderr.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stderr)
        return None
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stderr)
    folder = folder or log_dir()
    make_folder(folder)
    path = folder / LOG_FILE
    handler = OwnerOnlyRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(PrivateFormatter(FORMAT))
    root.addHandler(handler)
    return path
