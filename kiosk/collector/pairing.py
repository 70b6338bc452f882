"""The collector's side of pairing: codes traded for tokens, tokens checked, kiosks listed.

A coordinator adds a kiosk (`add_kiosk`, from `kiosk collect kiosks add NAME` or the page) and
gets its one-time code, in plain words and as a QR code (`code_svg` for the page,
`code_qr_lines` for a terminal); only its hash is stored, so the code is shown when it is made
and never again (adding the kiosk again gives a new one). A kiosk sends the code to
`POST /api/pair` (`Pairing.exchange`) and gets its own token; from then on its batches carry
that token, and `Pairing.sender` tells whose it is: the records are kept as that kiosk's,
whatever the message says. A revoked kiosk's token is refused with 403 and the reason, so the
kiosk keeps its records and says why; pairing it again (a new code) lets it deliver again.

Guessing is bounded twice: a code takes `MAX_CODE_ATTEMPTS` wrong tries and then stops
working (counted in the database, so for every collector process and every guesser alike),
and one client address gets `CLIENT_ATTEMPTS` refused tries in `CLIENT_WINDOW` seconds before
it is answered 429 (counted in this process's memory: behind a proxy that hides the
addresses, the limit is the proxy's, and the per-code one still holds).
"""

from __future__ import annotations

import functools
import io
import json
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.core.delivery import pairing as codes
from kiosk.core.delivery.pairing import MAX_CODE_ATTEMPTS, PAIR_PROTOCOL, KioskEntryError
from kiosk.core.errors import ExitCode, KioskError, NotFoundError
from kiosk.core.records import paired
from kiosk.core.records.paired import KioskRegistry, KioskRow
from kiosk.core.signatures import format_utc

log = logging.getLogger(__name__)

CLIENT_ATTEMPTS = 10  # refused pairing tries one address gets ...
CLIENT_WINDOW = 15 * 60.0  # ... in this many seconds
TRACKED_CLIENTS = 10_000  # addresses remembered at once; the oldest is forgotten first
MAX_PAIR_BODY = 4096  # bytes: a code and a kiosk id
# Codes checked at once (each scrypt check takes 4 MiB and some milliseconds of a core): many
# guessers at once wait their turn instead of taking the laptop's memory.
CHECKS_AT_ONCE = 2
NOT_VALID = (
    "This pairing code is not valid. Check it against the one the coordinator gave: a code "
    "works once, for a limited time. The coordinator makes a new one with `kiosk collect "
    "kiosks add NAME`."
)


class KioskPairedError(KioskError):
    """A kiosk of that name is paired already: a new code would not replace its token."""

    exit_code = ExitCode.DATAERR
    kind = "kiosk-paired"


class UnknownKioskError(NotFoundError):
    """No kiosk of that name was added to this collector."""

    kind = "unknown-kiosk"


class PairingRefused(Exception):  # noqa: N818 - an answer, not a fault
    """A request the collector answers with `status` and `reason` (a refused token)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


# -- what the coordinator does ----------------------------------------------------------------


@dataclass(frozen=True)
class NewCode:
    """A kiosk's code, as made: the only time it is known in plain."""

    name: str
    code: str  # as people write it (ABCDE-FGHJK)
    expires_at: str

    def __repr__(self) -> str:  # never a code in a log
        return f"NewCode(name={self.name!r}, expires_at={self.expires_at!r})"


def add_kiosk(
    kiosks: KioskRegistry, name: str, hours: float = codes.CODE_HOURS, now: datetime | None = None
) -> NewCode:
    """Add kiosk `name` with a new code valid for `hours` (or give a waiting or revoked kiosk
    a new one, the old code then failing). `KioskPairedError` when a kiosk of that name is
    paired: revoke it first, or choose another name."""
    codes.check_name(name)
    if not 0 < hours <= codes.MAX_CODE_HOURS:
        raise KioskEntryError(
            f"A code works for up to {codes.MAX_CODE_HOURS:g} hours, not {hours:g}: pair the "
            "kiosk soon after adding it."
        )
    moment = now or datetime.now(UTC)
    expires = format_utc(moment + timedelta(hours=hours))
    while True:  # until a free slot: nearly always at once, with 32,768 of them
        code = codes.new_code()
        outcome = kiosks.add(
            name, codes.slot(code), codes.code_hash(code), expires, format_utc(moment)
        )
        if outcome == paired.PAIRED_ALREADY:
            raise KioskPairedError(
                f"The kiosk {name} is paired already. To pair it anew (a replaced kiosk), "
                f"revoke it first: kiosk collect kiosks revoke {name}; or choose another name."
            )
        if outcome == paired.ADDED:
            log.info("kiosk %s added; its code works until %s", name, expires)
            return NewCode(name, codes.shown(code), expires)


def revoke_kiosk(kiosks: KioskRegistry, name: str, now: datetime | None = None) -> None:
    """Refuse kiosk `name` from now on; `UnknownKioskError` when there is none."""
    if not kiosks.revoke(name, format_utc(now or datetime.now(UTC))):
        known = ", ".join(row.name for row in kiosks.all()) or "none yet"
        raise UnknownKioskError(
            f"No kiosk named '{name}' was added to this collector (added: {known}). "
            "`kiosk collect kiosks list` shows them."
        )
    log.info("kiosk %s revoked", name)


@dataclass(frozen=True)
class KioskState:
    """One kiosk for the coordinator: its `state` is "waiting" (a code works), "paired",
    "revoked" or "expired" (its code ran out or was tried wrongly too often: add it again)."""

    name: str
    state: str
    added_at: str
    code_expires_at: str
    paired_at: str
    last_report: str
    revoked_at: str

    @property
    def waiting(self) -> bool:
        return self.state == "waiting"


def kiosk_states(kiosks: KioskRegistry, now: datetime | None = None) -> list[KioskState]:
    """Every kiosk added to the collector, by name, with its state: `kiosk collect kiosks
    list` and the collector's page show these."""
    moment = format_utc(now or datetime.now(UTC))
    return [_state(row, moment) for row in kiosks.all()]


def _state(row: KioskRow, now: str) -> KioskState:
    code_works = (
        row.has_code and row.code_expires_at > now and row.code_attempts < MAX_CODE_ATTEMPTS
    )
    if code_works:
        state = "waiting"
    elif row.revoked_at:
        state = "revoked"
    elif row.has_token:
        state = "paired"
    else:
        state = "expired"
    return KioskState(
        name=row.name,
        state=state,
        added_at=row.added_at,
        code_expires_at=row.code_expires_at if code_works else "",
        paired_at=row.paired_at,
        last_report=row.last_report,
        revoked_at=row.revoked_at,
    )


def code_svg(code: str) -> str:
    """The code as an SVG QR code (a `<svg>` element with a viewBox, to scale), for the page
    that shows a kiosk's code when the coordinator adds it."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(code, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def code_qr_lines(code: str) -> list[str]:
    """The code as a QR code in text, two rows of modules a line (dark modules drawn): to print
    black on white on a terminal."""
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    out = io.StringIO()
    qr.print_ascii(out=out)
    return out.getvalue().splitlines()


@functools.cache
def _no_code() -> str:
    """The hash checked in place of a code when no code waits under the slot given, so that the
    time of an answer does not tell a guesser which slots hold codes."""
    return codes.code_hash(codes.new_code())


# -- what the kiosks do -----------------------------------------------------------------------


@dataclass
class ClientLimiter:
    """Refused pairing tries per client address in a sliding window, in this process."""

    limit: int = CLIENT_ATTEMPTS
    window: float = CLIENT_WINDOW
    clock: Callable[[], float] = time.monotonic
    failures: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str) -> float:
        """Seconds before `client` may try again (0: now)."""
        with self.lock:
            times = self._recent(client)
            if len(times) < self.limit:
                return 0.0
            return max(1.0, times[0] + self.window - self.clock())

    def failed(self, client: str) -> None:
        with self.lock:
            self._recent(client).append(self.clock())
            self.failures.move_to_end(client)
            while len(self.failures) > TRACKED_CLIENTS:
                self.failures.popitem(last=False)

    def _recent(self, client: str) -> deque[float]:
        times = self.failures.setdefault(client, deque())
        while times and times[0] <= self.clock() - self.window:
            times.popleft()
        return times


@dataclass(frozen=True)
class Answer:
    """What the pairing endpoint answers: a status, a JSON body, headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class Pairing:
    """Pairing and paired tokens, on one collector's kiosks (called on worker threads)."""

    def __init__(self, kiosks: KioskRegistry, limiter: ClientLimiter | None = None) -> None:
        self.kiosks = kiosks
        self.limiter = limiter or ClientLimiter()
        self.checking = threading.BoundedSemaphore(CHECKS_AT_ONCE)

    def exchange(self, body: bytes | bytearray, client: str) -> Answer:
        """Trade the code in `body` (from `client`'s address) for a new token of its kiosk."""
        wait = self.limiter.wait(client)
        if wait:
            return Answer(
                429,
                {
                    "error": "Too many wrong pairing codes came from this address. Check the "
                    f"code, then try again in {max(1, round(wait / 60))} minute(s)."
                },
                {"Retry-After": str(round(wait))},
            )
        try:
            message = json.loads(body)
            code, kiosk_id = message["code"], message.get("kiosk_id", "")
            if message.get("protocol") != PAIR_PROTOCOL or not isinstance(code, str):
                raise ValueError(f"not a {PAIR_PROTOCOL} request")
            if not isinstance(kiosk_id, str):
                raise ValueError("kiosk_id is not text")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            return Answer(400, {"error": f"the request is not a pairing request ({exc})"})
        answer = self._trade(codes.normalised(code), kiosk_id[:100])
        if answer.status == 403:
            self.limiter.failed(client)
        return answer

    def _trade(self, code: str, kiosk_id: str) -> Answer:
        waiting = self.kiosks.waiting(codes.slot(code)) if code else None
        with self.checking:
            right = codes.code_matches(code, waiting.code_hash if waiting else _no_code())
        if waiting is None:
            return Answer(403, {"error": NOT_VALID})
        if not right:
            self.kiosks.count_wrong(codes.slot(code), waiting.code_hash)
            return Answer(403, {"error": NOT_VALID})
        # The code is right: whoever sent it may learn why it does not work.
        again = f"ask the coordinator for a new one (kiosk collect kiosks add {waiting.name})"
        if waiting.attempts >= MAX_CODE_ATTEMPTS:
            tried = "This code was tried wrongly too often and stopped working"
            return Answer(403, {"error": f"{tried}: {again}."})
        if waiting.expires_at <= format_utc(datetime.now(UTC)):
            return Answer(403, {"error": f"This code expired at {waiting.expires_at}: {again}."})
        token = codes.new_token()
        now = format_utc(datetime.now(UTC))
        if not self.kiosks.pair(
            codes.slot(code), waiting.code_hash, codes.token_hash(token), kiosk_id, now
        ):
            return Answer(403, {"error": f"This code was just used by another kiosk: {again}."})
        log.info("kiosk %s paired (it calls itself %s)", waiting.name, kiosk_id or "nothing")
        return Answer(
            200,
            {"kiosk": waiting.name, "token": token},
            {"Cache-Control": "no-store"},
        )

    def sender(self, header: str | None) -> str:
        """The paired kiosk whose token `header` carries, or `PairingRefused`: 401 for a token
        nobody has, 403 with the reason for a revoked kiosk's."""
        scheme, _, given = (header or "").partition(" ")
        given = given.strip()
        owner = (
            self.kiosks.owner(codes.token_hash(given))
            if scheme.lower() == "bearer" and given
            else None
        )
        if owner is None:
            raise PairingRefused(401, "missing or wrong access token")
        if owner.revoked_at:
            raise PairingRefused(
                403,
                f"the coordinator revoked this kiosk ({owner.name}) at {owner.revoked_at}: its "
                "records wait on it, nothing is lost. To deliver again, pair it anew with a "
                f"new code (kiosk collect kiosks add {owner.name}, then kiosk pair).",
            )
        return owner.name
