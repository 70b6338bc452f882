"""Passwords kept only as a hash: the coordinators' password of a collector's dashboard.

scrypt (hashlib, RFC 7914): deliberately costly in time and memory, so a copy of the database
does not give the password back by guessing at a graphics card's speed. The hash keeps its own
parameters and salt ('scrypt$n$r$p$salt$hash', base64), so the cost can be raised later and
older hashes still check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from kiosk.core.errors import WeakPasswordError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # a pasted password, not a file: scrypt reads all of it
# 2**15 x 8 x 128 bytes = 32 MiB and about a tenth of a second per check on a laptop.
COST, BLOCK, PARALLEL = 2**15, 8, 1
_MAX_MEMORY = 256 * 1024 * 1024  # hashlib's default (32 MiB) is just below what COST needs


def check_new(password: str) -> None:
    """Refuse a password that is too short to resist guessing (or absurdly long)."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(
            f"The password has {len(password)} characters; give at least {MIN_LENGTH} "
            "(a few words are easier to type on a phone and harder to guess)."
        )
    if len(password) > MAX_LENGTH:
        raise WeakPasswordError(f"The password is longer than {MAX_LENGTH} characters.")


def hash_password(password: str) -> str:
    """A new hash of `password`, with a random salt and the current cost."""
    check_new(password)
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, COST, BLOCK, PARALLEL)
    return "$".join(("scrypt", str(COST), str(BLOCK), str(PARALLEL), _b64(salt), _b64(digest)))


def matches(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` was made from (compared in constant time). A
    stored value that is no hash of ours matches nothing."""
    try:
        scheme, cost, block, parallel, salt, digest = stored.split("$")
        if scheme != "scrypt" or len(password) > MAX_LENGTH:
            return False
        given = _scrypt(password, _unb64(salt), int(cost), int(block), int(parallel))
    except ValueError:
        return False
    return hmac.compare_digest(given, _unb64(digest))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
