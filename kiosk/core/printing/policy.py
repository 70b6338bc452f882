"""When a letter is printed: one rule for the touchscreen, `kiosk sign` and the print worker.

- A signature that wants a letter gets a print job when `printing.mode` is "immediate" or
  "batch"; with "off" it gets none (a later `kiosk letters` can still make its PDF).
- The job is sent to the printer at once only in "immediate" mode; in "batch" it waits until a
  volunteer asks to print what is pending (`kiosk print --pending`, the admin screen).
"""

from __future__ import annotations

PrintMode = str  # "immediate", "batch" or "off", as `printing.mode` declares


def queues_letter(wants_letter: bool, mode: PrintMode) -> bool:
    """Whether recording a signature also queues its letter."""
    return wants_letter and mode != "off"


def sends_at_once(mode: PrintMode) -> bool:
    """Whether queued letters go to the printer without a volunteer asking."""
    return mode == "immediate"
