"""The letter as the signer sees it before confirming: the PDF that will print, drawn in-process.

The letters come from the core (`KioskService.sample_letter`, the very renderer the printer
gets); where a name sits on the page is read back from the PDF with poppler's `pdftotext`, and
the picture must have ink there.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from kiosk.app import KioskService
from kiosk.core.config import load_config
from kiosk.core.errors import PreviewError
from kiosk.ui.letter_picture import first_page
from tests.pdftools import find_word, words_of
from tests.ui.conftest import find, write_config
from tests.ui.test_screens import sign_up_to_preview, wait_step

DPI = 110


@pytest.fixture
def service(tmp_path):
    service = KioskService(load_config(write_config(tmp_path)), tmp_path / "signatures.db")
    yield service
    service.close()


def dark_share(picture: QImage, box: QRect) -> float:
    """The share of the pixels in `box` that are ink (darker than mid-grey)."""
    box = box.intersected(picture.rect())
    dark = sum(
        1
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
        if picture.pixelColor(x, y).lightness() < 128
    )
    return dark / max(1, box.width() * box.height())


def test_the_picture_is_the_letters_first_page_on_white_a4_paper(qapp, service):
    picture = first_page(service.sample_letter(given_name="Anna"), dpi=DPI)

    assert picture.height() / picture.width() == pytest.approx(297 / 210, rel=0.01)  # A4
    assert picture.width() == pytest.approx(210 / 25.4 * DPI, abs=2)
    margin = QRect(0, 0, picture.width() // 12, picture.height() // 20)
    assert dark_share(picture, margin) == 0  # the paper is white, not transparent or black
    assert picture.pixelColor(5, 5).name() == "#ffffff"
    assert 0.005 < dark_share(picture, picture.rect()) < 0.2  # text on it, not a blank page


@pytest.mark.parametrize("name", ["محمد", "李小龙", "Олена", "Zoë"])
def test_a_name_in_any_script_is_drawn_in_the_picture(qapp, service, tmp_path, name):
    pdf = service.sample_letter(given_name=name, family_name="")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    page = words_of(path)[0]
    word = find_word(page, name)

    picture = first_page(pdf, dpi=DPI)

    scale = picture.width() / page.width  # pixels per point
    box = QRect(
        int(word.x_min * scale),
        int(word.y_min * scale),
        max(1, int((word.x_max - word.x_min) * scale)),
        max(1, int((word.y_max - word.y_min) * scale)),
    )
    assert dark_share(picture, box) > 0.05, f"nothing drawn where {name!r} is written"


def test_a_damaged_letter_says_it_could_not_be_drawn(qapp):
    with pytest.raises(PreviewError, match="could not be drawn"):
        first_page(b"%PDF-1.4\nthis is not a letter")


def anonymous_memory_regions() -> int:
    """How many memory regions of no file the process has mapped (Linux's /proc/self/maps):
    what the allocators take for themselves. QML's compiled code and script heap are named
    (`memfd:JITCode`, `memfd:JSGCHeap`) and grow for a while as the screens warm up."""
    lines = Path("/proc/self/maps").read_text().splitlines()
    return sum(1 for line in lines if len(line.split()) == 5)


def a_visitor_reads_their_letter_and_walks_away(qtbot, kiosk, name: str) -> None:
    sign_up_to_preview(qtbot, kiosk, given_name=name)
    image = find(kiosk.window, "previewImage")
    qtbot.waitUntil(lambda: image.property("implicitWidth") > 0, timeout=10000)
    kiosk.session.reset()  # what the idle watch does when nobody touches the screen
    wait_step(qtbot, kiosk, "attract")


def test_a_day_of_visitors_leaves_no_letter_preview_behind_in_memory(qtbot, kiosk):
    """Each preview made and dropped a QtPdf document, the only one alive, which started and
    shut down QtPdf's engine every time; each start left memory regions (about 20 KB) that
    were never given back: a letter's worth for every visitor, all day (the soak, issue 15).
    After the first visitors' previews, more visitors' previews map no more than a handful of
    new regions of the allocators' own, far fewer than one a visitor (it was four or more each)."""
    visitors = 10
    for name in ("Anna", "Zoë"):  # both threads that draw previews have started
        a_visitor_reads_their_letter_and_walks_away(qtbot, kiosk, name)
    gc.collect()
    before = anonymous_memory_regions()

    for number in range(visitors):
        a_visitor_reads_their_letter_and_walks_away(qtbot, kiosk, f"Visitor {number}")

    gc.collect()
    grown = anonymous_memory_regions() - before
    assert kiosk.images.preview_count() == 0
    assert kiosk.service.print_queue.held == 0
    assert grown < visitors, f"{grown} more memory regions after {visitors} previews"
