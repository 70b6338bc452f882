"""The service's settings changes as one Qt signal, so the screens follow what the admin saved."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.app import KioskService


class SettingsRelay(QObject):
    """Re-emits `KioskService.subscribe` notifications as `changed`, delivered on the thread
    this object lives on (the UI thread) whatever thread saved the settings."""

    changed = Signal()

    def __init__(self, service: KioskService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = service.subscribe(lambda _config: self.changed.emit())

    def stop(self) -> None:
        self._unsubscribe()
