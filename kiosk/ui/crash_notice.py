"""The dashboard's note that the kiosk restarted after a crash, until a volunteer has seen it."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.crashes import CrashReports

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("The kiosk application makes the one CrashNotice.")
class CrashNotice(QObject):
    changed = Signal()

    def __init__(self, reports: CrashReports | None, parent: QObject | None = None) -> None:
        """`reports` None: a kiosk that keeps no crash reports (one built by a test)."""
        super().__init__(parent)
        self.reports = reports
        crashed = reports.unacknowledged() if reports is not None else None
        self._time = crashed.strftime("%H:%M") if crashed is not None else ""

    @Property(str, notify=changed)
    def crashedAt(self) -> str:
        """The time (HH:MM, the kiosk's local time) of the crash before this start, or ""."""
        return self._time

    @Slot()
    def acknowledge(self) -> None:
        if self.reports is not None:
            self.reports.acknowledge()
        if self._time:
            self._time = ""
            self.changed.emit()
