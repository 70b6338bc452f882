"""Noticing that a person has walked away, asking "still there?", and then starting afresh.

Every touch, click or key anywhere on the screen counts as presence (an event filter on the
window, which receives each of them before any item does, so no screen can forget to report
it). After `warning_after` seconds without one, a countdown of `countdown` seconds is shown; a
touch ends it, zero resets the session. The thank-you screen needs no question: it returns to
the attract screen after `thank_you` seconds.
On the attract screen the watch sleeps, so an idle kiosk uses no CPU for it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.config import IdleSettings
from kiosk.ui.session import Session

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

PRESENCE = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


@QmlElement
@QmlUncreatable("The kiosk application makes the one IdleWatch.")
class IdleWatch(QObject):
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    countdownChanged = Signal()

    def __init__(
        self,
        session: Session,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self._last = clock()
        self.on_presence: Callable[[], None] | None = None  # also told of every touch
        self._warning = False
        self._countdown = self.settings.countdown
        self._seconds_left = self._countdown
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)
        session.stepChanged.connect(self._step_changed)

    @property
    def settings(self) -> IdleSettings:
        """The idle times as the session read them at its last reset."""
        return self.session.idle_settings

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in PRESENCE:
            self.poke()
        return False  # never swallow the touch: it still goes where it was meant

    def stop(self) -> None:
        """The kiosk is closing: the timer stops and a late step change restarts nothing."""
        self._timer.stop()
        self.session.stepChanged.disconnect(self._step_changed)

    @Slot()
    def poke(self) -> None:
        """Someone is there: start the quiet time afresh and close the question."""
        self._last = self.clock()
        if self.on_presence is not None:
            self.on_presence()
        self._set_warning(False)

    @Slot()
    def stillHere(self) -> None:
        self.poke()

    def _step_changed(self) -> None:
        self._last = self.clock()
        self._set_warning(False)
        if self._countdown != self.settings.countdown:
            self._countdown = self.settings.countdown
            self._seconds_left = self._countdown
            self.countdownChanged.emit()
            self.secondsLeftChanged.emit()
        if self.session.step == "attract":
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    @Slot()
    def tick(self) -> None:
        """Look at the time (every quarter second while someone may be at the screen)."""
        step = self.session.step
        if step == "attract":
            self._timer.stop()
            return
        quiet = self.clock() - self._last
        if step == "thanks":
            if quiet >= self.settings.thank_you:
                self.session.finish()
            return
        if quiet < self.settings.warning_after:
            self._set_warning(False)
            return
        left = self.settings.countdown - (quiet - self.settings.warning_after)
        if left <= 0:
            self._set_warning(False)
            self.session.reset()
            return
        self._set_warning(True)
        self._set_seconds_left(math.ceil(left))

    def _set_warning(self, warning: bool) -> None:
        if warning != self._warning:
            self._warning = warning
            if not warning:
                self._set_seconds_left(self.settings.countdown)
            self.warningChanged.emit()

    def _set_seconds_left(self, seconds: int) -> None:
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self.secondsLeftChanged.emit()

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(int, notify=countdownChanged)
    def countdown(self) -> int:
        return self._countdown
