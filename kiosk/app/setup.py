"""Setting a kiosk up for an event (`kiosk setup`): the questions, then the settings written.

The questions and their checks are the core's (`kiosk.core.setup`); here they are put to the
printers CUPS knows, and the answers saved: the token in a file only the kiosk's user can read,
then the settings, comments kept and each new line explained, under the same lock as every
other settings change.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core import files
from kiosk.core.config import Config, parse_settings, update_config
from kiosk.core.errors import SettingsWriteError
from kiosk.core.printing.cups import PrinterError, list_queues
from kiosk.core.settings_lock import settings_lock
from kiosk.core.setup import Setup

HEADER = (
    "Settings of this kiosk, written by `kiosk setup`; run it again to change the answers.\n"
    "`kiosk config reference` lists every setting; `kiosk config set KEY VALUE` changes one."
)


def start_setup(config: Config) -> Setup:
    """The questions for this kiosk, with the print queues CUPS has (none when it has none or
    cannot be asked: the printer question then says why)."""
    try:
        return Setup(config, list_queues())
    except PrinterError as exc:
        return Setup(config, [], str(exc))


def save_setup(setup: Setup) -> Config:
    """Write the answers: the token first (0600), then the settings that name its file; with a
    pairing code, the token is the one the collector gives for it (`kiosk.app.pairing`).
    `SettingsWriteError` (exit 73) when either cannot be written; a refused value is a
    `ConfigError` (78) and writes no settings."""
    path = setup.config_path()
    token = setup.token()
    changes = setup.changes()
    if setup.pairing_code():  # the collector gives the token for the code
        from kiosk.app.pairing import exchange_and_save

        url = str(changes.get("sync.url") or setup.current("sync.url"))
        return exchange_and_save(
            setup.config, url, setup.pairing_code(), changes, header=HEADER
        ).config
    _check(setup.config, changes, path)  # before the token is written: all or nothing
    try:
        with settings_lock(path):
            if token:
                _save_token(setup.token_file(), token)
            return update_config(path, changes, explain=True, header=HEADER)
    except OSError as exc:
        raise SettingsWriteError(path, exc.strerror or str(exc)) from exc


def _check(config: Config, changes: dict[str, object], path: Path) -> None:
    raw = config.settings.model_dump()
    for dotted, value in changes.items():
        section, key = dotted.split(".")
        raw[section][key] = value
    parse_settings(raw, str(path))


def _save_token(path: Path, token: str) -> None:
    files.make_folder(path.parent)
    files.write_atomically(path, (token + "\n").encode("utf-8"))
