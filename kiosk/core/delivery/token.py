"""The receiver's access token: from the environment, or a file only its owner can read.

A kiosk sends whatever token its receiver gave it; the stand's own collector is stricter, as it
is the one that must not be guessed: it needs a long random token, and makes one on request.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from kiosk.core.delivery.protocol import SyncError
from kiosk.core.errors import OutputError

TOKEN_ENV = "KIOSK_SYNC_TOKEN"  # noqa: S105 - the name of a variable, not a secret
# A stand's collector forwarding upstream sends the central collector's token, not the one its
# own kiosks send it (which KIOSK_SYNC_TOKEN may hold in the same environment).
UPSTREAM_TOKEN_ENV = "KIOSK_UPSTREAM_TOKEN"  # noqa: S105 - the name of a variable, not a secret
# A collector's token is all that keeps strangers on the stand's network from adding or probing
# records: at least 32 characters, as many as `secrets.token_urlsafe(32)` gives 43 of.
MIN_COLLECTOR_TOKEN = 32


def read_token(
    token_file: str | Path | None, *, env: str = TOKEN_ENV, setting: str = "sync.token_file"
) -> str:
    """The access token from the environment (`env`) or a file only its owner reads; a
    missing one is reported naming `setting`, the key that gives the file."""
    from_env = os.environ.get(env, "").strip()
    if from_env:
        return from_env
    if not token_file:
        raise SyncError(f"No access token: set {setting} or the {env} variable.")
    path = Path(token_file)
    try:
        mode = path.stat().st_mode
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SyncError(f"The token file {path} cannot be read: {exc.strerror}.") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SyncError(
            f"The token file {path} can be read by others: chmod 600 {path} (and make a new "
            "token if others may have seen it)."
        )
    if not token:
        raise SyncError(f"The token file {path} is empty.")
    return token


def read_collector_token(token_file: str | Path | None) -> str:
    """The token a collector accepts: as `read_token`, and refused when it is short enough to
    guess, naming where it came from and how to make a good one."""
    token = read_token(token_file)
    if len(token) < MIN_COLLECTOR_TOKEN:
        where = (
            f"the {TOKEN_ENV} variable"
            if os.environ.get(TOKEN_ENV, "").strip()
            else f"the token file {token_file}"
        )
        raise SyncError(
            f"The token in {where} has {len(token)} characters; a collector needs at least "
            f"{MIN_COLLECTOR_TOKEN}, so that nobody can guess it. Make one with "
            "`kiosk collect --new-token token.txt` and give that file to the kiosks."
        )
    return token


def write_new_token(path: str | Path) -> str:
    """Write a fresh random token to `path` (mode 0600, a new file only) and return it."""
    path = Path(path)
    try:
        # O_EXCL: never replace a token that kiosks may already use.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OutputError(
            f"{path} exists already; a token there may be in use by the kiosks. Choose another "
            "file name, or delete this one first if no kiosk uses it."
        ) from None
    except OSError as exc:
        raise OutputError(f"{path} cannot be written: {exc.strerror}.") from exc
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(token + "\n")
        file.flush()
        os.fsync(file.fileno())
    return token
