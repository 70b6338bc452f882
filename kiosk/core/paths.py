"""Where the kiosk keeps its files by default: the user's data and config folders (platformdirs),
and the cases bundled with the kiosk."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "kiosk"
CONFIG_FILE = "config.toml"
DATABASE_FILE = "signatures.db"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_config_path() -> Path:
    return config_dir() / CONFIG_FILE


def bundled_cases() -> Path:
    """The `cases/` folder shipped with the kiosk (beside the package in a source checkout)."""
    return Path(__file__).resolve().parents[2] / "cases"
