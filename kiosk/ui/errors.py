"""What the screens say when something went wrong: a sentence chosen by the error's `kind`.

A `KioskError`'s own message is for the command line and the log (English, sometimes with a
path or SQLite's words); a screen never shows it. The admin screen's sentences live here, in
English marked for the translation tools (`QT_TRANSLATE_NOOP` in the "AdminScreen" context, so
`pyside6-lupdate` collects them beside the QML's); `admin_text` says them in the language asked
for. The visitors' screens translate theirs in QML by the same kinds. An error without a
sentence of its own gets the general one, and is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

ADMIN_TEXT = {
    "settings-write": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "Not saved: the settings file cannot be written. Check that the config "
        "folder exists and is writable (`kiosk doctor` shows where it is).",
    ),
    "config": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "Not saved: that value is not allowed here.",
    ),
    "unknown-case": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "Not saved: that case is not installed on this kiosk.",
    ),
    "storage": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The signature database cannot be used. Run `kiosk doctor` at the kiosk's "
        "terminal and keep a copy of the database before anything else.",
    ),
    "export": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The export could not be written. Check that the USB stick is in, writable and has "
        "free space.",
    ),
    "export-folder-missing": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "That folder does not exist (is the USB stick in?).",
    ),
    "printer": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The printer cannot be reached. Check that it is on and connected, then try again.",
    ),
    "fonts": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "No font for the letters is installed: run ./packaging/setup.sh at the terminal.",
    ),
    "sync-setup": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "Delivery is not set up correctly: `kiosk doctor` says what to fix.",
    ),
    "sync-address": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The receiver refuses the sync address: set sync.url to the address "
        "`kiosk collect` prints (ending in /api/records). Every signature waits meanwhile.",
    ),
    "no-sync-target": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "No delivery is set up (sync.target): signatures stay on this kiosk.",
    ),
    "pin-not-digits": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The PIN must be digits only.",
    ),
    "pin-too-short": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "The PIN must have at least 4 digits (6 or more is better).",
    ),
    "pin-too-easy": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "That PIN is too easy to guess (repeated or running digits).",
    ),
}
GENERAL = QT_TRANSLATE_NOOP(
    "AdminScreen", "That did not work. Run `kiosk doctor` at the kiosk's terminal to see why."
)
CONTEXT = "AdminScreen"  # the admin screen's texts, in QML and here, share one context

# The dashboard's words for the printer and the clock, chosen by the core's kinds (the core says
# them in English for the command line and the log). A reason without a kind of its own is
# CUPS's own words, shown as CUPS gave them.
PRINTER_PLACE = {
    "cups": QT_TRANSLATE_NOOP("AdminScreen", "CUPS queue %1"),
    "pdf-folder": QT_TRANSLATE_NOOP("AdminScreen", "PDF folder %1"),
}
PRINTER_STATE = {
    "idle": QT_TRANSLATE_NOOP("AdminScreen", "ready"),
    "printing": QT_TRANSLATE_NOOP("AdminScreen", "printing"),
    "stopped": QT_TRANSLATE_NOOP("AdminScreen", "stopped"),
    "unreachable": QT_TRANSLATE_NOOP("AdminScreen", "cannot be reached"),
}
PRINTER_REASON = {
    "no-queue": QT_TRANSLATE_NOOP(
        "AdminScreen", "there is no print queue of that name (check printing.printer)"
    ),
    "no-cups": QT_TRANSLATE_NOOP("AdminScreen", "the print service (CUPS) is not running"),
    "no-answer": QT_TRANSLATE_NOOP("AdminScreen", "the print service (CUPS) does not answer"),
    "stopped": QT_TRANSLATE_NOOP("AdminScreen", "the queue was stopped"),
    "not-accepting": QT_TRANSLATE_NOOP("AdminScreen", "the queue does not take letters"),
    "unexpected": QT_TRANSLATE_NOOP("AdminScreen", "CUPS said something unexpected"),
    "folder-cannot-be-made": QT_TRANSLATE_NOOP(
        "AdminScreen", "the folder cannot be made (is the USB stick in?)"
    ),
    "folder-read-only": QT_TRANSLATE_NOOP("AdminScreen", "the folder cannot be written to"),
}
JOB_STATE = {
    "pending": QT_TRANSLATE_NOOP("AdminScreen", "still waiting"),
    "held": QT_TRANSLATE_NOOP("AdminScreen", "held"),
    "processing": QT_TRANSLATE_NOOP("AdminScreen", "still printing"),
    "stopped": QT_TRANSLATE_NOOP("AdminScreen", "stopped"),
    "cancelled": QT_TRANSLATE_NOOP("AdminScreen", "cancelled"),
    "aborted": QT_TRANSLATE_NOOP("AdminScreen", "given up by the printer"),
    "unknown": QT_TRANSLATE_NOOP("AdminScreen", "unknown to CUPS"),
}
CLOCK_PROBLEM = {  # %1 the clock's reading, %2 the release date, %3 and %4 the commands
    "behind": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "the clock says %1, before this kiosk version was released (%2): set the date and "
        "time (%3 with a network, or %4). Signatures taken meanwhile keep that wrong date.",
    ),
    "ahead": QT_TRANSLATE_NOOP(
        "AdminScreen",
        "the clock says %1, more than two years after this kiosk version was released (%2): "
        "if that is wrong, set the date and time (%3 with a network, or %4); if it is right, "
        "update the kiosk.",
    ),
}

Translate = Callable[[str], str]  # an English admin text -> the same in the screen's language


def admin_text(exc: BaseException, translate: Translate = lambda text: text) -> str:
    """The admin screen's sentence for `exc`, said through `translate` (English without)."""
    kind = exc.kind if isinstance(exc, KioskError) else None
    text = ADMIN_TEXT.get(kind or "")
    if text is None:
        log.error("no admin text for %s (%s): %s", type(exc).__name__, kind, exc)
        return translate(GENERAL)
    return translate(text)
