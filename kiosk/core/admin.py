"""The volunteers' PIN: a slow hash in the config, and a lockout that a restart does not reset.

The PIN is stored as an scrypt hash (`scrypt$n$r$p$salt$hash`, hashlib's own, memory-hard), never
as the PIN. Wrong PINs are counted in the database, with the time until which entry is locked:
after 3 wrong tries 30 seconds, doubling with every further wrong try up to an hour, so guessing
a 6-digit PIN at a stand takes months. A lock stored while the clock was wrong never lasts
longer than the hour. Every entry, wrong try and lockout is logged, never the PIN.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.core.errors import ExitCode, KioskError
from kiosk.core.records.store import Store
from kiosk.core.signatures import format_utc

log = logging.getLogger(__name__)

N, R, P = 2**15, 8, 1  # about 50 ms and 32 MiB per try
FREE_TRIES = 3
FIRST_LOCK = 30.0
LONGEST_LOCK = 3600.0
MIN_DIGITS = 4


class PinError(KioskError):
    """A PIN that cannot be used (too short, not digits, too easy); `kind` says which."""

    exit_code = ExitCode.DATAERR
    kind = "pin"

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def check_new_pin(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinError(
            "The PIN must be digits only (the admin screen has a number pad).", "pin-not-digits"
        )
    if len(pin) < MIN_DIGITS:
        raise PinError(
            f"The PIN must have at least {MIN_DIGITS} digits (6 or more is better).",
            "pin-too-short",
        )
    if len(set(pin)) == 1 or pin in "0123456789012345678909876543210":
        raise PinError(
            "That PIN is too easy to guess (repeated or running digits).", "pin-too-easy"
        )
    return pin


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, maxmem=64 * 1024 * 1024)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one PIN entry."""

    ok: bool
    locked_for: float  # seconds until the next try is allowed (0 if it is allowed now)
    failures: int


class Lockout:
    """Wrong PIN tries and the lock, kept in the store's meta table."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.store = store
        self.clock = clock

    def _get(self) -> tuple[int, datetime | None]:
        meta = self.store.meta("admin.")
        until = meta.get("locked")
        locked = datetime.fromisoformat(until.replace("Z", "+00:00")) if until else None
        return int(meta.get("failures", 0)), locked

    def _set(self, failures: int, locked: datetime | None) -> None:
        self.store.set_meta(
            {
                "admin.failures": str(failures),
                "admin.locked": format_utc(locked) if locked is not None else None,
            }
        )

    def reset(self) -> None:
        """Forget the wrong tries (after the right PIN, or `kiosk admin unlock`)."""
        self._set(0, None)
        log.info("admin lockout lifted")

    def locked_for(self) -> float:
        failures, locked = self._get()
        if locked is None:
            return 0.0
        now = self.clock()
        longest = now + timedelta(seconds=LONGEST_LOCK)
        if locked > longest:
            # Taken while the clock was far ahead (it said 2036, say): no lock lasts longer
            # than the longest, counted from now, and kept so, so that the wait runs out.
            locked = longest
            self._set(failures, locked)
            log.warning("admin lockout set by a clock that was ahead: cut to %.0f s", LONGEST_LOCK)
        return max(0.0, (locked - now).total_seconds())

    def attempt(self, pin: str, stored_hash: str) -> Attempt:
        """Check `pin` unless entry is locked; count and lock on a wrong one."""
        failures, _ = self._get()
        wait = self.locked_for()
        if wait > 0:
            log.warning("admin PIN tried while locked (%.0f s left)", wait)
            return Attempt(False, wait, failures)
        if stored_hash and pin_matches(pin, stored_hash):
            self._set(0, None)
            log.info("admin mode entered")
            return Attempt(True, 0.0, 0)
        failures += 1
        lock = 0.0
        if failures >= FREE_TRIES:
            lock = min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_TRIES))
        self._set(failures, self.clock() + timedelta(seconds=lock) if lock else None)
        if lock:
            log.warning("admin PIN wrong %d times: locked for %.0f s", failures, lock)
        else:
            log.warning("admin PIN wrong (%d)", failures)
        return Attempt(False, lock, failures)
