"""The Action Network target: one OSDI petition signature per record."""

from __future__ import annotations

import logging

from kiosk import __version__
from kiosk.core.delivery.address import check_url
from kiosk.core.delivery.protocol import (
    ADDRESS_STATUS,
    RETRY_STATUS,
    AuthError,
    Outcome,
    RequestRefusedError,
    TransientError,
    retry_after,
)
from kiosk.core.records.outbox import OutboxRecord

log = logging.getLogger(__name__)


class Osdi:
    """Action Network's OSDI API: each record is one signature on the case's petition, through
    the record signature helper (`POST {url}/petitions/{petition_id}/signatures/`).

    The person is identified by the record's UUID (`identifiers`), dated when they signed
    (`action_date`), tagged with the event, kiosk and case tags, and subscribed to emails only
    when they ticked a box that asked for it; without that, no email address is sent at all.
    """

    def __init__(
        self,
        url: str,
        token: str,
        cases,  # CaseLibrary: each case's petition id and tags
        *,
        timeout: float = 20.0,
        allow_http: bool = False,
    ) -> None:
        import httpx

        self.base = check_url(url, allow_http=allow_http).rstrip("/")
        self.description = f"Action Network {self.base}"
        self.cases = {case.id: case for case in cases}
        self._httpx = httpx
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={
                "OSDI-API-Token": token,
                "Content-Type": "application/json",
                "User-Agent": f"kiosk/{__version__}",
            },
        )

    def close(self) -> None:
        self.client.close()

    def body(self, record: dict, case) -> dict:
        email_ok = any(
            c["given"] and any(k.id == c["id"] and k.requires_email for k in case.consents)
            for c in record["consents"]
        )
        person: dict = {
            "given_name": record["given_name"],
            "family_name": record["family_name"],
            "postal_addresses": [
                {
                    "postal_code": record["postal_code"],
                    "locality": record["town"],
                    "country": record["country"],
                }
            ],
        }
        if record["email"] and email_ok:
            person["email_addresses"] = [{"address": record["email"], "status": "subscribed"}]
        tags = [f"event:{record['event_id']}", f"kiosk:{record['kiosk_id']}", *case.tags]
        return {
            "identifiers": [f"kiosk:{record['uuid']}"],
            "action_date": record["signed_at"],
            "person": person,
            "add_tags": list(dict.fromkeys(tags)),
        }

    def deliver(self, records: list[OutboxRecord], *, waiting: int | None = None) -> Outcome:
        httpx = self._httpx
        outcome = Outcome()
        for record in records:
            if record.forgets:
                # OSDI has no way to delete a person: the erasure is done by hand in Action
                # Network (README, "Retention and erasure"); `kiosk forget` says so.
                log.warning(
                    "record %s forgotten: delete kiosk:%s in Action Network by hand",
                    record.uuid,
                    record.uuid,
                )
                outcome.acknowledged.add(record.uuid)
                continue
            payload = record.payload
            if payload.get("sealed"):  # recorded while privacy.public_key was set
                outcome.refused[record.uuid] = (
                    "a sealed record (privacy.public_key): Action Network needs the names. "
                    "Deliver it to a collector, open it there with `kiosk decrypt` and import "
                    "the result"
                )
                continue
            case = self.cases.get(payload.get("case_id"))
            if case is None or not case.petition_id:
                outcome.refused[record.uuid] = (
                    f"the case '{payload.get('case_id')}' has no petition_id for Action Network"
                )
                continue
            url = f"{self.base}/petitions/{case.petition_id}/signatures/"
            try:
                response = self.client.post(url, json=self.body(payload, case))
            except httpx.HTTPError as exc:
                if outcome.acknowledged or outcome.refused:
                    return outcome  # the rest is tried again later
                raise TransientError(f"no answer from Action Network ({exc})") from exc
            status = response.status_code
            if status in (401, 403):
                raise AuthError(f"Action Network refused the API key (HTTP {status})")
            if status in RETRY_STATUS:
                if outcome.acknowledged or outcome.refused:
                    return outcome
                raise TransientError(
                    f"Action Network is busy or failing (HTTP {status})",
                    retry_after(response.headers.get("Retry-After")),
                )
            if status in ADDRESS_STATUS:  # a wrong sync.url or petition id: no record is at fault
                if outcome.acknowledged or outcome.refused:
                    return outcome  # what was answered counts; the next round stops here
                raise RequestRefusedError(
                    f"Action Network answered HTTP {status} at {url}: no petition there. Check "
                    "sync.url (e.g. https://actionnetwork.org/api/v2) and the case's "
                    "[sync] petition_id; every record waits."
                )
            if status in (200, 201):
                outcome.acknowledged.add(record.uuid)
            else:
                outcome.refused[record.uuid] = f"HTTP {status}: {response.text[:300]}"
        return outcome
