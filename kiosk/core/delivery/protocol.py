"""What every delivery target shares: the protocol name, its errors, and what a batch got back.

A target either answers for each record (`Outcome`) or raises one of the errors below, which tell
the engine what to do next: try later (`TransientError`), stop until a person fixes the
credentials (`AuthError`) or the address (`RequestRefusedError`), or send the batch's records one
by one (`BatchRefusedError`). Only a receiver's answer about one record quarantines it: a refusal
of the request itself says nothing about the records, so they all stay pending.
`SyncError` is different: delivery cannot even be set up, and the message says what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from kiosk.core.errors import ExitCode, KioskError
from kiosk.core.records.outbox import OutboxRecord

PROTOCOL = "kiosk-sync/1"
COLLECTOR_PATH = "/api/records"  # where `kiosk collect` takes records, after its host and port
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# Answers about the address or the kind of request, whatever the records: a wrong `sync.url`.
ADDRESS_STATUS = frozenset({404, 405, 410, 415})


class SyncError(KioskError):
    """Delivery cannot be set up (bad address, missing token): the message says what to fix."""

    exit_code = ExitCode.CONFIG
    kind = "sync-setup"


class NoSyncTargetError(SyncError):
    """Delivery was asked for, but the settings name no target."""

    kind = "no-sync-target"


class SyncAuthError(KioskError):
    """The receiver refused the kiosk's credentials: no retry helps until a person fixes them."""

    exit_code = ExitCode.NOPERM
    kind = "sync-auth"


class SyncAddressError(SyncError):
    """The receiver refused the address or the request itself (404, 405, 410, 415, or a 4xx even
    for one record alone): the settings point at the wrong place, so it is a configuration matter
    (exit 78), like a sync set-up that cannot work, and no retry helps until `sync.url` is fixed."""

    kind = "sync-address"


class TransientError(Exception):
    """The receiver cannot take records now; try again later (after `retry_after` if given)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(Exception):
    """The receiver refused our credentials (401/403): no retry helps until a person fixes it."""


class RequestRefusedError(Exception):
    """The receiver refused the address or the request itself, not any one record: no retry
    helps until a person fixes `sync.url`, and every record stays pending."""


class BatchRefusedError(Exception):
    """The receiver refused a batch with a 4xx that may be about its size or one of its records
    (400, 413, 422...): the engine sends its records one by one. The same refusal of one record
    sent alone is a `RequestRefusedError`."""


@dataclass
class Outcome:
    """What a target said about one batch: acknowledged UUIDs and refused ones with reasons.
    A UUID in neither was not answered for and stays pending."""

    acknowledged: set[str] = field(default_factory=set)
    refused: dict[str, str] = field(default_factory=dict)


class Target(Protocol):
    description: str

    def deliver(self, records: list[OutboxRecord], *, waiting: int | None = None) -> Outcome:
        """Deliver `records`; `waiting` is how many more the kiosk holds for delivery besides
        them (a receiver that shows it, the collector, is told; others ignore it)."""
        ...

    def close(self) -> None: ...


def retry_after(value: str | None) -> float | None:
    """Seconds a receiver's Retry-After header asks for (a number or an HTTP date), if any."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        moment = parsedate_to_datetime(value)
        return max(0.0, (moment - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
