"""The PDF folder back-end: letters saved as files, the default when no CUPS queue is named."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core import files
from kiosk.core.printing.cups import JobState, PrinterError, QueueState


class PdfFolder:
    """Letters written as PDF files to a folder (no printer, or printing done elsewhere).

    Files are named after the print job, never after the signer, and readable by the owner only.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.description = f"PDF folder {self.folder}"

    def status(self) -> QueueState:
        name = str(self.folder)
        try:
            files.make_folder(self.folder)
        except OSError as exc:
            return QueueState(name, "unreachable", False, f"cannot create it: {exc.strerror}")
        if not os.access(self.folder, os.W_OK):
            return QueueState(name, "unreachable", False, "the folder is not writable")
        return QueueState(name, "idle", True, "")

    def submit(self, pdf: bytes, title: str) -> str:
        target = self.folder / f"{title}.pdf"
        try:
            files.make_folder(self.folder)
            files.write_atomically(target, pdf)
        except OSError as exc:
            raise PrinterError(
                f"The letter cannot be saved in {self.folder}: {exc.strerror}. "
                "Check that the folder (or USB stick) is there and has free space."
            ) from exc
        return target.name

    def job_state(self, job_id: str) -> JobState:
        done = (self.folder / job_id).is_file()
        return JobState(job_id, "completed" if done else "aborted", "" if done else "file gone")

    def enable(self) -> None:
        files.make_folder(self.folder)
