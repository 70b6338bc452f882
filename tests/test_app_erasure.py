"""What an erased signer leaves behind for the application: counts, and no letter to make."""

from __future__ import annotations

import pytest

from kiosk.app import KioskService
from kiosk.core.config import Config, Settings
from kiosk.core.errors import NotFoundError
from kiosk.core.export import Selection
from kiosk.core.records.outbox import Outbox
from tests.conftest import EXAMPLE_CASE, anna
from tests.pdftools import flat_text


@pytest.fixture
def erasing(tmp_path):
    settings = Settings.model_validate({"privacy": {"retention_days": 0}})
    with KioskService(Config(settings, None), tmp_path / "signatures.db") as opened:
        yield opened


def test_an_export_after_erasure_has_the_counts_but_no_nameless_letters(erasing, tmp_path):
    kept = erasing.sign(EXAMPLE_CASE, anna(given_name="Beat"))
    gone = erasing.sign(EXAMPLE_CASE, anna(given_name="Олена"))
    erasing.forget(uuid=gone.signature.uuid)
    result = erasing.export(Selection(), tmp_path / "out.csv")
    assert result.records == 2
    pdf, count = erasing.letters_pdf()
    assert count == 1
    (tmp_path / "letters.pdf").write_bytes(pdf)
    assert "Beat" in flat_text(tmp_path / "letters.pdf")
    assert kept.signature.uuid != gone.signature.uuid


def test_an_erased_signers_letter_cannot_be_printed_again(erasing):
    gone = erasing.sign(EXAMPLE_CASE, anna(wants_letter=False))
    Outbox(erasing.store).delivered([gone.signature.uuid])
    assert erasing.purge().count == 1
    with pytest.raises(NotFoundError, match="no name left to print"):
        erasing.reprint([gone.signature.uuid])
    assert erasing.store.print_jobs() == []
