"""How long a signer's personal fields are kept (`privacy.retention_days`), and the round that
erases them once that time is up: at the kiosk's start and then once a day, beside the screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.core.clock import format_utc
from kiosk.core.worker import Worker

log = logging.getLogger(__name__)

DAY = 24 * 60 * 60.0


def cut_off(retention_days: int, now: datetime | None = None) -> str:
    """The signing time (UTC, as stored) before which a record's personal fields may go."""
    return format_utc((now or datetime.now(UTC)) - timedelta(days=retention_days))


class PurgeWorker(Worker):
    """Runs `purge()` at start and every `interval` seconds (a day): a kiosk left on for a
    whole marathon erases what is due without anyone pressing a button."""

    name = "purge-worker"

    def __init__(self, purge: Callable[[], Any], *, interval: float = DAY) -> None:
        super().__init__(interval)
        self.purge = purge
        self.last: Any = None

    def round(self, urgent: bool) -> float:
        self.last = self.purge()
        return self.interval
