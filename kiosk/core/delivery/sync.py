"""Delivering recorded signatures to the organisation, each exactly once, whatever the network does.

The engine takes due records from the outbox in batches and hands them to a target. A record is
marked delivered only when the target acknowledged that record; anything else leaves it pending
with a next attempt time (exponential back-off with full jitter, or the receiver's Retry-After),
so a crash, a timeout after the receiver committed, or a dropped connection only ever leads to a
record being sent again, which the receiver recognises by its UUID. Records the receiver refuses
for good are quarantined one by one with the reason; an authentication problem stops delivery
and says so.

Targets: `webhook` (this project's JSON protocol, see docs/sync-protocol.md; also what the
collector speaks) and `folder` (JSON Lines files written atomically, e.g. to a USB stick).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import random
import stat
import time
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from kiosk import __version__
from kiosk.core import files
from kiosk.core.cases import load_cases
from kiosk.core.config import Config
from kiosk.core.errors import KioskError
from kiosk.core.records.outbox import Outbox, OutboxRecord
from kiosk.core.records.store import Store
from kiosk.core.signatures import format_utc
from kiosk.core.worker import Worker

log = logging.getLogger(__name__)

PROTOCOL = "kiosk-sync/1"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
FIRST_DELAY = 5.0  # seconds: the back-off's first step
LONGEST_DELAY = 15 * 60.0  # and its ceiling
TOKEN_ENV = "KIOSK_SYNC_TOKEN"  # noqa: S105 - the name of a variable, not a secret


class SyncError(KioskError):
    """Delivery cannot be set up (bad address, missing token): the message says what to fix."""

    exit_code = 78


class TransientError(Exception):
    """The receiver cannot take records now; try again later (after `retry_after` if given)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(Exception):
    """The receiver refused our credentials (401/403): no retry helps until a person fixes it."""


class BatchRefusedError(Exception):
    """The receiver refused the request as a whole (a 4xx other than 401/403/429)."""


@dataclass
class Outcome:
    """What a target said about one batch: acknowledged UUIDs and refused ones with reasons.
    A UUID in neither was not answered for and stays pending."""

    acknowledged: set[str] = field(default_factory=set)
    refused: dict[str, str] = field(default_factory=dict)


class Target(Protocol):
    description: str

    def deliver(self, records: list[OutboxRecord]) -> Outcome: ...


# -- the webhook -----------------------------------------------------------------------------


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


def read_token(token_file: str | Path | None) -> str:
    """The access token from the environment (KIOSK_SYNC_TOKEN) or a file only its owner reads."""
    from_env = os.environ.get(TOKEN_ENV, "").strip()
    if from_env:
        return from_env
    if not token_file:
        raise SyncError(f"No access token: set sync.token_file or the {TOKEN_ENV} variable.")
    path = Path(token_file)
    try:
        mode = path.stat().st_mode
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SyncError(f"The token file {path} cannot be read: {exc.strerror}.") from exc
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SyncError(
            f"The token file {path} can be read by others: chmod 600 {path} (and make a new "
            "token if others may have seen it)."
        )
    if not token:
        raise SyncError(f"The token file {path} is empty.")
    return token


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
        return max(0.0, (moment - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


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
        self.url = check_url(url, allow_http=allow_http)
        self.description = f"webhook {self.url}"
        self.kiosk_id = kiosk_id
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

    def body(self, records: list[OutboxRecord]) -> bytes:
        return json.dumps(
            {
                "protocol": PROTOCOL,
                "kiosk_id": self.kiosk_id,
                "records": [{"uuid": r.uuid, "record": r.payload} for r in records],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")

    def deliver(self, records: list[OutboxRecord]) -> Outcome:
        try:
            response = self.client.post(
                self.url, content=self.body(records), headers={"Content-Type": "application/json"}
            )
        except httpx.TimeoutException as exc:
            raise TransientError(f"the receiver did not answer in time ({exc})") from exc
        except httpx.HTTPError as exc:  # refused, reset, DNS, TLS, broken answer
            raise TransientError(f"no connection to the receiver ({exc})") from exc
        status = response.status_code
        if status in (401, 403):
            raise AuthError(
                f"the receiver refused the access token (HTTP {status}); check sync.token_file"
            )
        if status in RETRY_STATUS:
            raise TransientError(
                f"the receiver is busy or failing (HTTP {status})",
                _retry_after(response.headers.get("Retry-After")),
            )
        if 400 <= status < 500:
            raise BatchRefusedError(f"HTTP {status}: {response.text[:300]}")
        if status != 200:
            raise TransientError(f"unexpected answer from the receiver (HTTP {status})")
        return self._read_results(response, {r.uuid for r in records})

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
                if status in ("stored", "duplicate"):
                    outcome.acknowledged.add(uuid)
                elif status == "rejected":
                    outcome.refused[uuid] = str(item.get("reason") or "refused by the receiver")
        except (ValueError, KeyError, TypeError) as exc:
            raise TransientError(f"the receiver's answer could not be read ({exc})") from exc
        return outcome


# -- a folder --------------------------------------------------------------------------------


class Folder:
    """JSON Lines files, one per batch, written whole or not at all (temporary file, fsync,
    rename), so a pulled USB stick never holds half a file that looks complete."""

    def __init__(self, folder: str | Path, *, kiosk_id: str) -> None:
        self.folder = Path(folder)
        self.kiosk_id = kiosk_id
        self.description = f"folder {self.folder}"

    def deliver(self, records: list[OutboxRecord]) -> Outcome:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"signatures-{self.kiosk_id}-{stamp}-{uuid_module.uuid4().hex[:8]}.jsonl"
        target = self.folder / name
        lines = "".join(
            json.dumps({"uuid": r.uuid, "record": r.payload}, ensure_ascii=False) + "\n"
            for r in records
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            files.write_atomically(target, lines.encode("utf-8"))
        except OSError as exc:
            raise TransientError(f"cannot write to {self.folder}: {exc.strerror}") from exc
        return Outcome(acknowledged={r.uuid for r in records})

    def close(self) -> None:
        pass


# -- Action Network (OSDI) ---------------------------------------------------------------------


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
        self.base = check_url(url, allow_http=allow_http).rstrip("/")
        self.description = f"Action Network {self.base}"
        self.cases = {case.id: case for case in cases}
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

    def deliver(self, records: list[OutboxRecord]) -> Outcome:
        outcome = Outcome()
        for record in records:
            payload = record.payload
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
                    _retry_after(response.headers.get("Retry-After")),
                )
            if status in (200, 201):
                outcome.acknowledged.add(record.uuid)
            else:
                outcome.refused[record.uuid] = f"HTTP {status}: {response.text[:300]}"
        return outcome


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
        token_file = config.resolve(settings.token_file) if settings.token_file else None
        return Osdi(
            settings.url,
            read_token(token_file),
            load_cases(config.cases_folder),
            timeout=settings.timeout,
            allow_http=settings.allow_http,
        )
    raise SyncError(f"Unknown sync target '{settings.target}'.")


# -- the engine ------------------------------------------------------------------------------


@dataclass
class Report:
    """What one round of delivery did."""

    sent: int = 0
    delivered: int = 0
    quarantined: int = 0
    retry: int = 0
    error: str | None = None
    auth_problem: bool = False

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.delivered += other.delivered
        self.quarantined += other.quarantined
        self.retry += other.retry
        self.error = other.error or self.error
        self.auth_problem = self.auth_problem or other.auth_problem


def backoff(attempts: int, rng: random.Random) -> float:
    """Seconds to wait after `attempts` failed tries: full jitter over a doubling ceiling."""
    ceiling = min(LONGEST_DELAY, FIRST_DELAY * 2 ** min(attempts, 20))
    return rng.uniform(FIRST_DELAY / 2, ceiling)


class SyncEngine:
    """Delivers one store's outbox to one target."""

    def __init__(
        self,
        store: Store,
        target: Target,
        *,
        batch_size: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.outbox = Outbox(store)
        self.target = target
        self.batch_size = batch_size
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not secrets

    def run_once(self, *, force: bool = False) -> Report:
        """Deliver every due record (all pending ones if `force`, as "sync now" does)."""
        report = Report()
        now = format_utc(self.clock())
        self.outbox.note(last_attempt=now)
        last: OutboxRecord | None = None
        while True:
            due_by = None if force else format_utc(self.clock())
            batch = self.outbox.due(self.batch_size, due_by, after=last)
            if not batch:
                break
            last = batch[-1]
            result = self._deliver(batch)
            report.add(result)
            if result.error:
                break  # the receiver is unwell: leave the rest for the next round
        if report.error:
            self.outbox.note(last_error=f"{format_utc(self.clock())}: {report.error}")
        elif report.sent:
            self.outbox.note(last_success=format_utc(self.clock()), last_error=None)
        return report

    def _deliver(self, batch: list[OutboxRecord]) -> Report:
        report = Report(sent=len(batch))
        try:
            outcome = self.target.deliver(batch)
        except AuthError as exc:
            report.error, report.auth_problem = str(exc), True
            self._later(batch, str(exc), LONGEST_DELAY)
            report.retry += len(batch)
            return report
        except TransientError as exc:
            report.error = str(exc)
            self._later(batch, str(exc), exc.retry_after)
            report.retry += len(batch)
            return report
        except BatchRefusedError as exc:
            if len(batch) > 1:  # find the record it is about: one at a time
                report.sent = 0
                for record in batch:
                    single = self._deliver([record])
                    report.add(single)
                    if single.error and not single.quarantined:
                        break
                return report
            outcome = Outcome(refused={batch[0].uuid: str(exc)})
        self.outbox.delivered(outcome.acknowledged)
        report.delivered += len(outcome.acknowledged)
        for uuid, reason in outcome.refused.items():
            self.outbox.quarantine(uuid, reason)
            log.warning("record %s quarantined: %s", uuid, reason)
        report.quarantined += len(outcome.refused)
        unanswered = [r for r in batch if r.uuid not in outcome.acknowledged | set(outcome.refused)]
        if unanswered:
            self._later(unanswered, "the receiver did not answer for this record", None)
            report.retry += len(unanswered)
        return report

    def _later(self, records: list[OutboxRecord], error: str, delay: float | None) -> None:
        by_attempts: dict[int, list[str]] = {}
        for record in records:
            by_attempts.setdefault(record.attempts, []).append(record.uuid)
        for attempts, uuids in by_attempts.items():
            wait = delay if delay is not None else backoff(attempts, self.rng)
            when = format_utc(self.clock() + timedelta(seconds=wait))
            self.outbox.retry_later(uuids, error, when)

    def deliver_all(self, max_time: float, pause: float = 1.0) -> Report:
        """`kiosk sync --once`: try now, retry transient failures briefly, for at most
        `max_time` seconds; stops early on an authentication problem."""
        deadline = time.monotonic() + max_time
        report = self.run_once(force=True)
        attempt = 0
        while self.outbox.status().pending and not report.auth_problem:
            wait = min(pause * 2**attempt, 10.0)
            if time.monotonic() + wait >= deadline:
                break
            time.sleep(wait)
            attempt += 1
            report.add(self.run_once(force=True))
        return report


class SyncWorker(Worker):
    """Delivers in a background thread, so signing never waits on the network.

    It tries at start, whenever woken (after each signature, when the network comes back, on
    "sync now" with `force`), and every `interval` seconds. The target is made on the first
    round, so a missing token becomes a reported problem, not a crash.
    """

    name = "sync-worker"

    def __init__(
        self,
        make_engine: Callable[[], SyncEngine],
        *,
        interval: float = 60.0,
        on_report: Callable[[Report], None] | None = None,
    ) -> None:
        super().__init__(interval)
        self.make_engine = make_engine
        self.on_report = on_report
        self.last: Report | None = None
        self._engine: SyncEngine | None = None

    def wake(self, *, force: bool = False, urgent: bool = False) -> None:
        super().wake(urgent=force or urgent)

    def round(self, urgent: bool) -> float:
        try:
            if self._engine is None:
                self._engine = self.make_engine()
            report = self._engine.run_once(force=urgent)
        except KioskError as exc:
            report = Report(error=str(exc))
        self.last = report
        if self.on_report is not None:
            self.on_report(report)
        return self.interval

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)
        close = getattr(getattr(self._engine, "target", None), "close", None)
        if close is not None:
            close()
