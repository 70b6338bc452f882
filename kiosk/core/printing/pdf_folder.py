"""The PDF folder back-end: letters saved as files, the default when no CUPS queue is named."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from kiosk.core import files
from kiosk.core.printing.cups import JobState, PrinterError, QueueState


class PdfFolder:
    """Letters written as PDF files to a folder (no printer, or printing done elsewhere).

    A letter is named after its record's UUID (`letter-<uuid>.pdf`), never after the signer, and
    is readable by the owner only. No file is ever replaced: a reprint, or a letter whose name is
    taken (kiosks or databases sharing the folder), gets the next free `-2`, `-3`... The name is
    claimed with O_EXCL, so two processes never pick the same one, and the letter then fills
    it whole or not at all.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.kind, self.place = "pdf-folder", str(self.folder)
        self.description = f"PDF folder {self.folder}"

    def status(self) -> QueueState:
        name = str(self.folder)
        try:
            files.make_folder(self.folder)
        except OSError as exc:
            reason = f"cannot create it: {exc.strerror}"
            return QueueState(name, "unreachable", False, reason, "folder-cannot-be-made")
        if not os.access(self.folder, os.W_OK):
            reason = "the folder is not writable"
            return QueueState(name, "unreachable", False, reason, "folder-read-only")
        return QueueState(name, "idle", True, "")

    def submit(self, pdf: bytes, title: str) -> str:
        """Save `pdf` as `<title>.pdf`, or `<title>-2.pdf`... when that name is taken."""
        target = None
        try:
            files.make_folder(self.folder)
            target = self._claim(title)
            files.write_atomically(target, pdf)  # replaces only the empty file claimed above
        except OSError as exc:
            if target is not None:
                target.unlink(missing_ok=True)
            raise PrinterError(
                f"The letter cannot be saved in {self.folder}: {exc.strerror}. "
                "Check that the folder (or USB stick) is there and has free space."
            ) from exc
        return target.name

    def _claim(self, title: str) -> Path:
        """A new, empty file named after `title` that no other letter has: created with
        O_EXCL, so an existing file, whoever wrote it, is never opened for writing."""
        for number in itertools.count(1):
            target = self.folder / (f"{title}.pdf" if number == 1 else f"{title}-{number}.pdf")
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            return target
        raise AssertionError("unreachable")

    def remove_letters(self, uuids: Iterable[str]) -> int:
        """Delete the letters of these records (`letter-<uuid>.pdf` and its reprints
        `-2`, `-3`...): their signers' data was erased. Returns how many files went."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for uuid in uuids:
            title = f"letter-{uuid}"
            for path in self.folder.glob(f"{title}*.pdf"):
                rest = path.name[len(title) : -len(".pdf")]
                if rest == "" or (rest.startswith("-") and rest[1:].isdigit()):
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def job_state(self, job_id: str) -> JobState:
        done = (self.folder / job_id).is_file()
        return JobState(job_id, "completed" if done else "aborted", "" if done else "file gone")

    def enable(self) -> None:
        files.make_folder(self.folder)

    def purge(self, job_id: str) -> None:
        """Nothing to remove: the saved file is the letter itself, kept on purpose (which is
        why sealed mode refuses this back-end)."""
