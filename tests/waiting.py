"""Waiting for a condition, never for a fixed time: a busy machine only makes the wait longer.

The timeout is how long to wait before calling it a failure, not a budget the kiosk must meet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

PATIENCE = 120.0  # seconds before a wait is a failure, generous for a loaded 2-core machine


def wait_until(condition: Callable[[], T], what: str, timeout: float = PATIENCE) -> T:
    """Poll `condition` until it returns something true, and return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)  # poll
