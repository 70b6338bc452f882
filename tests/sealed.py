"""Sealed mode for the tests, in one place.

A kiosk is in sealed mode when `privacy.public_key` is set. `PUBLIC_KEY` is a real key made by
`kiosk keys new`, for the tests only (its private key opens nothing but test records).
"""

from __future__ import annotations

from pathlib import Path

PUBLIC_KEY = "kioskpk1_Fto5m-zZLAhlIOGX_iTOd_GFojkmVKt_Fq3nSmUJ8EEI_VXt"


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
