"""A private CUPS scheduler with a cups-pdf queue, so tests print for real and read the paper.

The scheduler runs from a folder of its own (configuration, spool, logs, a Unix socket) and never
touches the machine's CUPS. Its cups-pdf queue writes each printed job as a PDF into `output`;
the PDF a test reads there is what a real printer would have been sent.

Facts this relies on (checked on Debian 12, cups 2.4, cups-pdf 3.0.1): cupsd must run as root
(the cups-pdf backend is 0700 root); the folder and its parents must be mode 0755 because
filters run as `lp`; cups-pdf reads its per-queue configuration from `/etc/cups` whatever the
ServerRoot, so the queue gets a unique tag and `/etc/cups/cups-pdf-TAG.conf` names its output.

A scheduler started with `copy_backend=True` also offers `add_copy_queue`: a raw queue (no
filter) whose backend copies each job's file as handed over, under cups-pdf's names, without
cups-pdf's Ghostscript (0.4 s of CPU a letter here; the soak prints ten thousand letters on the
same two cores it measures). CUPS runs backends only from its `ServerBin`, so that scheduler's
`ServerBin` is a folder of its own: links to the machine's CUPS programs, and the copy backend.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
COMPLETED_JOBS_TEST = """{
  OPERATION Get-Jobs
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR keyword which-jobs completed
  ATTR keyword requested-attributes job-id
  STATUS successful-ok
  DISPLAY job-id
}
"""
CUPS_PDF_CONF = Path("/etc/cups")
SERVER_BIN = Path("/usr/lib/cups")
# The copy backend: with no argument CUPS asks what it offers; else argv is job-id, user,
# title, copies, options and perhaps the file (stdin without it). The copy is renamed into
# place, so a reader never sees half a letter.
COPY_BACKEND = """#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct kioskcopy "Unknown" "Copies each job to a folder"'; exit 0; fi
folder=${DEVICE_URI#kioskcopy:}
title=$(printf %s "$3" | tr -c 'A-Za-z0-9._-' _ | cut -c1-64)
part="$folder/.job_$1.part"
if [ -n "$6" ]; then cat -- "$6" > "$part" || exit 1; else cat > "$part" || exit 1; fi
mv -- "$part" "$folder/$title-job_$1.pdf"
"""


def missing() -> str | None:
    """Why a private scheduler cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "a CUPS scheduler with the cups-pdf backend must run as root (CI runs as root)"
    for tool in ("cupsd", "lpadmin", "lp", "lpstat", "cupsenable"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} is not installed: ./packaging/setup.sh test installs CUPS"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "cups-pdf is not installed: apt-get install printer-driver-cups-pdf"
    return None


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


@dataclass
class Scheduler:
    """One running private cupsd; `env` points the CUPS command-line tools at it."""

    root: Path
    copy_backend: bool = False
    process: subprocess.Popen | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def socket(self) -> Path:
        return self.root / "run" / "cups.sock"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C"}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a CUPS tool against this scheduler. A busy scheduler (a full suite runs many
        queues) may refuse a connection for a moment: a failing call is tried three times."""
        for attempt in range(3):
            result = subprocess.run(
                [_tool(args[0]), *args[1:]],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            if result.returncode == 0 or not check:
                return result
            time.sleep(0.3 * (attempt + 1))
        raise RuntimeError(f"{' '.join(args)} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        for sub in ("etc/ppd", "spool/tmp", "cache", "run", "log", "state"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        for folder in (self.root, *self.root.parents):
            if folder == Path("/"):
                break
            if folder.stat().st_mode & 0o755 != 0o755:
                folder.chmod(folder.stat().st_mode | 0o755)
        etc = self.root / "etc"
        (etc / "cupsd.conf").write_text(
            f"Listen {self.socket}\n"
            "ErrorPolicy stop-printer\n"
            "Browsing No\n"
            "WebInterface No\n"
            "LogLevel warn\n"
            "MaxJobs 0\n"
            "PreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        )
        (etc / "cups-files.conf").write_text(
            f"ServerRoot {etc}\n"
            f"RequestRoot {self.root / 'spool'}\n"
            f"TempDir {self.root / 'spool' / 'tmp'}\n"
            f"CacheDir {self.root / 'cache'}\n"
            f"StateDir {self.root / 'state'}\n"
            f"ErrorLog {self.root / 'log' / 'error_log'}\n"
            f"AccessLog {self.root / 'log' / 'access_log'}\n"
            f"PageLog {self.root / 'log' / 'page_log'}\n"
            "SystemGroup root\n"
            + (f"ServerBin {self._server_bin()}\n" if self.copy_backend else "")
        )
        self.process = subprocess.Popen(
            [
                _tool("cupsd"),
                "-f",
                "-c",
                str(etc / "cupsd.conf"),
                "-s",
                str(etc / "cups-files.conf"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.root / "log" / "error_log").read_text(errors="replace")
                raise RuntimeError(f"cupsd exited with {self.process.returncode}: {log}")
            if self.socket.exists() and self.run("lpstat", "-r", check=False).returncode == 0:
                return
            time.sleep(0.05)
        raise RuntimeError("cupsd did not come up within 15 s")

    def _server_bin(self) -> Path:
        """The machine's CUPS programs, linked, and the copy backend among its backends."""
        lib = self.root / "lib"
        lib.mkdir(exist_ok=True)
        for part in SERVER_BIN.iterdir():
            if part.name != "backend":
                (lib / part.name).unlink(missing_ok=True)
                (lib / part.name).symlink_to(part)
        backends = lib / "backend"
        backends.mkdir(parents=True, exist_ok=True)
        for backend in (SERVER_BIN / "backend").iterdir():
            (backends / backend.name).unlink(missing_ok=True)
            (backends / backend.name).symlink_to(backend.resolve())
        copy = backends / "kioskcopy"
        copy.write_text(COPY_BACKEND)
        copy.chmod(0o755)  # run as lp, like cups-pdf's filters
        return lib

    def add_copy_queue(self, name: str, output: Path) -> None:
        """A raw queue whose device writes each job, as it was handed over, to `output` as
        `<title>-job_<id>.pdf`; a failing copy stops the queue. Needs `copy_backend=True`."""
        assert self.copy_backend, "Scheduler(copy_backend=True) offers the copy backend"
        output.mkdir(parents=True, exist_ok=True)
        output.chmod(0o777)
        self.run("lpadmin", "-p", name, "-E", "-v", f"kioskcopy:{output}")
        self.run("lpadmin", "-p", name, "-o", "printer-error-policy=stop-printer")

    def add_pdf_queue(self, name: str, output: Path) -> None:
        """A queue that "prints" to PDF files in `output`; a failing backend stops the queue."""
        tag = f"kiosktest{uuid.uuid4().hex[:12]}"
        output.mkdir(parents=True, exist_ok=True)
        output.chmod(0o777)
        conf = CUPS_PDF_CONF / f"cups-pdf-{tag}.conf"
        conf.write_text(f"Out {output}\nLabel 1\nGrp root\n")
        self.tags.append(tag)
        self.run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{tag}", "-m", PPD)
        self.run("lpadmin", "-p", name, "-o", "printer-error-policy=stop-printer")

    def add_broken_queue(self, name: str) -> None:
        """A queue whose device cannot be opened: every job fails and stops the queue."""
        self.run(
            "lpadmin", "-p", name, "-E", "-v", "serial:/dev/kiosk-no-such-port?baud=9600", "-m", PPD
        )
        self.run("lpadmin", "-p", name, "-o", "printer-error-policy=stop-printer")

    def completed_jobs(self, queue: str) -> list[int]:
        """The ids of every job of `queue` CUPS lists as done (completed, canceled, aborted),
        in CUPS's order. `lpstat -W completed` stops at 500 (cups 2.4, 1,010 jobs kept: it
        listed 500), so this asks IPP's Get-Jobs itself, with no limit."""
        test = self.root / "completed-jobs.test"
        test.write_text(COMPLETED_JOBS_TEST)
        uri = f"ipp://{quote(str(self.socket), safe='')}/printers/{quote(queue)}"
        answer = self.run("ipptool", "-c", uri, str(test))
        return [int(line) for line in answer.stdout.splitlines()[1:] if line.strip()]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for tag in self.tags:
            (CUPS_PDF_CONF / f"cups-pdf-{tag}.conf").unlink(missing_ok=True)
