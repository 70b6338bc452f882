"""What a crash leaves behind: a short report beside the logs, and a note for the volunteers.

A fault of the kiosk (an exception nobody caught, in Python or in a Qt slot; or a hard crash in
native code, reported by `faulthandler`) writes a report: the time, the kiosk's version and the
traceback, without any exception's message (it may quote a visitor). The process then ends
with a non-zero code so the service manager starts it again. At the next start the admin
dashboard says "restarted after a crash at HH:MM" until a volunteer acknowledges it.

Files, in the log folder: `crash-YYYYmmdd-HHMMSS.txt` (one per crash), `fatal-error.txt` (held
open for `faulthandler`, turned into a report at the next start), `crash-acknowledged` (the
name of the last report a volunteer has seen).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from kiosk.core.files import OWNER_ONLY, make_folder, write_atomically, write_new
from kiosk.core.logs import private_traceback

log = logging.getLogger(__name__)

FATAL_FILE = "fatal-error.txt"
ACKNOWLEDGED_FILE = "crash-acknowledged"
PREFIX = "crash-"
STAMP = "%Y%m%d-%H%M%S"


class CrashReports:
    """The crash reports in one folder (the log folder)."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = Path(folder)
        self.version = version
        self._fatal: IO[bytes] | None = None

    def write(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        *,
        where: str = "",
    ) -> Path:
        """A report of an uncaught exception; its path."""
        return self._report(
            datetime.now(), f"uncaught exception{where}\n" + private_traceback(exc_type, exc, tb)
        )

    def _report(self, when: datetime, body: str) -> Path:
        make_folder(self.folder)
        text = (
            f"The kiosk crashed at {when.isoformat(timespec='seconds')}\n"
            f"version {self.version}, Python {sys.version.split()[0]}\n\n{body}"
        )
        stamp = when.strftime(STAMP)
        for n in range(100):  # two crashes in one second each keep their report
            path = self.folder / f"{PREFIX}{stamp}{'' if n == 0 else f'-{n}'}.txt"
            try:
                write_new(path, text.encode("utf-8"))
            except FileExistsError:
                continue
            return path
        raise FileExistsError(path)

    def watch_hard_crashes(self) -> None:
        """Let `faulthandler` write the Python stacks of a hard crash (a segmentation fault in
        Qt, an abort) to a file; a report is made from it at the next start. Call
        `collect_hard_crash` first, so the last one is not overwritten."""
        make_folder(self.folder)
        fd = os.open(self.folder / FATAL_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
        self._fatal = os.fdopen(fd, "wb")  # held open for faulthandler until `stop`
        faulthandler.enable(file=self._fatal, all_threads=True)

    def collect_hard_crash(self) -> Path | None:
        """The hard crash of the last run, if there was one, as a report (the fatal file only
        holds file names, line numbers and function names)."""
        fatal = self.folder / FATAL_FILE
        try:
            text = fatal.read_text(encoding="utf-8", errors="replace").strip()
            when = datetime.fromtimestamp(fatal.stat().st_mtime)
        except FileNotFoundError:
            return None
        if not text:
            return None
        path = self._report(when, "hard crash (faulthandler)\n" + text + "\n")
        fatal.write_bytes(b"")
        return path

    def stop(self) -> None:
        if self._fatal is not None:
            faulthandler.disable()
            self._fatal.close()
            self._fatal = None

    def reports(self) -> list[Path]:
        """Every crash report, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob(f"{PREFIX}*.txt") if p.is_file())

    def unacknowledged(self) -> datetime | None:
        """When the kiosk last crashed, if no volunteer has acknowledged it yet."""
        reports = self.reports()
        if not reports:
            return None
        seen = self.folder / ACKNOWLEDGED_FILE
        last_seen = seen.read_text(encoding="utf-8").strip() if seen.is_file() else ""
        latest = reports[-1]
        if latest.name <= last_seen:
            return None
        stamp = latest.stem[len(PREFIX) :][: len("YYYYmmdd-HHMMSS")]
        return datetime.strptime(stamp, STAMP)

    def acknowledge(self) -> None:
        """A volunteer has seen the note: it goes until the next crash."""
        reports = self.reports()
        if reports:
            write_atomically(self.folder / ACKNOWLEDGED_FILE, reports[-1].name.encode("utf-8"))


def install(reports: CrashReports, on_crash: Callable[[], None]) -> None:
    """Make every uncaught exception (main thread, other threads, Qt slots: PySide hands those
    to `sys.excepthook`) write a report, log it and call `on_crash`, which ends the process
    with a non-zero code; hard crashes go to `faulthandler`."""
    reports.collect_hard_crash()
    reports.watch_hard_crashes()

    def report(exc_type, exc, tb, where: str = "") -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            path = reports.write(exc_type, exc, tb, where=where)
            log.critical(
                "the kiosk crashed (%s): report in %s", exc_type.__name__, path, exc_info=False
            )
        except OSError as error:
            log.critical("the kiosk crashed (%s); no report: %s", exc_type.__name__, error)
        on_crash()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        report(args.exc_type, args.exc_value, args.exc_traceback, f" in thread {name}")

    sys.excepthook = report
    threading.excepthook = thread_hook
