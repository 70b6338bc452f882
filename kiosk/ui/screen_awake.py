"""Keeping the panel on for the whole event.

The kiosk never blanks or switches off the screen itself (its dark screen is drawn, see
`IdleWatch.dark`), and Qt asks no one to keep it on. Under cage there is nothing that would
blank it (no power management of the panel at all). In a desktop session (the kiosk started with
`./packaging/setup.sh run`), the desktop's screen saver would blank it after some minutes
without a key or mouse event, and touches do not always count: the kiosk asks the desktop not
to, through the freedesktop screen-saver interface on the session bus (GNOME, KDE, Xfce and
others answer it). The desktop drops that request by itself when the kiosk's connection to the
bus closes, so there is nothing to undo at the end.
"""

from __future__ import annotations

import logging

from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
REASON = "a letter-writing event is on: the kiosk's screen stays on"


def keep_screen_on() -> bool:
    """Ask the desktop session not to blank the screen while the kiosk runs; whether one
    agreed. Without a session bus or a screen saver on it (under cage) there is nothing to ask."""
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        log.info("screen kept on: no desktop session bus, so no screen saver to ask")
        return False
    reply = QDBusInterface(SERVICE, PATH, SERVICE, bus).call("Inhibit", "kiosk", REASON)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        log.info("screen kept on: no desktop screen saver answers (%s)", reply.errorName())
        return False
    log.info("screen kept on: the desktop's screen saver is held off while the kiosk runs")
    return True
