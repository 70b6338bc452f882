"""The receiver's access token: from the environment, or a file only its owner can read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.core.delivery.protocol import SyncError

TOKEN_ENV = "KIOSK_SYNC_TOKEN"  # noqa: S105 - the name of a variable, not a secret


def read_token(token_file: str | Path | None) -> str:
    """The access token from the environment (KIOSK_SYNC_TOKEN) or a file only its owner reads."""
    from_env = os.environ.get(TOKEN_ENV, "").strip()
    if from_env:
        return from_env
    if not token_file:
        raise SyncError(f"No access token: set sync.token_file or the {TOKEN_ENV} variable.")
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
