"""The webhook target: this project's JSON protocol over HTTPS (docs/sync-protocol.md), also what
the collector speaks."""

from __future__ import annotations

import json

from kiosk import __version__
from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.protocol import (
    ADDRESS_STATUS,
    COLLECTOR_PATH,
    PROTOCOL,
    RETRY_STATUS,
    AuthError,
    BatchRefusedError,
    Outcome,
    RequestRefusedError,
    TransientError,
    retry_after,
)
from kiosk.core.records.outbox import OutboxRecord


def item(record: OutboxRecord) -> dict:
    """One entry of a batch: the record, or its tombstone (the receiver erases its copy)."""
    if record.forgets:
        return {"uuid": record.uuid, "forget": True}
    return {"uuid": record.uuid, "record": record.payload}


def said(response) -> str:
    """The receiver's own reason for refusing a request (a collector says why, e.g. that the
    coordinator revoked this kiosk), as ': reason', or "" when it gave none."""
    try:
        reason = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return ""
    return f": {str(reason)[:300]}" if isinstance(reason, str) and reason else ""


class Webhook:
    """POSTs batches to a receiver that answers for each record (docs/sync-protocol.md)."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        kiosk_id: str,
        timeout: float = 20.0,
        allow_http: bool = False,
        verify: bool | str = True,
    ) -> None:
        import httpx

        self.url = check_url(url, allow_http=allow_http)
        self.description = f"webhook {self.url}"
        self.kiosk_id = kiosk_id
        self._httpx = httpx
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=verify,
            follow_redirects=False,
            headers={
                "Authorization": f"Bearer {token}",
                "User-Agent": f"kiosk/{__version__}",
                "Accept": "application/json",
            },
        )

    def close(self) -> None:
        self.client.close()

    def body(self, records: list[OutboxRecord], waiting: int | None = None) -> bytes:
        message: dict = {"protocol": PROTOCOL, "kiosk_id": self.kiosk_id}
        if waiting is not None:  # for the coordinator's dashboard: records still on the kiosk
            message["waiting"] = waiting
        message["records"] = [item(r) for r in records]
        return json.dumps(
            message,
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")

    def deliver(self, records: list[OutboxRecord], *, waiting: int | None = None) -> Outcome:
        httpx = self._httpx
        try:
            response = self.client.post(
                self.url,
                content=self.body(records, waiting),
                headers={"Content-Type": "application/json"},
            )
        except httpx.TimeoutException as exc:
            raise TransientError(f"the receiver did not answer in time ({exc})") from exc
        except httpx.HTTPError as exc:  # refused, reset, DNS, TLS, broken answer
            raise TransientError(f"no connection to the receiver ({exc})") from exc
        status = response.status_code
        if status in (401, 403):
            raise AuthError(
                f"the receiver refused the access token (HTTP {status}){said(response)}; check "
                "sync.token_file"
            )
        if status in RETRY_STATUS:
            raise TransientError(
                f"the receiver is busy or failing (HTTP {status})",
                retry_after(response.headers.get("Retry-After")),
            )
        if status in ADDRESS_STATUS:
            raise RequestRefusedError(self.wrong_address(status))
        if 400 <= status < 500:
            raise BatchRefusedError(f"HTTP {status}: {response.text[:300]}")
        if status != 200:
            raise TransientError(f"unexpected answer from the receiver (HTTP {status})")
        return self._read_results(response, {r.uuid for r in records})

    def wrong_address(self, status: int) -> str:
        """What a volunteer reads when the receiver says this address takes no records."""
        return (
            f"The receiver answered HTTP {status} at {self.url}: this address takes no records. "
            f"Set sync.url to the address `kiosk collect` prints, ending in {COLLECTOR_PATH} "
            "(or the address your organisation gave for its receiver); every record waits."
        )

    @staticmethod
    def _read_results(response, sent: set[str]) -> Outcome:
        """Per-record results; an answer that cannot be read acknowledges nothing."""
        try:
            results = response.json()["results"]
            outcome = Outcome()
            for item in results:
                uuid, status = str(item["uuid"]), item["status"]
                if uuid not in sent:
                    continue  # an answer for a record we did not send is ignored
                if status in ("stored", "duplicate", "erased"):
                    outcome.acknowledged.add(uuid)
                elif status == "rejected":
                    outcome.refused[uuid] = str(item.get("reason") or "refused by the receiver")
        except (ValueError, KeyError, TypeError) as exc:
            raise TransientError(f"the receiver's answer could not be read ({exc})") from exc
        return outcome
