"""Volunteers check the printer, print a test page, print what waits, and make sample letters.

Through the real `kiosk` command, against the private CUPS scheduler of the test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.records.store import Store
from tests.conftest import EXAMPLE_CASE, run_kiosk
from tests.pdftools import finished_pdfs, flat_text, pages
from tests.waiting import wait_until


def config_for(tmp_path: Path, printer: str = "", mode: str = "immediate") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[event]\nname = "Briefmarathon Bern"\n\n[printing]\nmode = "{mode}"\n'
        f'printer = "{printer}"\npdf_folder = "{tmp_path / "letters"}"\n'
    )
    return path


def kiosk(tmp_path: Path, command: str, *args: str, config: Path | None = None, cups=None):
    """Run `kiosk COMMAND` (one or two words) on this test's config and database."""
    env = {"CUPS_SERVER": str(cups.socket)} if cups else None
    common = ["--config", str(config or config_for(tmp_path)), "--database", str(tmp_path / "s.db")]
    return run_kiosk(*command.split(), *common, *args, env=env)


def sign(tmp_path: Path, given: str, config: Path, cups=None):
    return kiosk(
        tmp_path,
        "sign",
        "--case",
        EXAMPLE_CASE,
        "--given-name",
        given,
        "--family-name",
        "Keller",
        "--town",
        "Bern",
        "--consent",
        "sign",
        config=config,
        cups=cups,
    )


def wait_for_pdfs(folder: Path, count: int) -> list[Path]:
    """The letters on paper, once `count` of them are printed to the end."""
    return wait_until(
        lambda: (done := finished_pdfs(folder)) and len(done) >= count and done,
        f"{count} printed letter(s) in {folder}",
    )


def test_a_sample_letter_for_checking_a_case(tmp_path):
    out = tmp_path / "sample.pdf"
    result = kiosk(
        tmp_path,
        "letter",
        "--case",
        EXAMPLE_CASE,
        "--name",
        "Léa Dubois",
        "--town",
        "Lausanne",
        "--language",
        "fr",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert pages(out) == 1
    text = flat_text(out)
    assert "Léa Dubois" in text and "Lausanne, le" in text and "Monsieur le Ministre" in text
    assert not (tmp_path / "s.db").exists()  # nothing recorded


def test_signing_at_the_command_line_prints_the_letter_at_once(
    tmp_path, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    config = config_for(tmp_path, printer=name)
    result = sign(tmp_path, "Ruedi", config, cups=cups_scheduler)

    assert result.returncode == 0, result.stderr
    assert "went to CUPS queue" in result.stderr
    [printed] = wait_for_pdfs(output, 1)
    assert "Ruedi Keller" in flat_text(printed)


def test_batch_letters_wait_and_print_pending_prints_each_once(
    tmp_path, pdf_printer, cups_scheduler
):
    name, output = pdf_printer
    config = config_for(tmp_path, printer=name, mode="batch")
    for given in ("Anna", "Beat", "Corinne"):
        assert sign(tmp_path, given, config, cups=cups_scheduler).returncode == 0
    assert finished_pdfs(output) == []

    first = kiosk(tmp_path, "print", "--pending", config=config, cups=cups_scheduler)
    again = kiosk(tmp_path, "print", "--pending", config=config, cups=cups_scheduler)

    assert first.returncode == 0, first.stdout + first.stderr
    assert "3 sent" in first.stdout and "3 printed" in first.stdout
    assert again.returncode == 0 and "0 sent" in again.stdout
    printed = wait_for_pdfs(output, 3)
    assert len(printed) == 3
    assert sorted(flat_text(p).split()[0] for p in printed) == ["Anna", "Beat", "Corinne"]


def test_printer_status_says_stopped_and_why(tmp_path, pdf_printer, cups_scheduler):
    name, _ = pdf_printer
    config = config_for(tmp_path, printer=name)
    cups_scheduler.run("cupsdisable", "-r", "Toner empty", name)

    result = kiosk(tmp_path, "printer status", config=config, cups=cups_scheduler)

    assert result.returncode == 1
    assert f"CUPS queue {name}" in result.stdout
    assert "state: stopped" in result.stdout and "reason: Toner empty" in result.stdout


def test_printer_status_of_a_queue_that_does_not_exist(tmp_path, cups_scheduler):
    config = config_for(tmp_path, printer="Brother_upstairs")

    result = kiosk(tmp_path, "printer status", config=config, cups=cups_scheduler)

    assert result.returncode == 1
    assert "unreachable" in result.stdout and "no print queue named 'Brother_upstairs'" in (
        result.stdout
    )


def test_a_test_page_comes_out_and_records_nothing(tmp_path, pdf_printer, cups_scheduler):
    name, output = pdf_printer
    config = config_for(tmp_path, printer=name)

    result = kiosk(
        tmp_path, "printer test-page", "--wait", "20", config=config, cups=cups_scheduler
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Test page printed" in result.stdout
    [page] = wait_for_pdfs(output, 1)
    assert "Test Page" in flat_text(page)
    assert not (tmp_path / "s.db").exists()  # nothing recorded: not even a database made


def test_a_test_page_on_a_stopped_printer_says_so(tmp_path, pdf_printer, cups_scheduler):
    name, _ = pdf_printer
    config = config_for(tmp_path, printer=name)
    cups_scheduler.run("cupsdisable", "-r", "Cover open", name)

    result = kiosk(tmp_path, "printer test-page", "--wait", "2", config=config, cups=cups_scheduler)

    assert result.returncode == 1
    assert "stopped" in result.stdout and "Cover open" in result.stdout


def test_two_databases_sharing_the_default_pdf_folder_keep_both_letters(tmp_path):
    from kiosk.core.paths import data_dir

    config = tmp_path / "config.toml"  # no printer, no pdf_folder: the default folder
    config.write_text('[printing]\nmode = "immediate"\n')
    made = []
    for name in ("first.db", "second.db"):  # each prints its job 1
        args = ["--config", str(config), "--database", str(tmp_path / name)]
        signed = run_kiosk(
            *["sign", "--case", EXAMPLE_CASE, "--given-name", name, "--town", "Bern"],
            *["--consent", "sign", *args],
        )
        assert signed.returncode == 0, signed.stderr
        made.append(signed.stdout.strip())

    folder = data_dir() / "letters"
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(f"letter-{u}.pdf" for u in made)
    assert "first.db" in flat_text(folder / f"letter-{made[0]}.pdf")
    assert "second.db" in flat_text(folder / f"letter-{made[1]}.pdf")


def test_a_volunteer_reprints_one_letter(tmp_path):
    config = config_for(tmp_path)
    uuid = sign(tmp_path, "Dora", config).stdout.strip()
    assert len(wait_for_pdfs(tmp_path / "letters", 1)) == 1

    result = kiosk(tmp_path, "print", "--reprint", uuid, config=config)

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(wait_for_pdfs(tmp_path / "letters", 2)) == 2


@pytest.mark.parametrize("bad", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_a_reprint_of_an_unknown_signature_is_refused(tmp_path, bad):
    sign(tmp_path, "Anna", config_for(tmp_path, mode="off"))  # a kiosk that has signatures
    result = kiosk(tmp_path, "print", "--reprint", bad)
    assert result.returncode == 2
    assert "no signature has the id" in result.stderr


def test_print_without_saying_what_is_a_usage_error(tmp_path):
    result = kiosk(tmp_path, "print")
    assert result.returncode == 2 and "--pending" in result.stderr


def test_a_day_of_letters_as_one_pdf_for_mailing(tmp_path):
    config = config_for(tmp_path, mode="off")
    for given in ("Anna", "Beat"):
        sign(tmp_path, given, config)
    out = tmp_path / "day.pdf"

    result = kiosk(tmp_path, "letters", "--case", EXAMPLE_CASE, "--output", str(out), config=config)

    assert result.returncode == 0, result.stderr
    assert pages(out) == 2
    assert "Wrote 2 letter(s)" in result.stdout


def test_no_letters_for_a_day_writes_nothing(tmp_path):
    out = tmp_path / "day.pdf"
    sign(tmp_path, "Anna", config_for(tmp_path, mode="off"))  # today, not that day
    result = kiosk(
        tmp_path, "letters", "--from", "2020-01-01", "--to", "2020-01-02", "--output", str(out)
    )
    assert result.returncode == 1 and not out.exists()


def test_doctor_refuses_a_sealed_kiosk_that_would_save_its_letters_as_pdfs(tmp_path):
    from tests.sealed import sealed_config

    config = sealed_config(tmp_path, printer="")

    result = kiosk(tmp_path, "doctor", config=config)

    assert result.returncode == 78
    assert "cannot save letters to the PDF folder" in result.stderr
    assert "printing.printer" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "letters").exists()


def test_kiosk_sign_on_a_sealed_kiosk_prints_the_letter_before_it_ends_and_leaves_no_copy(
    tmp_path, pdf_printer, cups_scheduler
):
    from tests.sealed import sealed_config

    name, output = pdf_printer
    config = sealed_config(tmp_path, printer=name)

    result = sign(tmp_path, "Ruedi", config, cups=cups_scheduler)

    assert result.returncode == 0, result.stderr
    assert f"The letter was printed on CUPS queue {name}" in result.stderr
    [printed] = wait_for_pdfs(output, 1)
    assert "Ruedi Keller" in flat_text(printed)
    status = kiosk(tmp_path, "printer status", config=config, cups=cups_scheduler)
    assert "1 printed" in status.stdout and "0 lost" in status.stdout
    with Store(tmp_path / "s.db") as store:
        [job] = store.print_jobs()
    number = int(job.cups_job.rsplit("-", 1)[1])
    assert list((cups_scheduler.root / "spool").glob(f"d{number:05d}-*")) == []


def test_kiosk_sign_on_a_sealed_kiosk_with_the_printer_stopped_says_the_letter_is_lost(
    tmp_path, pdf_printer, cups_scheduler
):
    from tests.sealed import sealed_config

    name, output = pdf_printer
    config = sealed_config(tmp_path, printer=name)
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)

    result = sign(tmp_path, "Ruedi", config, cups=cups_scheduler)

    assert result.returncode == 0, result.stderr  # the signature itself is recorded
    assert "Out of paper" in result.stderr and "counts as lost" in result.stderr
    assert "kiosk decrypt" in result.stderr
    status = kiosk(tmp_path, "printer status", config=config, cups=cups_scheduler)
    assert "lost: 1 sealed letter(s)" in status.stdout
    assert finished_pdfs(output) == []
