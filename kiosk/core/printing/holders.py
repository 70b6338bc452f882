"""Which process holds a sealed letter in memory, and whether that process still runs.

In sealed mode a letter exists only in the memory of the kiosk process that recorded it, until
CUPS takes it. Its print job names that process (`held_by`), so another process (`kiosk print`,
`kiosk printer status`, the kiosk started again after a crash) can tell a letter still waiting
in a living kiosk, which it must leave alone, from one whose kiosk has stopped, which can never
print and is counted lost.

A holder is the process id with the time the process started (so a new process that happens
to get the same id is not taken for the old one) and a random part (so two queues in one
process are told apart).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _started(pid: int) -> str | None:
    """When process `pid` started, in clock ticks since boot (Linux's /proc), or None when
    there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: count after it.
    return stat.rsplit(")", 1)[-1].split()[19]


def new_holder() -> str:
    """A holder name for one print queue of this process."""
    pid = os.getpid()
    return f"{pid}:{_started(pid) or 0}:{secrets.token_hex(4)}"


def is_running(holder: str) -> bool:
    """Whether the process that `holder` names is still running."""
    try:
        pid_text, started, _ = holder.split(":")
        pid = int(pid_text)
    except ValueError:
        return False
    now = _started(pid)
    return now is not None and now == started
