"""A desktop's screen saver on a session bus, for tests: it answers the freedesktop
`Inhibit` call as GNOME or KDE does and prints every call it gets ("inhibit APP REASON")."""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:  # noqa: N802 - the D-Bus name
        print(f"inhibit {application} {reason}", flush=True)
        return 7


def main() -> None:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    saver = ScreenSaver()
    exported = bus.registerObject(
        "/org/freedesktop/ScreenSaver", saver, QDBusConnection.RegisterOption.ExportAllSlots
    )
    if not (exported and bus.registerService("org.freedesktop.ScreenSaver")):
        sys.exit("could not register the screen saver on the session bus")
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
