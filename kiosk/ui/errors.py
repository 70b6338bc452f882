"""What the screens say when something went wrong: a sentence chosen by the error's `kind`.

A `KioskError`'s own message is for the command line and the log (English, sometimes with a
path or SQLite's words); a screen never shows it. The admin screen is in English for the
volunteers, so its sentences live here; the visitors' screens translate theirs in QML by the
same kinds. An error without a sentence of its own gets the general one, and is logged.
"""

from __future__ import annotations

import logging

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

ADMIN_TEXT = {
    "settings-write": "Not saved: the settings file cannot be written. Check that the config "
    "folder exists and is writable (`kiosk doctor` shows where it is).",
    "config": "Not saved: that value is not allowed here.",
    "unknown-case": "Not saved: that case is not installed on this kiosk.",
    "storage": "The signature database cannot be used. Run `kiosk doctor` at the kiosk's "
    "terminal and keep a copy of the database before anything else.",
    "export": "The export could not be written. Check that the USB stick is in, writable and has "
    "free space.",
    "export-folder-missing": "That folder does not exist (is the USB stick in?).",
    "printer": "The printer cannot be reached. Check that it is on and connected, then try again.",
    "fonts": "No font for the letters is installed: run ./packaging/setup.sh at the terminal.",
    "sync-setup": "Delivery is not set up correctly: `kiosk doctor` says what to fix.",
    "sync-address": "The receiver refuses the sync address: set sync.url to the address "
    "`kiosk collect` prints (ending in /api/records). Every signature waits meanwhile.",
    "no-sync-target": "No delivery is set up (sync.target): signatures stay on this kiosk.",
    "pin-not-digits": "The PIN must be digits only.",
    "pin-too-short": "The PIN must have at least 4 digits (6 or more is better).",
    "pin-too-easy": "That PIN is too easy to guess (repeated or running digits).",
}
GENERAL = "That did not work. Run `kiosk doctor` at the kiosk's terminal to see why."


def admin_text(exc: BaseException) -> str:
    """The admin screen's sentence for `exc`."""
    kind = exc.kind if isinstance(exc, KioskError) else None
    text = ADMIN_TEXT.get(kind or "")
    if text is None:
        log.error("no admin text for %s (%s): %s", type(exc).__name__, kind, exc)
        return GENERAL
    return text
