"""Which web addresses may carry signatures: HTTPS, or plain HTTP to this machine only."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from kiosk.core.delivery.protocol import SyncError


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, allow_http: bool) -> str:
    """`url` if it is fit to carry signatures: HTTPS, or HTTP to this machine only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"The sync address '{url}' is not a web address (https://...).")
    if parts.scheme == "http" and not allow_http and not _is_loopback(parts.hostname):
        raise SyncError(
            f"The sync address '{url}' is not encrypted: use https://, or set "
            "sync.allow_http = true if this network is trusted."
        )
    return url
