"""Sealed mode for the tests, in one place.

A kiosk is in sealed mode when `privacy.public_key` is set. Until the sealing itself is merged,
any text will do; the lead switches `PUBLIC_KEY` to a real key made by `kiosk keys new` at merge,
and every sealed test follows.
"""

from __future__ import annotations

from pathlib import Path

PUBLIC_KEY = "kiosk-test-public-key"


def sealed_settings(printer: str, mode: str = "immediate", extra: str = "") -> str:
    """The TOML of a sealed kiosk printing to the CUPS queue `printer`."""
    return (
        f'[privacy]\npublic_key = "{PUBLIC_KEY}"\n\n'
        f'[printing]\nmode = "{mode}"\nprinter = "{printer}"\n' + extra
    )


def sealed_config(folder: Path, printer: str, mode: str = "immediate", extra: str = "") -> Path:
    """A config file in `folder` for a sealed kiosk printing to `printer`."""
    path = folder / "config.toml"
    path.write_text('[event]\nname = "Briefmarathon"\n\n' + sealed_settings(printer, mode, extra))
    return path
