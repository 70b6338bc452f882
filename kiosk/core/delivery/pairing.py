"""Pairing a kiosk with its collector: a one-time code traded for the kiosk's own token.

The coordinator adds a kiosk on the collector (`kiosk collect kiosks add NAME`) and reads out a
code; the kiosk sends it to the collector's pairing endpoint (`kiosk pair URL CODE`) and gets
back a token that is its alone, which it keeps as it keeps any token (`sync.token_file`, 0600).
The collector keeps only hashes of both, so a copy of its database opens no kiosk's access.

A code is typed on a touchscreen: ten characters of Crockford's base 32 (digits and capitals
without I, L, O and U, read back leniently: O is 0, I and L are 1, case, spaces and hyphens do
not matter). Its first `SLOT_LENGTH` characters name the code (its slot, not secret: the
collector finds the code by it), the rest are the secret, checked against a salted scrypt
hash. A wrong secret counts against that one code, which stops working after
`MAX_CODE_ATTEMPTS`: guessing a code is bounded per code, whatever the number of guessers.

Nothing here touches a database or a web server: the collector's side of the exchange is
`kiosk.collector.pairing`, what it stores `kiosk.core.records.paired`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from kiosk import __version__
from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.protocol import COLLECTOR_PATH, SyncError, retry_after
from kiosk.core.errors import ExitCode, KioskError

PAIR_PROTOCOL = "kiosk-pair/1"
PAIR_PATH = "/api/pair"  # where `kiosk collect` trades codes, beside COLLECTOR_PATH
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_LENGTH = 10
SLOT_LENGTH = 3  # 32,768 slots for codes waiting at once; 7 secret characters (35 bits)
MAX_CODE_ATTEMPTS = 5  # wrong secrets a code takes before it stops working
CODE_HOURS = 24.0  # how long a code works unless the coordinator says otherwise
MAX_CODE_HOURS = 24.0 * 14  # a code is for pairing now, not a standing password
TOKEN_BYTES = 32  # a kiosk's token: 32 random bytes, 43 characters of base64url
# scrypt's cost for a code's hash: 4 MiB and some ten milliseconds per check, so a copy of the
# database does not give away the codes still waiting (35 bits are few, but 2**35 such checks
# are years of work, and a code works for hours).
_SCRYPT = {"n": 2**12, "r": 8, "p": 1, "dklen": 32, "maxmem": 32 * 1024 * 1024}
KIOSK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", re.ASCII)  # as `kiosk.id`
_LENIENT = str.maketrans({"O": "0", "I": "1", "L": "1"})


class PairingRefusedError(KioskError):
    """The collector refused the pairing code (wrong, expired, used, or tried too often)."""

    exit_code = ExitCode.DATAERR
    kind = "pairing-refused"


class PairingUnavailableError(KioskError):
    """The collector could not be asked now (unreachable, busy, or too many tries)."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "pairing-unavailable"


class KioskEntryError(KioskError):
    """A kiosk name (or a code's lifetime) the collector cannot use."""

    exit_code = ExitCode.DATAERR
    kind = "kiosk-entry"


def check_name(name: str) -> str:
    """`name` if it can name a kiosk (as `kiosk.id` can), else `KioskEntryError` saying why."""
    if not KIOSK_NAME.match(name):
        raise KioskEntryError(
            f"'{name}' cannot name a kiosk: use 1 to 64 letters, digits, dots, hyphens or "
            "underscores, starting with a letter or digit (e.g. bern-1)."
        )
    return name


# -- codes -------------------------------------------------------------------------------------


def new_code() -> str:
    """A fresh random code, in its plain form (see `shown`)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalised(typed: str) -> str:
    """`typed` as a code's plain form: capitals, no spaces or hyphens, O as 0, I and L as 1.
    "" when it cannot be a code at all (wrong length or another character)."""
    plain = re.sub(r"[\s-]", "", typed).upper().translate(_LENIENT)
    if len(plain) != CODE_LENGTH or any(c not in ALPHABET for c in plain):
        return ""
    return plain


def shown(code: str) -> str:
    """How a code is written for people: two groups of five, ABCDE-FGHJK."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def slot(code: str) -> str:
    """The part of plain `code` that names it (not secret)."""
    return code[:SLOT_LENGTH]


def code_hash(code: str) -> str:
    """A salted scrypt hash of plain `code`, to store in its place (with scrypt's costs, so a
    code made before they change still checks)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(code.encode("ascii"), salt=salt, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def code_matches(code: str, stored: str) -> bool:
    """Whether plain `code` is the one `stored` (from `code_hash`) was made of; compared in
    constant time."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        costs = {**_SCRYPT, "n": int(n), "r": int(r), "p": int(p), "dklen": len(expected)}
        if kind != "scrypt" or costs["n"] * costs["r"] > 2**20:  # not ours: 1 GiB or more
            return False
        made = hashlib.scrypt(code.encode("ascii"), salt=bytes.fromhex(salt), **costs)
    except ValueError:
        return False
    return hmac.compare_digest(made, expected)


# -- tokens ------------------------------------------------------------------------------------


def new_token() -> str:
    """A kiosk's own token: `TOKEN_BYTES` random bytes from the system's generator."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the collector keeps of a kiosk's token: its plain SHA-256, in hex.

    Not salted and not slow on purpose: a token is 256 random bits, so no guess or table
    ever finds it from its hash (that is what salt and slowness are for, with passwords and
    codes a person can remember). Being the same for the same token, the hash is what a
    request's token is looked up by, with an index, among thousands of kiosks. The lookup
    compares hashes, not tokens: what its timing could tell is where a hash lies among the
    stored ones, which gives nobody a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# -- the kiosk's side of the exchange ----------------------------------------------------------


@dataclass(frozen=True)
class Paired:
    """What a collector gave a kiosk for its code: the kiosk's name there, its own token, and
    where to deliver."""

    name: str
    token: str
    records_url: str

    def __repr__(self) -> str:  # never a token in a log or a traceback
        return f"Paired(name={self.name!r}, records_url={self.records_url!r})"


def collector_addresses(url: str) -> tuple[str, str]:
    """The pairing and records addresses of the collector at `url`, which may be its bare
    address (http://laptop:8765), its records endpoint (what `kiosk collect` prints) or its
    pairing endpoint."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    for known in (COLLECTOR_PATH, PAIR_PATH):
        path = path.removesuffix(known)
    base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return base + PAIR_PATH, base + COLLECTOR_PATH


def request_token(
    url: str, code: str, kiosk_id: str, *, allow_http: bool, timeout: float = 20.0
) -> Paired:
    """Trade `code` for this kiosk's token at the collector at `url`. Raises
    `PairingRefusedError` (the collector's reason: wrong, expired, used), `PairingUnavailable
    Error` (no answer, busy, too many tries: try later) or `SyncError` (the address)."""
    import httpx

    plain = normalised(code)
    if not plain:
        raise PairingRefusedError(
            f"'{code}' is not a pairing code: it has {CODE_LENGTH} letters and digits, as "
            "`kiosk collect kiosks add` printed it (e.g. 7QF3K-XB29M)."
        )
    pair_url, records_url = collector_addresses(url)
    check_url(pair_url, allow_http=allow_http)
    body = {"protocol": PAIR_PROTOCOL, "code": plain, "kiosk_id": kiosk_id}
    try:
        response = httpx.post(
            pair_url,
            content=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json", "User-Agent": f"kiosk/{__version__}"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        raise PairingUnavailableError(
            f"The collector at {pair_url} cannot be reached ({exc}). Check the address and that "
            "`kiosk collect` runs there, then pair again with the same code."
        ) from exc
    return _answer(response, pair_url, records_url)


def _answer(response, pair_url: str, records_url: str) -> Paired:
    status = response.status_code
    reason = _reason(response)
    if status == 200:
        try:
            answer = response.json()
            name, token = str(answer["kiosk"]), str(answer["token"])
        except (ValueError, KeyError, TypeError) as exc:
            raise PairingUnavailableError(
                f"The answer of {pair_url} could not be read ({exc}): is it a kiosk collector?"
            ) from exc
        if not KIOSK_NAME.match(name) or not token or any(c.isspace() for c in token):
            raise PairingUnavailableError(f"The answer of {pair_url} is not a kiosk's pairing.")
        return Paired(name, token, records_url)
    if status in (400, 403):
        raise PairingRefusedError(f"The collector refused the code: {reason}")
    if status == 429:
        wait = retry_after(response.headers.get("Retry-After"))
        later = f" in {max(1, round((wait or 60) / 60))} minute(s)" if wait is not None else ""
        raise PairingUnavailableError(f"The collector says: {reason} Try again{later}.")
    if status in (404, 405):
        raise SyncError(
            f"{pair_url} answered HTTP {status}: no collector pairs kiosks at this address. "
            "Give the address `kiosk collect` prints (http://HOST:PORT)."
        )
    raise PairingUnavailableError(
        f"The collector at {pair_url} answered HTTP {status}: {reason} Try again later."
    )


def _reason(response) -> str:
    """The collector's own words in an answer that refuses, or the HTTP status's."""
    try:
        text = str(response.json()["error"])
    except (ValueError, KeyError, TypeError):
        text = response.reason_phrase or f"HTTP {response.status_code}"
    return text[:300]
