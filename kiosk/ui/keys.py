"""The keys that would take a visitor out of the kiosk, swallowed.

In kiosk mode the application can be left only from admin mode, so Escape, F11, Alt+F4,
Alt+Tab, Ctrl+Q and Ctrl+W do nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt

log = logging.getLogger(__name__)

Key, Modifier = Qt.Key, Qt.KeyboardModifier
ESCAPES = {
    (Key.Key_Escape, Modifier.NoModifier),
    (Key.Key_F11, Modifier.NoModifier),
    (Key.Key_F4, Modifier.AltModifier),
    (Key.Key_Tab, Modifier.AltModifier),
    (Key.Key_Q, Modifier.ControlModifier),
    (Key.Key_W, Modifier.ControlModifier),
}


class KeyGuard(QObject):
    """An event filter on the kiosk's window (which receives every key before any item does)
    that eats the keys a visitor could leave the kiosk with."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, held = event.key(), event.modifiers()  # Qt.Key is an IntEnum
            for escape, modifier in ESCAPES:
                if key == escape and (modifier == Modifier.NoModifier or held & modifier):
                    log.info("escape key ignored in kiosk mode")
                    return True
        return False
