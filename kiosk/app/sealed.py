"""Sealed mode's actions on the organisation's own machine: making its key pair, and opening
sealed records (a kiosk's export or a collector's database) into the usual files."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import OutputError
from kiosk.core.privacy.keys import PublicKey


def new_keys(folder: Path) -> tuple[Path, Path, PublicKey]:
    """Make the organisation's key pair in `folder`: (public key file, private key file 0600,
    the public key). `KeyFileExistsError` when a key is there already (nothing is written)."""
    from kiosk.core.privacy.keys import new_key_pair

    try:
        return new_key_pair(folder)
    except OSError as exc:
        raise OutputError(
            f"The keys cannot be written to {folder}: {exc.strerror}. Name a folder this user "
            "may write to (on the coordinator's machine, never a kiosk)."
        ) from exc
