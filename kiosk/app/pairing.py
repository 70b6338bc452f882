"""Pairing, for the command line and the setup: the coordinator's kiosks on a collector's
database, and a kiosk trading its code for its own token.

On the collector's side (`kiosk collect kiosks add|list|revoke`) each action opens the
collector's database (a SQLite file or a PostgreSQL URL), acts through `kiosk.collector.pairing`
and closes it. On the kiosk's side (`kiosk pair URL CODE`, and `kiosk setup` given a pairing
code) the code goes to the collector, and the token that comes back is written as a token is
(a file only this user reads, `sync.token_file`), then the settings that deliver to that
collector, comments kept, under the same lock as every settings change. Whatever can be checked
is checked before the code is sent: a code works once, and a kiosk that could not keep its
token would need a new one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import files
from kiosk.core.config import Config, parse_settings, update_config
from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.pairing import CODE_HOURS, collector_addresses, request_token
from kiosk.core.delivery.protocol import SyncError
from kiosk.core.errors import OutputError, SettingsWriteError
from kiosk.core.settings_lock import settings_lock
from kiosk.core.setup import TOKEN_FILE

HEADER = (
    "Settings of this kiosk; `kiosk pair` set where it delivers.\n"
    "`kiosk config reference` lists every setting; `kiosk config set KEY VALUE` changes one."
)


# -- the coordinator's side -------------------------------------------------------------------


@contextlib.contextmanager
def _kiosks(database: Path | str) -> Iterator[Any]:
    from kiosk.core.records import collected

    collection = collected.open_collection(database)
    try:
        yield collection.kiosks()
    finally:
        collection.close()


def add_kiosk(database: Path | str, name: str, hours: float = CODE_HOURS) -> Any:
    """Add kiosk `name` to the collector at `database` and make its one-time code (a
    `NewCode`: shown now, never again)."""
    from kiosk.collector.pairing import add_kiosk as add

    with _kiosks(database) as kiosks:
        return add(kiosks, name, hours)


def list_kiosks(database: Path | str) -> list[Any]:
    """Every kiosk added to the collector at `database`, with its state (`KioskState`s)."""
    from kiosk.collector.pairing import kiosk_states

    with _kiosks(database) as kiosks:
        return kiosk_states(kiosks)


def revoke_kiosk(database: Path | str, name: str) -> None:
    """Refuse kiosk `name` at the collector at `database` from now on."""
    from kiosk.collector.pairing import revoke_kiosk as revoke

    with _kiosks(database) as kiosks:
        revoke(kiosks, name)


# -- the kiosk's side -------------------------------------------------------------------------


@dataclass(frozen=True)
class PairedKiosk:
    """What pairing did on this kiosk (never the token)."""

    name: str  # the kiosk's name at the collector
    url: str  # where it delivers now (sync.url)
    token_file: Path
    config_path: Path
    config: Config


def token_file_of(config: Config) -> Path:
    """Where this kiosk keeps its token: the file its settings name, or one beside them."""
    named = config.settings.sync.token_file
    if named:
        return config.resolve(named)
    return config_path_of(config).parent / TOKEN_FILE


def config_path_of(config: Config) -> Path:
    from kiosk.core.paths import default_config_path

    return config.path or default_config_path()


def pair_kiosk(config: Config, url: str, code: str, *, allow_http: bool = False) -> PairedKiosk:
    """Trade `code` at the collector at `url` for this kiosk's token, keep it, and deliver to
    that collector from now on (sync.target, sync.url, sync.token_file; sync.allow_http when
    `allow_http`; kiosk.id when none is set, to the name the coordinator gave)."""
    allow_http = allow_http or config.settings.sync.allow_http
    _, records_url = collector_addresses(url)
    check_url(records_url, allow_http=True)  # a web address at all
    try:
        check_url(records_url, allow_http=allow_http)
    except SyncError:
        raise SyncError(
            f"The collector's address '{url}' is not encrypted: give its https:// address, or "
            "add --allow-http if this is the stand's own, trusted network. The code was not used."
        ) from None
    changes: dict[str, Any] = {
        "sync.target": "webhook",
        "sync.url": records_url,
        "sync.token_file": str(token_file_of(config)),
    }
    if allow_http:
        changes["sync.allow_http"] = True
    return exchange_and_save(config, url, code, changes, header=HEADER)


def exchange_and_save(
    config: Config, url: str, code: str, changes: dict[str, Any], *, header: str
) -> PairedKiosk:
    """Check `changes` to the settings, trade `code` at `url`, then save the token and the
    settings (kiosk.id set to the kiosk's name there when none is set or given). Shared by
    `kiosk pair` and `kiosk setup`."""
    path = config_path_of(config)
    token_file = token_file_of(config)
    allow_http = bool(changes.get("sync.allow_http", config.settings.sync.allow_http))
    check_settings(config, {**changes, "kiosk.id": "checking"}, path)
    for folder in (token_file.parent, path.parent):  # a used code cannot be used again
        _writable(folder)
    own_id = str(changes.get("kiosk.id") or config.settings.kiosk.id)
    paired = request_token(url, code, own_id, allow_http=allow_http)
    changes = {**changes, "sync.url": paired.records_url, "sync.token_file": str(token_file)}
    if not own_id:
        changes["kiosk.id"] = paired.name
    try:
        with settings_lock(path):
            files.make_folder(token_file.parent)
            files.write_atomically(token_file, (paired.token + "\n").encode("utf-8"))
            saved = update_config(path, changes, explain=True, header=header)
    except OSError as exc:
        raise SettingsWriteError(
            path,
            f"{exc.strerror or exc}; the collector paired this kiosk as {paired.name}, so that "
            "code is used: ask the coordinator for a new one once this is fixed",
        ) from exc
    return PairedKiosk(paired.name, paired.records_url, token_file, path, saved)


def check_settings(config: Config, changes: dict[str, Any], path: Path) -> None:
    """`ConfigError` if the settings with `changes` could not be used (nothing written)."""
    raw = config.settings.model_dump()
    for dotted, value in changes.items():
        section, key = dotted.split(".")
        raw[section][key] = value
    parse_settings(raw, str(path))


def _writable(folder: Path) -> None:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"{folder} cannot be written by this user, so the token and settings could not be "
            "kept. Name a writable config file with --config, or run as the kiosk's user; the "
            "code was not used."
        )
