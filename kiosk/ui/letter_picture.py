"""The letter as a picture, for the signer to read before confirming.

The picture is the first page of the very PDF that will print (`kiosk.core.letters.layout`),
drawn in this process by Qt's own PDF renderer (QtPdf, in PySide6-Addons): about 10 ms for a
letter, where starting poppler's `pdftoppm` took 300-450 ms. The PDF goes from memory to
memory (a `QBuffer`); nothing of the signer touches the disk.

`first_page` may run on a job thread (`kiosk.ui.background`): it makes and drops its own
`QPdfDocument` there and returns a plain `QImage`, which is safe to hand to another thread.

Made and dropped one at a time, each `QPdfDocument` left memory behind that was never given
back: eight memory regions of PDFium's allocator and about 20 KB resident, whether a page was
drawn or not. That was every preview: the kiosk grew by a letter's worth for each visitor, all
day (the soak of issue 15). With one more document alive, never loaded (`_ENGINE`), nothing is
left behind; the likely cause is QtPdf starting its engine (PDFium) with the first document and
shutting it down with the last, so it starts afresh for every letter.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from kiosk.core.errors import PreviewError

POINTS_PER_INCH = 72

_ENGINE: QPdfDocument | None = None  # never loaded: keeps QtPdf's engine started (see above)
_ENGINE_LOCK = threading.Lock()


def keep_pdf_engine_started() -> None:
    """Make the one document that keeps QtPdf's engine from being shut down after each letter
    (and started again, leaving memory behind, for the next). Any thread may call it."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            engine = QPdfDocument()
            app = QCoreApplication.instance()
            if app is not None:  # not left to a job thread that may end before the process
                engine.moveToThread(app.thread())
            _ENGINE = engine


def first_page(pdf: bytes, dpi: int = 110) -> QImage:
    """The first page of `pdf` at `dpi`, on white paper (QtPdf leaves the page transparent)."""
    keep_pdf_engine_started()
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)  # a buffer holds the whole file: loaded before this returns
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PreviewError(f"The letter could not be drawn: {document.error().name}")
        points = document.pagePointSize(0)
        size = QSize(
            round(points.width() * dpi / POINTS_PER_INCH),
            round(points.height() * dpi / POINTS_PER_INCH),
        )
        page = document.render(0, size)
    finally:
        document.close()
        buffer.close()
    if page.isNull():
        raise PreviewError("The letter could not be drawn: no picture came out")
    paper = QImage(page.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return paper
