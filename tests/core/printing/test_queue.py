"""Every letter comes out of the printer once, whatever the printer does, never holding up signing.

These tests print for real: a private CUPS scheduler with a cups-pdf queue (see `tests/cupsd.py`)
stands in for the stand's printer, and the PDF it writes is the paper a test reads.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.core.cases import load_cases
from kiosk.core.letters.layout import render_letter
from kiosk.core.printing.backends import CupsQueue
from kiosk.core.printing.pdf_folder import PdfFolder
from kiosk.core.printing.queue import PrintQueue
from kiosk.core.printing.worker import PrintWorker
from kiosk.core.records.store import Store
from kiosk.core.signatures import prepare
from tests.conftest import BUNDLED_CASES, anna, fill_disk
from tests.pdftools import finished_pdfs, flat_text, pages
from tests.waiting import PATIENCE, wait_until

CONTEXT = {"event_id": "zurich-2026", "kiosk_id": "kiosk-test", "language": "de"}


class Clock:
    """A clock the test moves by hand, for the queue's pauses between recovery attempts."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def library():
    return load_cases(BUNDLED_CASES)


def sign(store: Store, case, **changes) -> str:
    signature = prepare(anna(**changes), case, **CONTEXT)
    store.record(signature, print_letter=True)
    return signature.uuid


def sent_to_cups(store: Store, case) -> Path:
    """The PDF the kiosk hands to CUPS for the first job (rendered again: it is the same bytes)."""
    [job, *_] = store.print_jobs()
    path = Path(tempfile.mkdtemp(prefix="sent-")) / "letter.pdf"
    path.write_bytes(render_letter(store.get(job.signature_uuid), case, "Briefmarathon"))
    return path


def paper(output: Path, count: int) -> list[Path]:
    """The PDFs cups-pdf has finished writing, once there are `count` of them."""
    return wait_until(
        lambda: (done := finished_pdfs(output)) and len(done) >= count and done,
        f"{count} printed letter(s) in {output}",
    )


def settle(queue: PrintQueue, timeout: float = PATIENCE) -> None:
    """Let the queue follow its jobs until none is at the printer any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        queue.run_once()
        if queue.store.print_job_counts()["sent"] == 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"jobs still at the printer: {queue.store.print_job_counts()}")


def test_a_signed_letter_comes_out_of_the_printer_with_the_signers_name(
    store, case, library, pdf_printer
):
    name, output = pdf_printer
    sign(store, case, given_name="Zoë", family_name="Ångström-Łukasz", town="Genève")
    queue = PrintQueue(store, library, CupsQueue(name), event_name="Briefmarathon")

    report = queue.run_once()
    settle(queue)

    assert report.sent == 1
    [printed] = paper(output, 1)
    assert pages(printed) == 1
    text = flat_text(printed)
    assert "Sehr geehrter Herr Minister" in text  # the German letter the signer chose
    assert "Zoë Ångström-Łukasz" in flat_text(sent_to_cups(store, case))
    # CUPS hands cups-pdf PostScript, and Ghostscript then writes fonts without the map from
    # glyphs back to text, so only the ASCII of a name can be read back from the paper.
    assert "Zo ngstr m- ukasz" in text
    [job] = store.print_jobs()
    assert job.state == "printed" and job.attempts == 1 and job.cups_job.startswith(name)


def test_a_letter_is_never_printed_twice_unless_a_volunteer_asks(store, case, library, pdf_printer):
    name, output = pdf_printer
    uuid = sign(store, case)
    queue = PrintQueue(store, library, CupsQueue(name))
    for _ in range(3):
        queue.run_once()
    settle(queue)
    queue.run_once()
    assert len(paper(output, 1)) == 1

    store.add_reprint(uuid)
    settle(queue)

    assert len(paper(output, 2)) == 2
    jobs = store.print_jobs()
    assert [j.state for j in jobs] == ["printed", "printed"]
    assert jobs[1].reprint_of == jobs[0].id


def test_a_stopped_printer_is_reported_with_its_reason_and_letters_wait(
    store, case, library, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    cups_scheduler.run("cupsdisable", "-r", "Paper jam in tray 2", name)
    for given in ("Anna", "Ben", "Chloe"):
        sign(store, case, given_name=given)
    clock = Clock()
    queue = PrintQueue(store, library, CupsQueue(name), clock=clock)

    report = queue.run_once()

    assert report.status.state == "stopped"
    assert "Paper jam in tray 2" in report.status.reason
    assert report.sent == 0
    assert store.print_job_counts()["queued"] == 3
    assert list(output.glob("*.pdf")) == []


def test_the_queue_comes_back_by_itself_and_the_backlog_prints_once(
    store, case, library, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    for given in ("Anna", "Ben", "Chloe"):
        sign(store, case, given_name=given)
    clock = Clock()
    queue = PrintQueue(store, library, CupsQueue(name), clock=clock)
    queue.run_once()  # sees it stopped; the first retry is due in 10 s
    clock.now += 5
    assert queue.run_once().status.state == "stopped"  # not yet: no hammering of CUPS

    clock.now += 6
    report = queue.run_once()
    settle(queue)

    assert report.recovered and report.sent == 3
    printed = paper(output, 3)
    assert len(printed) == 3
    assert sorted(flat_text(p).split()[0] for p in printed) == ["Anna", "Ben", "Chloe"]
    assert store.print_job_counts()["printed"] == 3
    queue.run_once()
    assert len(paper(output, 3)) == 3


def test_jobs_sent_to_a_printer_that_then_stops_print_once_when_it_is_back(
    store, case, library, cups_scheduler, pdf_printer
):
    name, output = pdf_printer
    # The job is held at the printer as it arrives, then the printer stops: all done in CUPS.
    cups_scheduler.run("lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
    sign(store, case)
    queue = PrintQueue(store, library, CupsQueue(name))
    queue.run_once()
    [job] = store.print_jobs()
    assert job.state == "sent"
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    cups_scheduler.run("lpadmin", "-p", name, "-o", "job-hold-until-default=no-hold")
    cups_scheduler.run("lp", "-i", job.cups_job, "-H", "resume")
    assert queue.run_once(recover=False).status.state == "stopped"
    assert store.print_job_counts()["sent"] == 1  # waiting inside CUPS, not sent again
    assert list(output.glob("*.pdf")) == []

    assert queue.enable_now().state in ("idle", "printing")
    settle(queue)

    assert len(paper(output, 1)) == 1
    assert store.print_job_counts()["printed"] == 1


def test_a_failing_printer_stops_the_queue_and_says_why(store, case, library, cups_scheduler):
    name = "Kiosk_broken"
    cups_scheduler.add_broken_queue(name)
    os.environ["CUPS_SERVER"] = str(cups_scheduler.socket)
    try:
        sign(store, case)
        queue = PrintQueue(store, library, CupsQueue(name))
        queue.run_once()
        wait_until(lambda: queue.backend.status().state == "stopped", "CUPS to stop the queue")
        report = queue.run_once()
    finally:
        del os.environ["CUPS_SERVER"]
        cups_scheduler.run("lpadmin", "-x", name, check=False)

    assert report.status.state == "stopped"
    assert "serial port" in report.status.reason
    [job] = store.print_jobs()
    assert job.state == "sent"  # still waiting in CUPS: it prints once the printer is fixed


def test_an_unknown_queue_is_unreachable_and_the_letter_stays_queued(
    store, case, library, cups_scheduler, monkeypatch
):
    monkeypatch.setenv("CUPS_SERVER", str(cups_scheduler.socket))
    sign(store, case)
    queue = PrintQueue(store, library, CupsQueue("No_such_printer"))

    report = queue.run_once()

    assert report.status.state == "unreachable"
    assert "no print queue named 'No_such_printer'" in report.status.reason
    assert store.print_job_counts()["queued"] == 1


def test_signing_goes_on_while_the_print_service_is_down(store, case, library, tmp_path):
    # A socket nobody listens on: CUPS is not running at all.
    queue = PrintQueue(store, library, CupsQueue("Office", server=str(tmp_path / "none.sock")))
    for given in ("Anna", "Ben"):
        sign(store, case, given_name=given)

    report = queue.run_once()

    assert report.status.state == "unreachable"
    assert store.counts().total == 2
    assert store.print_job_counts()["queued"] == 2


def test_without_a_printer_letters_are_saved_as_private_pdfs(store, case, library, tmp_path):
    folder = tmp_path / "letters"
    uuid = sign(store, case, given_name="Ilse")
    queue = PrintQueue(store, library, PdfFolder(folder))

    report = queue.run_once()
    queue.run_once()

    assert report.sent == 1
    [pdf] = folder.glob("*.pdf")
    assert pdf.name == f"letter-{uuid}.pdf"  # named after the record, never the person
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert "Ilse Keller" in flat_text(pdf)
    assert store.print_job_counts()["printed"] == 1


def test_a_reprint_in_the_pdf_folder_never_replaces_the_first_letter(
    store, case, library, tmp_path
):
    folder = tmp_path / "letters"
    uuid = sign(store, case)
    queue = PrintQueue(store, library, PdfFolder(folder))
    queue.run_once()
    first = (folder / f"letter-{uuid}.pdf").read_bytes()

    store.add_reprint(uuid)
    queue.run_once()

    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        f"letter-{uuid}-2.pdf",
        f"letter-{uuid}.pdf",
    ]
    assert (folder / f"letter-{uuid}.pdf").read_bytes() == first


def test_a_file_already_in_the_pdf_folder_is_never_overwritten(store, case, library, tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    uuid = sign(store, case)
    (folder / f"letter-{uuid}.pdf").write_bytes(b"a letter from a copy of this database")

    report = PrintQueue(store, library, PdfFolder(folder)).run_once()

    assert report.sent == 1
    assert (folder / f"letter-{uuid}.pdf").read_bytes() == b"a letter from a copy of this database"
    assert "Keller" in flat_text(folder / f"letter-{uuid}-2.pdf")
    assert list(folder.glob(".*")) == []  # no temporary file left


def test_a_full_usb_stick_keeps_the_letter_queued_and_says_so(store, case, library, small_disk):
    sign(store, case)
    fill_disk(small_disk)
    queue = PrintQueue(store, library, PdfFolder(small_disk))

    report = queue.run_once()

    assert report.sent == 0
    assert store.print_job_counts()["queued"] == 1
    assert any("cannot be saved" in e and "free space" in e for e in report.errors), report.errors
    assert list(small_disk.glob("*.pdf")) == [] and list(small_disk.glob(".*")) == []


def test_a_job_cut_off_mid_send_is_left_for_a_volunteer_not_printed_again(
    store, case, library, tmp_path
):
    sign(store, case)
    [job] = store.print_jobs()
    store.move_print_job(job.id, ("queued",), "sent", add_attempt=True)  # then the power went
    with store.write() as conn:
        conn.execute(
            "UPDATE print_jobs SET updated_at = '2026-01-01T00:00:00.000000Z' WHERE id = ?",
            (job.id,),
        )
    queue = PrintQueue(store, library, PdfFolder(tmp_path / "letters"))

    report = queue.run_once()

    assert report.failed == 1 and report.sent == 0
    [failed] = store.print_jobs()
    assert failed.state == "failed" and "interrupted" in failed.last_error


def test_a_job_cut_off_while_the_clock_said_2036_is_not_left_waiting_for_2036(
    store, case, library, tmp_path
):
    sign(store, case)
    [job] = store.print_jobs()
    store.move_print_job(job.id, ("queued",), "sent", add_attempt=True)  # then the power went
    with store.write() as conn:  # ... and the clock, wrong then, is right now
        conn.execute(
            "UPDATE print_jobs SET updated_at = '2036-02-07T06:28:00.000000Z' WHERE id = ?",
            (job.id,),
        )
    queue = PrintQueue(store, library, PdfFolder(tmp_path / "letters"))

    report = queue.run_once()

    assert report.failed == 1 and report.sent == 0
    [failed] = store.print_jobs()
    assert failed.state == "failed" and "interrupted" in failed.last_error


def test_the_background_worker_prints_right_after_signing_in_immediate_mode(
    store, case, library, pdf_printer
):
    name, output = pdf_printer
    reports = []
    worker = PrintWorker(
        PrintQueue(store, library, CupsQueue(name)),
        mode="immediate",
        interval=30,
        on_report=reports.append,
    )
    worker.start()
    try:
        sign(store, case, given_name="Mia")
        worker.wake()
        printed = paper(output, 1)
        wait_until(lambda: store.print_job_counts()["printed"] >= 1, "the job marked printed")
    finally:
        worker.stop()
    assert len(printed) == 1 and "Mia Keller" in flat_text(printed[0])
    assert store.print_job_counts()["printed"] == 1
    assert reports and reports[-1].status.state in ("idle", "printing")


def test_in_batch_mode_letters_wait_until_a_volunteer_prints_them(
    store, case, library, pdf_printer
):
    name, output = pdf_printer
    rounds = []
    worker = PrintWorker(
        PrintQueue(store, library, CupsQueue(name)),
        mode="batch",
        interval=0.2,
        on_report=rounds.append,
    )
    worker.start()
    try:
        sign(store, case, given_name="Noor")
        signed_at = len(rounds)
        worker.wake()
        wait_until(lambda: len(rounds) >= signed_at + 5, "five worker rounds after signing")
        assert store.print_job_counts()["queued"] == 1  # none of them printed it
        worker.wake(send_all=True)
        printed = paper(output, 1)
    finally:
        worker.stop()
    assert len(printed) == 1


def test_a_letter_cancelled_at_the_printer_is_reported_failed_and_not_sent_again(
    store, case, library, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    cups_scheduler.run("lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
    sign(store, case)
    queue = PrintQueue(store, library, CupsQueue(name))
    queue.run_once()
    [job] = store.print_jobs()
    assert job.state == "sent"
    assert queue.backend.job_state(job.cups_job).state == "held"

    cups_scheduler.run("cancel", job.cups_job)
    report = queue.run_once()
    queue.run_once()

    assert report.failed == 1
    [job] = store.print_jobs()
    assert job.state == "failed" and "cancel" in job.last_error
    assert job.attempts == 1
    assert list(output.glob("*.pdf")) == []


def test_a_letter_through_the_soaks_copying_queue_arrives_as_the_kiosk_made_it_once(
    store, case, library, tmp_path_factory, monkeypatch
):
    """The soak's printer (`Scheduler(copy_backend=True)`): no Ghostscript, the kiosk's own
    bytes under cups-pdf's names, one file and one completed CUPS job per letter."""
    from tests import cupsd

    own = cupsd.Scheduler(tmp_path_factory.mktemp("copy-cups"), copy_backend=True)
    own.start()
    try:
        output = tmp_path_factory.mktemp("copied")
        own.add_copy_queue("Copy", output)
        monkeypatch.setenv("CUPS_SERVER", str(own.socket))
        uuid = sign(store, case, given_name="Zoë")
        queue = PrintQueue(store, library, CupsQueue("Copy"), event_name="Briefmarathon")
        queue.run_once()
        settle(queue)
        [printed] = paper(output, 1)
        [job] = store.print_jobs()
        assert printed.name == f"letter-{uuid}-job_{job.cups_job.rsplit('-', 1)[1]}.pdf"
        assert printed.read_bytes() == sent_to_cups(store, case).read_bytes()
        assert "Zoë" in flat_text(printed)  # the kiosk's PDF, not Ghostscript's
        completed = own.run("lpstat", "-W", "completed", "-o", "Copy").stdout.splitlines()
        assert len(completed) == 1 and job.state == "printed"
    finally:
        own.stop()
