"""Which web addresses may carry signatures: HTTPS, or plain HTTP to this machine only."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from kiosk.core.delivery.protocol import SyncError


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(
    url: str, *, allow_http: bool, setting: str = "sync.url", allow_setting: str = "sync.allow_http"
) -> str:
    """`url` if it is fit to carry signatures: HTTPS, or HTTP to this machine only. A refusal
    names the settings to change (a stand's collector has its own, for its upstream)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"The address '{url}' in {setting} is not a web address (https://...).")
    if parts.scheme == "http" and not allow_http and not _is_loopback(parts.hostname):
        raise SyncError(
            f"The address '{url}' in {setting} is not encrypted: use https://, or set "
            f"{allow_setting} = true if this network is trusted."
        )
    return url


WILDCARDS = ("0.0.0.0", "::", "")  # noqa: S104 - names of "every address", compared only


def collector_urls(host: str, port: int, path: str) -> list[tuple[str, str]]:
    """The `sync.url`s to give the kiosks for a collector listening on `host`:`port`, each with
    the network interface it belongs to.

    A collector listening on every address (0.0.0.0, or :: for IPv6 too) is reached through this
    machine's addresses on the stand's network, never through 0.0.0.0: each non-loopback address
    is listed (link-local IPv6 ones need a zone a kiosk cannot give, so they are left out). An
    empty list means the machine has no such address: no kiosk can reach it.
    """
    if host not in WILDCARDS:
        return [(_url(host, port, path), "")]
    import psutil  # only `kiosk collect` on every address needs the interfaces

    families = {socket.AF_INET} if host == "0.0.0.0" else {socket.AF_INET, socket.AF_INET6}  # noqa: S104
    found = []
    for interface, addresses in psutil.net_if_addrs().items():
        for address in addresses:
            if address.family not in families:
                continue
            ip = ipaddress.ip_address(address.address.split("%")[0])
            if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
                continue
            found.append((_url(str(ip), port, path), interface))
    return found


def _url(host: str, port: int, path: str) -> str:
    bare = host.strip("[]")
    shown = f"[{bare}]" if ":" in bare else bare
    return f"http://{shown}:{port}{path}"
