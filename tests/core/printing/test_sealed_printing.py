"""In sealed mode every letter still prints once, made from what the visitor typed, and no copy
of it stays anywhere: not in the kiosk's folders, not in the CUPS spool.

These tests print for real on the private CUPS scheduler of the run (`tests/cupsd.py`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.config import load_config
from kiosk.core.errors import KioskError
from kiosk.core.records.store import Store
from tests.conftest import EXAMPLE_CASE, REPO, anna, run_kiosk
from tests.pdftools import finished_pdfs, flat_text
from tests.sealed import sealed_config
from tests.waiting import wait_until

# ASCII, so that they can be read back from the paper (Ghostscript drops non-ASCII text).
SIGNERS = ("Ottilie", "Bartholomew", "Wilhelmina")


@pytest.fixture
def kiosk_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the kiosk's code uses, where the test can look into it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def sealed_service(tmp_path: Path, printer: str, mode: str = "immediate") -> KioskService:
    config = load_config(sealed_config(tmp_path, printer, mode))
    (tmp_path / "data").mkdir(exist_ok=True)
    return KioskService(config, tmp_path / "data" / "signatures.db")


def sign(service: KioskService, given: str) -> str:
    recorded = service.sign(EXAMPLE_CASE, anna(given_name=given, family_name="Quist"))
    return recorded.signature.uuid


def paper(output: Path, count: int) -> list[Path]:
    return wait_until(
        lambda: (done := finished_pdfs(output)) and len(done) >= count and done,
        f"{count} printed letter(s) in {output}",
    )


def spooled_documents(spool: Path, cups_jobs: list[str]) -> list[Path]:
    """The documents CUPS keeps in its spool (`dNNNNN-001`) for these jobs."""
    numbers = [int(job.rsplit("-", 1)[1]) for job in cups_jobs]
    return [path for n in numbers for path in spool.glob(f"d{n:05d}-*")]


def letters_on_disk(*folders: Path, names: tuple[str, ...]) -> list[Path]:
    """Files under `folders` (the database, its WAL and SHM included) that are a PDF or hold
    one of `names`."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if data.startswith(b"%PDF") or any(n.encode() in data for n in names):
                found.append(path)
    return found


def test_a_sealed_kiosk_prints_each_letter_once_and_keeps_no_copy_anywhere(
    tmp_path, pdf_printer, cups_scheduler, private_home, kiosk_temp
):
    name, output = pdf_printer
    with sealed_service(tmp_path, name) as service:
        for given in SIGNERS:
            sign(service, given)
        service.print_pending(wait=120)
        jobs = service.store.print_jobs()

    printed = paper(output, 3)
    assert len(printed) == 3
    assert sorted(flat_text(p).split()[0] for p in printed) == sorted(SIGNERS)
    assert [j.state for j in jobs] == ["printed"] * 3 and all(j.attempts == 1 for j in jobs)
    spool = cups_scheduler.root / "spool"
    assert spooled_documents(spool, [j.cups_job for j in jobs]) == []
    assert letters_on_disk(tmp_path / "data", private_home, kiosk_temp, names=SIGNERS) == []


def test_a_sealed_letter_is_made_from_what_the_visitor_typed_not_from_the_database(
    tmp_path, pdf_printer
):
    name, output = pdf_printer
    with sealed_service(tmp_path, name, mode="batch") as service:
        uuid = sign(service, "Ottilie")
        stored = service.store.get(uuid)  # what the database can give back: no name
        assert stored.is_sealed and stored.full_name == "" and stored.town == ""
        service.print_pending(wait=120)

    [printed] = paper(output, 1)
    assert "Ottilie Quist" in flat_text(printed)


def test_sealed_letters_wait_in_memory_while_the_queue_is_stopped_and_print_once_after(
    tmp_path, pdf_printer, cups_scheduler, private_home, kiosk_temp
):
    name, output = pdf_printer
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    with sealed_service(tmp_path, name) as service:
        for given in SIGNERS[:2]:
            sign(service, given)
        queue = service.print_queue
        report = queue.run_once(recover=False)
        assert report.status.state == "stopped" and report.sent == 0
        assert queue.held == 2 and service.store.print_job_counts()["queued"] == 2
        assert letters_on_disk(tmp_path / "data", private_home, kiosk_temp, names=SIGNERS) == []

        assert queue.enable_now().ok
        service.print_pending(wait=120)
        service.print_pending(wait=120)  # nothing is sent twice
        jobs = service.store.print_jobs()
        assert queue.held == 0

    assert len(paper(output, 2)) == 2
    assert [j.state for j in jobs] == ["printed", "printed"]
    assert spooled_documents(cups_scheduler.root / "spool", [j.cups_job for j in jobs]) == []
    assert len(finished_pdfs(output)) == 2


def test_sealed_letters_still_waiting_when_the_kiosk_stops_are_counted_lost(
    tmp_path, pdf_printer, cups_scheduler, private_home, kiosk_temp
):
    name, output = pdf_printer
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    config = sealed_config(tmp_path, name)
    (tmp_path / "data").mkdir()
    with KioskService(load_config(config), tmp_path / "data" / "signatures.db") as service:
        for given in SIGNERS[:2]:
            sign(service, given)
        assert service.print_now().sent == 0

    with Store(tmp_path / "data" / "signatures.db") as store:
        assert store.print_job_counts()["lost"] == 2
    assert letters_on_disk(tmp_path / "data", private_home, kiosk_temp, names=SIGNERS) == []
    cups_scheduler.run("cupsenable", name)
    status = run_kiosk(
        "printer", "status", "--config", str(config), "--database",
        str(tmp_path / "data" / "signatures.db"),
        env={"CUPS_SERVER": str(cups_scheduler.socket)},
    )  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert "lost: 2 sealed letter(s) could not print before the kiosk stopped" in status.stdout
    assert "kiosk decrypt" in status.stdout
    assert finished_pdfs(output) == []  # and they do not print later either


def test_a_reprint_of_a_sealed_record_says_plainly_it_cannot_be_done_here(
    tmp_path, pdf_printer, cups_scheduler
):
    name, _ = pdf_printer
    with sealed_service(tmp_path, name, mode="batch") as service:
        uuid = sign(service, "Ottilie")
        with pytest.raises(KioskError, match="cannot be printed on this kiosk"):
            service.reprint([uuid])
        assert len(service.store.print_jobs()) == 1

    result = run_kiosk(
        "print", "--reprint", uuid, "--config", str(tmp_path / "config.toml"),
        "--database", str(tmp_path / "data" / "signatures.db"),
        env={"CUPS_SERVER": str(cups_scheduler.socket)},
    )  # fmt: skip
    assert result.returncode == 65
    assert "cannot be printed on this kiosk" in result.stderr and "kiosk decrypt" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_killed_sealed_kiosk_leaves_its_waiting_letters_counted_lost_and_nowhere_on_disk(
    tmp_path, pdf_printer, cups_scheduler, private_home
):
    name, output = pdf_printer
    spool = cups_scheduler.root / "spool"
    spooled_before = set(spool.glob("d*"))
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    config = sealed_config(tmp_path, name)
    database = tmp_path / "data" / "signatures.db"
    database.parent.mkdir()
    temp = tmp_path / "tmp"
    temp.mkdir()
    signers = ("Ottilie", "Zoë Ångström")
    script = REPO / "tests" / "sealed_kiosk.py"
    child = subprocess.Popen(
        [sys.executable, str(script), str(config), str(database), *signers],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "CUPS_SERVER": str(cups_scheduler.socket), "TMPDIR": str(temp)},
    )
    try:
        assert child.stdout.readline().strip() == "holding 2"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    status = run_kiosk(
        "printer", "status", "--config", str(config), "--database", str(database),
        env={"CUPS_SERVER": str(cups_scheduler.socket)},
    )  # fmt: skip
    assert "lost: 2 sealed letter(s) could not print before the kiosk stopped" in status.stdout
    with Store(database) as store:
        assert store.print_job_counts()["lost"] == 2
    assert letters_on_disk(database.parent, private_home, temp, names=signers) == []
    assert set(spool.glob("d*")) == spooled_before

    cups_scheduler.run("cupsenable", name)  # the printer is back: lost letters stay lost
    with sealed_service(tmp_path, name) as service:
        report = service.print_pending(wait=30).report
    assert report.sent == 0 and finished_pdfs(output) == []


def test_a_sealed_letter_cancelled_at_the_printer_leaves_no_copy_and_cannot_be_retried(
    tmp_path, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    cups_scheduler.run("lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
    with sealed_service(tmp_path, name, mode="batch") as service:
        sign(service, "Ottilie")
        service.print_now()
        [job] = service.store.print_jobs()
        spool = cups_scheduler.root / "spool"
        assert spooled_documents(spool, [job.cups_job])  # held in CUPS, as the letter it is

        cups_scheduler.run("cancel", job.cups_job)
        assert service.print_now().failed == 1
        assert spooled_documents(spool, [job.cups_job]) == []

        assert service.retry_failed() == 1
        report = service.print_now()
        [job] = service.store.print_jobs()
    assert report.lost == 1 and job.state == "lost"
    assert finished_pdfs(output) == []


def test_sealed_letters_wait_while_the_print_service_is_down_and_print_once_when_it_is_back(
    tmp_path, tmp_path_factory, cups_scheduler, monkeypatch
):
    from tests import cupsd

    # A scheduler of this test's own, to stop and start again (the run's one serves others).
    own = cupsd.Scheduler(tmp_path_factory.mktemp("own-cups"))
    own.start()
    try:
        output = tmp_path / "paper"
        own.add_pdf_queue("Stand", output)
        monkeypatch.setenv("CUPS_SERVER", str(own.socket))
        own.process.terminate()  # the print service stops (its queue's settings are kept)
        own.process.wait()
        with sealed_service(tmp_path, "Stand") as service:
            for given in SIGNERS[:2]:
                sign(service, given)
            report = service.print_now()
            assert report.status.state == "unreachable" and report.sent == 0
            assert service.print_queue.held == 2

            own.start()  # the print service is back, its queue with it
            service.print_pending(wait=120)
            service.print_pending(wait=120)
            jobs = service.store.print_jobs()
        assert [j.state for j in jobs] == ["printed", "printed"]
        assert len(paper(output, 2)) == 2
        assert spooled_documents(own.root / "spool", [j.cups_job for j in jobs]) == []
    finally:
        own.stop()
