"""The keys that would take a visitor out of the kiosk, swallowed.

In kiosk mode the application can be left only from admin mode, so Escape, F11, Alt+F4,
Alt+Tab, Ctrl+Q and Ctrl+W do nothing. The guard is in place from the first frame on, so it
names keys by their Qt numbers: touching PySide6's `Qt` namespace builds all its enums, 20 ms
that the first frame would wait for.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject

log = logging.getLogger(__name__)

ALT = 0x08000000  # Qt.KeyboardModifier.AltModifier
CONTROL = 0x04000000  # Qt.KeyboardModifier.ControlModifier
ESCAPES = {
    (0x01000000, 0),  # Qt.Key.Key_Escape
    (0x0100003A, 0),  # Qt.Key.Key_F11
    (0x01000033, ALT),  # Qt.Key.Key_F4
    (0x01000001, ALT),  # Qt.Key.Key_Tab
    (0x51, CONTROL),  # Qt.Key.Key_Q
    (0x57, CONTROL),  # Qt.Key.Key_W
}


class KeyGuard(QObject):
    """An application event filter that eats the keys a visitor could leave the kiosk with."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, held = int(event.key()), event.modifiers().value
            for escape, modifier in ESCAPES:
                if key == escape and (modifier == 0 or held & modifier):
                    log.info("escape key ignored in kiosk mode")
                    return True
        return False
