"""The Qt binding under the kiosk keeps Python's reference counts right.

PySide6 6.12.0 on CPython 3.11 drops a reference to True on every `Signal.emit()` and one to None
on every `processEvents()`; True, False and None are not immortal before Python 3.12, so a kiosk
aborts ("bool_dealloc: deallocating True or False") after about a thousand signals, minutes into
a day at a stand. pyproject.toml keeps that version out; this test catches any other that does it.
"""

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal


class Emitter(QObject):
    changed = Signal()
    carried = Signal(object)


def test_emitting_signals_keeps_the_reference_counts_of_true_false_and_none(qapp):
    emitter = Emitter()
    received = []
    emitter.changed.connect(lambda: received.append(1))
    emitter.carried.connect(received.append)
    before = [sys.getrefcount(v) for v in (True, False, None)]
    for _ in range(500):
        emitter.changed.emit()
        emitter.carried.emit(b"letter")
        QCoreApplication.processEvents()
    after = [sys.getrefcount(v) for v in (True, False, None)]
    assert len(received) == 1000
    # A few references come and go with objects made meanwhile; a leak per call is hundreds.
    assert all(a - b > -50 for a, b in zip(after, before, strict=True)), (before, after)
