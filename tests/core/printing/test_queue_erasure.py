"""A letter whose signer was forgotten while it was at the printer is never printed nameless."""

from __future__ import annotations

from kiosk.core.cases import load_cases
from kiosk.core.printing.pdf_folder import PdfFolder
from kiosk.core.printing.queue import PrintQueue
from kiosk.core.records import erasure
from kiosk.core.signatures import prepare
from tests.conftest import BUNDLED_CASES, anna


def test_a_forgotten_signers_letter_sent_back_to_the_queue_is_cancelled(store, case, tmp_path):
    signature = prepare(anna(), case, event_id="stand", kiosk_id="k1", language="de")
    store.record(signature, print_letter=True)
    [job] = store.print_jobs()
    store.move_print_job(job.id, ("queued",), "sent")  # at the printer when forgotten
    erasure.forget(store, [signature.uuid])
    store.move_print_job(job.id, ("sent",), "failed")  # the printer lost it
    store.move_print_job(job.id, ("failed",), "queued")  # a volunteer's "retry failed"

    letters = tmp_path / "letters"
    PrintQueue(store, load_cases(BUNDLED_CASES), PdfFolder(letters)).run_once()

    assert store.print_job(job.id).state == "cancelled"
    assert not letters.exists() or list(letters.iterdir()) == []
