"""Where letters go: the `Backend` a print queue sends to, a CUPS queue, and the choice between
a CUPS queue and the PDF folder made from the settings."""

from __future__ import annotations

from typing import Protocol

from kiosk.core.config import Config
from kiosk.core.printing.cups import Cups, JobState, QueueState
from kiosk.core.printing.pdf_folder import PdfFolder


class Backend(Protocol):
    """Where letters go: a CUPS queue or a folder."""

    kind: str  # "cups" or "pdf-folder", for a screen to say in its own language
    place: str  # the CUPS queue's name or the folder
    description: str  # both in English, for the command line and the log

    def status(self) -> QueueState: ...
    def submit(self, pdf: bytes, title: str) -> str: ...
    def job_state(self, job_id: str) -> JobState: ...
    def enable(self) -> None: ...
    def purge(self, job_id: str) -> None: ...


class CupsQueue:
    """A CUPS print queue; the letter's PDF is handed to `lp` as it is."""

    def __init__(self, queue: str, server: str | None = None) -> None:
        self.cups = Cups(queue, server)
        self.kind, self.place = "cups", queue
        self.description = f"CUPS queue {queue}"

    def status(self) -> QueueState:
        return self.cups.queue_state()

    def submit(self, pdf: bytes, title: str) -> str:
        return self.cups.submit(pdf, title)  # through a pipe: no copy on the kiosk's disk

    def job_state(self, job_id: str) -> JobState:
        return self.cups.job_state(job_id)

    def enable(self) -> None:
        self.cups.enable()

    def purge(self, job_id: str) -> None:
        self.cups.purge(job_id)


def backend_for(config: Config) -> Backend:
    """The back-end the configuration names: its CUPS queue, or else the PDF folder."""
    queue = config.settings.printing.printer
    return CupsQueue(queue) if queue else PdfFolder(config.pdf_folder)
