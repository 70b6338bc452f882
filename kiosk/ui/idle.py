"""Noticing that a person has walked away, asking "still there?", and then starting afresh.

Every touch, click or key anywhere on the screen counts as presence (an event filter on the
window, which receives each of them before any item does, so no screen can forget to report
it). After `warning_after` seconds without one, a countdown of `countdown` seconds is shown; a
touch ends it, zero resets the session. The thank-you screen needs no question: it returns to
the attract screen after `thank_you` seconds.
On the attract screen the watch sleeps, so an idle kiosk uses no CPU for it: one timer wakes it
when the screen is to go dark (`dark_after` seconds without a touch, 0 never). The dark screen
is drawn by the app (cage has no power management for the panel); the touch that lights it
again only does that (`wake`, from the dark layer, which takes that touch for itself).
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
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
# The start of a touch. Seen here before the screens get it: were the question closed now, the
# touch meant for "Yes, continue" would land on whatever lies under it (a button, a box, the
# privacy notice's edge). So it only restarts the quiet time; the question goes as the touch
# ends, or when its own button or layer is tapped.
PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}


@QmlElement
@QmlUncreatable("The kiosk application makes the one IdleWatch.")
class IdleWatch(QObject):
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    countdownChanged = Signal()
    darkChanged = Signal()

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
        self.staff_present: Callable[[], bool] = lambda: False  # admin mode: never dark
        self._warning = False
        self._dark = False
        self._dark_timer = QTimer(self)
        self._dark_timer.setSingleShot(True)
        self._dark_timer.timeout.connect(self.tick)
        self._countdown = self.settings.countdown
        self._seconds_left = self._countdown
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)
        session.stepChanged.connect(self._step_changed)
        self._arm_dark()

    @property
    def settings(self) -> IdleSettings:
        """The idle times as the session read them at its last reset."""
        return self.session.idle_settings

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in PRESSES and self._warning:
            self._still_there()
        elif kind in PRESENCE:
            self.poke()
        return False  # never swallow the touch: it still goes where it was meant

    def stop(self) -> None:
        """The kiosk is closing: the timer stops and a late step change restarts nothing."""
        self._timer.stop()
        self._dark_timer.stop()
        self.session.stepChanged.disconnect(self._step_changed)

    @Slot()
    def poke(self) -> None:
        """Someone is there: start the quiet time afresh and close the question."""
        self._still_there()
        self._set_warning(False)

    def _still_there(self) -> None:
        self._last = self.clock()
        if self.on_presence is not None:
            self.on_presence()
        self._arm_dark()  # the dark screen itself lights up only through `wake`

    @Slot()
    def stillHere(self) -> None:
        self.poke()

    @Slot()
    def wake(self) -> None:
        """The first touch on the dark screen: the attract screen again, nothing else."""
        self._set_dark(False)
        self.poke()

    def _step_changed(self) -> None:
        self._last = self.clock()
        self._set_warning(False)
        self._set_dark(False)
        if self._countdown != self.settings.countdown:
            self._countdown = self.settings.countdown
            self._seconds_left = self._countdown
            self.countdownChanged.emit()
            self.secondsLeftChanged.emit()
        if self.session.step == "attract":
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self._arm_dark()

    @Slot()
    def tick(self) -> None:
        """Look at the time (every quarter second while someone may be at the screen)."""
        step = self.session.step
        quiet = self.clock() - self._last
        if step == "attract":
            self._timer.stop()
            dark_after = self.settings.dark_after
            if dark_after and quiet >= dark_after and not self.staff_present():
                self._set_dark(True)
            else:
                self._arm_dark()
            return
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

    def _arm_dark(self) -> None:
        """Wake up when the attract screen is to go dark (no polling while nobody is there)."""
        dark_after = self.settings.dark_after
        if self.session.step != "attract" or not dark_after or self._dark:
            self._dark_timer.stop()
            return
        left = dark_after - (self.clock() - self._last)
        self._dark_timer.start(max(0, math.ceil(left * 1000)))

    def _set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            if not dark:
                self._arm_dark()
            self.darkChanged.emit()

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

    @Property(bool, notify=darkChanged)
    def dark(self) -> bool:
        """The attract screen has gone dark: nobody has touched it for `dark_after` seconds."""
        return self._dark
