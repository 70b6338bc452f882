"""The one place a delivery target is built from the settings: `kiosk sync`, the kiosk's
background delivery and `kiosk doctor` all call `target_for`, so they agree on what is wrong."""

from __future__ import annotations

from kiosk.core.config import Config
from kiosk.core.delivery.folder import Folder
from kiosk.core.delivery.osdi import Osdi
from kiosk.core.delivery.protocol import NoSyncTargetError, SyncError, Target
from kiosk.core.delivery.token import read_token
from kiosk.core.delivery.webhook import Webhook


def target_for(config: Config, kiosk_id: str) -> Target | None:
    """The target the configuration names, or None when signatures stay on the kiosk."""
    settings = config.settings.sync
    if settings.target == "none":
        return None
    if settings.target == "folder":
        return Folder(config.resolve(settings.folder), kiosk_id=kiosk_id)
    if settings.target == "webhook":
        token_file = config.resolve(settings.token_file) if settings.token_file else None
        return Webhook(
            settings.url,
            read_token(token_file),
            kiosk_id=kiosk_id,
            timeout=settings.timeout,
            allow_http=settings.allow_http,
        )
    if settings.target == "osdi":
        from kiosk.core.cases import load_cases

        token_file = config.resolve(settings.token_file) if settings.token_file else None
        return Osdi(
            settings.url,
            read_token(token_file),
            load_cases(config.cases_folder),
            timeout=settings.timeout,
            allow_http=settings.allow_http,
        )
    raise SyncError(f"Unknown sync target '{settings.target}'.")


def require_target(config: Config, kiosk_id: str) -> Target:
    """The configured target, for a command that must deliver: `SyncError` when there is none."""
    target = target_for(config, kiosk_id)
    if target is None:
        raise NoSyncTargetError(
            'No sync target is configured (sync.target = "none"): signatures stay on this '
            "kiosk until exported. Set sync.target (see `kiosk config reference`)."
        )
    return target
