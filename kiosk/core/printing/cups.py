"""CUPS from the command line: submit a PDF, read a queue's state, follow a job, re-enable a queue.

The kiosk talks to CUPS only through its own tools (`lp`, `lpstat`, `cupsenable`, `cupsaccept`,
and `ipptool` for a job's exact state), so the PDF reaches CUPS exactly as rendered and nothing
here needs a compiled binding. The tools run with `LC_ALL=C` so their English answers can be read,
and with `CUPS_SERVER` when a scheduler other than the system's is named (tests run their own).

`lpstat -W completed` cannot tell a completed job from a cancelled or aborted one, so a job's
state comes from IPP's Get-Job-Attributes through `ipptool`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kiosk.core.errors import ExitCode, KioskError

TIMEOUT = 15  # seconds: a scheduler that takes longer is as good as unreachable


class PrinterError(KioskError):
    """The printer or CUPS refused or could not be reached; the message says what CUPS said."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "printer"


@dataclass(frozen=True)
class QueueState:
    """How a print queue stands: idle, printing, stopped (disabled) or unreachable."""

    name: str
    state: str
    accepting: bool
    reason: str
    # The reason's stable kind where the kiosk words it, so a screen can say it in its own
    # language ("no-queue", "no-cups", "no-answer", "stopped", "not-accepting", "unexpected",
    # "folder-cannot-be-made", "folder-read-only"); empty when `reason` is CUPS's own words.
    why: str = ""

    @property
    def ok(self) -> bool:
        """True when a letter sent now would print."""
        return self.state in ("idle", "printing") and self.accepting


@dataclass(frozen=True)
class JobState:
    """One job as CUPS sees it: pending, held, processing, stopped, completed, cancelled,
    aborted, or unknown (CUPS no longer knows it)."""

    job_id: str
    state: str
    reason: str

    @property
    def finished(self) -> bool:
        return self.state in ("completed", "cancelled", "aborted", "unknown")


# IPP job-state keywords as ipptool prints them, in the words the kiosk uses.
_JOB_STATES = {
    "pending": "pending",
    "pending-held": "held",
    "processing": "processing",
    "processing-stopped": "stopped",
    "canceled": "cancelled",
    "aborted": "aborted",
    "completed": "completed",
}

_GET_JOB = """{
  NAME "job state"
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_number
  ATTR name requesting-user-name $user
  ATTR keyword requested-attributes job-state,job-state-reasons,job-printer-state-message
  STATUS successful-ok
  DISPLAY job-state
  DISPLAY job-state-reasons
  DISPLAY job-printer-state-message
}
"""

# Cancel-Job with purge-job removes a job's spooled document even once it is completed, which
# `cancel -x` refuses in CUPS 2.4 ("already completed - can't cancel"). A job CUPS no longer
# knows has nothing left to remove.
_PURGE_JOB = """{
  NAME "purge job"
  OPERATION Cancel-Job
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_number
  ATTR name requesting-user-name $user
  ATTR boolean purge-job true
  STATUS successful-ok
  STATUS client-error-not-found
}
"""

_JOB_ID = re.compile(r"request id is (\S+-\d+)")


class Cups:
    """One CUPS queue, reached through the CUPS command-line tools."""

    def __init__(self, queue: str, server: str | None = None) -> None:
        self.queue = queue
        self.server = server or os.environ.get("CUPS_SERVER") or None

    # -- running the tools ------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        if self.server:
            env["CUPS_SERVER"] = self.server
        return env

    def _run(
        self, tool: str, *args: str, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a CUPS tool; `stdin` is handed to it through a pipe, never through a file."""
        path = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin")
        if path is None:
            raise PrinterError(
                f"CUPS is not installed on this kiosk ('{tool}' is missing). "
                "Install it with: sudo apt-get install cups cups-client"
            )
        try:
            result = subprocess.run(
                [path, *args],
                input=stdin,
                capture_output=True,
                env=self._env(),
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PrinterError(
                f"CUPS did not answer within {TIMEOUT} s ({tool}). Is the print service running?"
            ) from exc
        return subprocess.CompletedProcess(
            result.args,
            result.returncode,
            result.stdout.decode(errors="replace"),
            result.stderr.decode(errors="replace"),
        )

    @staticmethod
    def _said(result: subprocess.CompletedProcess[str]) -> str:
        """What a tool said, without its name in front ("lp: ..." -> "...")."""
        text = " ".join((result.stderr or result.stdout).split())
        return re.sub(r"^\w+: ", "", text)

    # -- the queue --------------------------------------------------------------------------

    def queue_state(self) -> QueueState:
        """The queue's state and the reason CUPS gives; never raises for a missing queue."""
        try:
            printer = self._run("lpstat", "-p", self.queue)
        except PrinterError as exc:
            return QueueState(self.queue, "unreachable", False, str(exc), "no-answer")
        if printer.returncode != 0:
            return QueueState(self.queue, "unreachable", False, *self._unreachable(printer))
        state, reason, why = _parse_printer(printer.stdout, self.queue)
        accepting = self._run("lpstat", "-a", self.queue)
        accepts = accepting.returncode == 0 and " not accepting " not in accepting.stdout
        if not accepts and not reason:
            reason = _indented(accepting.stdout)
            if not reason:
                reason, why = "the queue is not accepting jobs", "not-accepting"
        return QueueState(self.queue, state, accepts, reason, why)

    def _unreachable(self, result: subprocess.CompletedProcess[str]) -> tuple[str, str]:
        """(reason, its kind) for a queue lpstat could not report on."""
        said = self._said(result)
        if "Invalid destination" in said or "does not exist" in said:
            reason = f"there is no print queue named '{self.queue}' (check printing.printer)"
            return reason, "no-queue"
        if "not running" in said.lower() or "connect" in said.lower():
            return "the print service (CUPS) is not running", "no-cups"
        return (said, "") if said else ("CUPS gave no answer", "no-answer")

    def enable(self) -> None:
        """Re-enable the queue and let it accept jobs again (what `cupsenable` does by hand)."""
        for tool in ("cupsenable", "cupsaccept"):
            result = self._run(tool, self.queue)
            if result.returncode != 0:
                raise PrinterError(
                    f"The printer queue could not be restarted: {self._said(result)}"
                )

    # -- jobs -------------------------------------------------------------------------------

    def submit(self, pdf: Path | bytes, title: str) -> str:
        """Hand a PDF to the queue as it is; returns the CUPS job id (e.g. 'Office-12').

        A PDF given as bytes goes to `lp` through a pipe: it reaches the scheduler's spool
        without ever being a file of the kiosk's."""
        options = ("-d", self.queue, "-t", title, "-o", "media=A4")
        if isinstance(pdf, bytes):
            result = self._run("lp", *options, stdin=pdf)
        else:
            result = self._run("lp", *options, str(pdf))
        found = _JOB_ID.search(result.stdout)
        if result.returncode != 0 or not found:
            said = self._said(result)
            if "does not exist" in said:
                said = f"there is no print queue named '{self.queue}'"
            raise PrinterError(f"The printer did not take the letter: {said}")
        return found.group(1)

    def job_state(self, job_id: str) -> JobState:
        """Where a job stands, from IPP's Get-Job-Attributes."""
        number = job_id.rsplit("-", 1)[-1]
        if not number.isdigit():
            return JobState(job_id, "unknown", f"'{job_id}' is not a CUPS job id")
        result = self._ipp(_GET_JOB, number)
        rows = list(csv.reader(io.StringIO(result.stdout)))
        if result.returncode != 0 or len(rows) < 2:
            if self.queue_state().state == "unreachable":
                raise PrinterError(f"The printer cannot be reached to follow job {job_id}.")
            return JobState(job_id, "unknown", "CUPS no longer knows this job")
        values = dict(zip(rows[0], rows[1], strict=False))
        state = _JOB_STATES.get(values.get("job-state", ""), "unknown")
        reason = values.get("job-printer-state-message", "").strip()
        if state == "cancelled":
            reason = "it was cancelled at the printer" + (f" ({reason})" if reason else "")
        elif state == "aborted":
            reason = "the printer gave up on it" + (f": {reason}" if reason else "")
        return JobState(job_id, state, reason)

    def purge(self, job_id: str) -> None:
        """Remove a finished job's document from the scheduler's spool at once.

        CUPS keeps the documents of finished jobs for a day by default (`PreserveJobFiles`),
        readable by anyone who takes the kiosk's disk; a sealed kiosk removes each letter as
        soon as it is printed."""
        number = job_id.rsplit("-", 1)[-1]
        if not number.isdigit():
            return
        result = self._ipp(_PURGE_JOB, number)
        if result.returncode != 0:
            said = " ".join(result.stdout.split()[-12:]) or self._said(result)
            raise PrinterError(f"CUPS did not remove the printed letter {job_id}: {said}")

    def _ipp(self, test: str, number: str) -> subprocess.CompletedProcess[str]:
        """Run one IPP request on job `number` of this queue through `ipptool`."""
        with tempfile.NamedTemporaryFile("w", prefix="kiosk-ipp-", suffix=".test") as file:
            file.write(test)
            file.flush()
            return self._run(
                "ipptool",
                "-c",
                "-T",
                str(TIMEOUT),
                "-d",
                f"job_number={number}",
                "-d",
                f"user={_user()}",
                self._printer_uri(),
                file.name,
            )

    def queues(self) -> list[str]:
        """The names of the print queues CUPS knows (`lpstat -e`), in its order. `PrinterError`
        when CUPS is missing or its scheduler cannot be reached, with what to do; an empty list
        when it runs but has no queue yet."""
        result = self._run("lpstat", "-e")
        names = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        if result.returncode == 0 and names:
            return names
        # `lpstat -e` says nothing, and exits 0, both for no queue and for no scheduler.
        running = self._run("lpstat", "-r")
        if "not running" in running.stdout or running.returncode != 0:
            raise PrinterError(
                "The print service (CUPS) is not running, so no printer can be chosen: start "
                "it (sudo systemctl start cups), or choose none and print later."
            )
        if result.returncode != 0:
            raise PrinterError(f"The print queues cannot be listed: {self._said(result)}")
        return names

    def _printer_uri(self) -> str:
        server = self.server or "localhost"
        if server.startswith("/"):
            server = quote(server, safe="")
        return f"ipp://{server}/printers/{quote(self.queue)}"


def list_queues(server: str | None = None) -> list[str]:
    """The names of the print queues CUPS knows, in its order, for a volunteer to choose from
    (`Cups.queues`)."""
    return Cups("", server).queues()


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (KeyError, ImportError):
        return os.environ.get("USER", "kiosk")


def _indented(text: str) -> str:
    """The indented lines that follow lpstat's first line: CUPS's reason, if any."""
    return " ".join(line.strip() for line in text.splitlines()[1:] if line.strip())


def _parse_printer(text: str, queue: str) -> tuple[str, str, str]:
    """(state, reason, the reason's kind) from `lpstat -p QUEUE` in the C locale."""
    first = text.splitlines()[0] if text.strip() else ""
    reason = _indented(text)
    if " disabled since " in first:
        return (
            ("stopped", reason, "") if reason else ("stopped", "the queue was stopped", "stopped")
        )
    # An idle or printing queue may still carry the message of a problem that is over: not shown.
    if " now printing " in first:
        return "printing", "", ""
    if " is idle." in first:
        return "idle", "", ""
    return "unreachable", f"CUPS said something unexpected about '{queue}': {first}", "unexpected"
