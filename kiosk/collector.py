"""The collector: a coordinator's laptop (or a kiosk) receives the signatures of a stand's kiosks.

`kiosk collect` serves this ASGI app (Starlette on uvicorn) on the address given. Kiosks deliver
to it with the webhook target (docs/sync-protocol.md). It checks the bearer token, checks every
record, and stores it in a database with the kiosk's own schema, deduplicated by record UUID: a
record sent again is acknowledged again ("duplicate"), a different record under a known UUID is
refused ("rejected") and nothing is overwritten. `kiosk export --database FILE` works on that
database unchanged, and the collector can itself deliver onwards with `kiosk sync`.

`/` is a status page for the coordinator: records per kiosk and per case and when each kiosk last
reported, refreshing by itself; counts only, never a name.

A body must come with its length, within `body_timeout` seconds and in pieces of a sensible
size: a client trickling a body byte by byte gets 408 or 400 instead of costing the stand's
laptop seconds of CPU. How the server itself bounds slow and idle connections is
`kiosk.collector_server`'s business.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import logging
import uuid as uuid_module
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.core.delivery.protocol import PROTOCOL, SyncError
from kiosk.core.delivery.token import MIN_COLLECTOR_TOKEN
from kiosk.core.records import collected
from kiosk.core.records.received import RecordRefusedError, received_signature
from kiosk.core.records.store import Store
from kiosk.core.signatures import Signature

log = logging.getLogger(__name__)

MAX_BODY = 8 * 1024 * 1024  # bytes: far more than 1,000 records
MAX_RECORDS = 1000
# A message is 6 levels deep (message, records, item, record, consents, consent); anything far
# deeper is not a kiosk's, and could exhaust the parser's recursion.
MAX_DEPTH = 16
# A body may come in as many small pieces as a slow network makes, but not byte by byte: after
# its first thousand pieces, they must average this many bytes each.
FREE_PIECES = 1000
MIN_PIECE_BYTES = 256
BODY_TIMEOUT = 60.0  # seconds, unless `create_app` is told otherwise
# Bytes of request bodies read and checked at once. A body costs about three times its size
# while it is parsed and checked; twenty kiosks posting large batches together wait their turn
# rather than take the laptop's memory (a usual batch of 100 records, some 100 KB, never waits).
BODY_BUDGET = 2 * MAX_BODY


class RequestRefusedError(Exception):
    """The request as a whole cannot be taken: its HTTP status and why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Collector:
    """The receiving end: checks and stores batches (called on a worker thread)."""

    def __init__(self, records: collected.Collection | Store, token: str) -> None:
        if len(token) < MIN_COLLECTOR_TOKEN:  # `read_collector_token` said so already, by name
            raise SyncError(f"a collector's token needs at least {MIN_COLLECTOR_TOKEN} characters")
        if isinstance(records, Store):
            records = collected.StandCollection(records)
        self.records = records
        self.token = token

    def authorised(self, header: str | None) -> bool:
        scheme, _, given = (header or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), self.token.encode()
        )

    def receive(self, body: bytes | bytearray) -> tuple[int, dict[str, Any]]:
        try:
            message = json.loads(body)
            if depth(message) > MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            records = message["records"]
            kiosk_id = str(message.get("kiosk_id") or "")[:100]
            if message.get("protocol") != PROTOCOL or not isinstance(records, list):
                raise ValueError("not a kiosk-sync/1 message")
        except RecursionError:
            return 400, {"error": "the request is not a batch of records (nested too deeply)"}
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            return 400, {"error": f"the request is not a batch of records ({exc})"}
        if len(records) > MAX_RECORDS:
            return 413, {"error": f"at most {MAX_RECORDS} records per request"}
        results = self._each(records)
        if kiosk_id:
            self.records.note_contact(kiosk_id)
        stored = sum(1 for r in results if r["status"] == "stored")
        log.info("batch from %s: %d records, %d new", kiosk_id or "?", len(results), stored)
        return 200, {"results": results}

    def _each(self, items: list[Any]) -> list[dict[str, str]]:
        """The answer for each item, in order. Checked records are kept together (one
        transaction for a run of them on PostgreSQL), up to each tombstone, which is applied
        in its place: a batch that sends a record and then forgets it ends with it erased."""
        results: list[dict[str, str]] = []
        waiting: list[tuple[int, Signature, dict[str, Any]]] = []
        for item in items:
            uuid = str(item.get("uuid", ""))[:64] if isinstance(item, dict) else ""
            if isinstance(item, dict) and item.get("forget") is True:
                self._keep(waiting, results)
                results.append(self._forget(uuid))
                continue
            checked = self._check(item, uuid)
            if isinstance(checked, Signature):
                waiting.append((len(results), checked, item["record"]))
                results.append({"uuid": uuid, "status": "waiting"})
            else:
                results.append(checked)
        self._keep(waiting, results)
        return results

    def _check(self, item: Any, uuid: str) -> Signature | dict[str, str]:
        """The signature in `item`, or the answer that refuses it."""
        if not isinstance(item, dict) or "record" not in item:
            return {"uuid": uuid, "status": "rejected", "reason": "no record"}
        try:
            signature = received_signature(item["record"])
        except RecordRefusedError as refused:
            return {"uuid": uuid, "status": "rejected", "reason": str(refused)}
        if signature.uuid != uuid:
            return {"uuid": uuid, "status": "rejected", "reason": "the uuid does not match"}
        return signature

    def _keep(
        self, waiting: list[tuple[int, Signature, dict[str, Any]]], results: list[dict[str, str]]
    ) -> None:
        """Store the checked records `waiting` and put each one's answer in its place."""
        if not waiting:
            return
        outcomes = self.records.keep_all(
            [(signature, payload) for _, signature, payload in waiting]
        )
        for (place, signature, _), outcome in zip(waiting, outcomes, strict=True):
            if outcome == collected.CONFLICT:
                results[place] = {
                    "uuid": signature.uuid,
                    "status": "rejected",
                    "reason": "conflict: a different record was already received under this "
                    "uuid; the one received first is kept",
                }
            else:  # a late copy of a forgotten record is a duplicate too: acknowledged, dropped
                results[place] = {"uuid": signature.uuid, "status": outcome}
        waiting.clear()

    def _forget(self, uuid: str) -> dict[str, str]:
        """A tombstone: the signer asked to be forgotten. Their record is erased here (and its
        onward delivery becomes a tombstone too); an unknown UUID is remembered, so its record
        is not stored if it arrives later. Answered `erased` every time it comes."""
        try:
            uuid = str(uuid_module.UUID(uuid))
        except ValueError:
            return {"uuid": uuid, "status": "rejected", "reason": "uuid: not a record id"}
        self.records.forget([uuid])
        return {"uuid": uuid, "status": "erased"}

    def status(self) -> collected.Stand:
        return self.records.stand()


def depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON `value` (a scalar is 0), without
    recursion: a hostile body cannot make this walk overflow the stack."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level + 1)
            if deepest > MAX_DEPTH:
                return deepest  # deep enough to refuse: no need to walk the rest
            stack.extend((child, level + 1) for child in item)
    return deepest


def declared_length(request: Request) -> int:
    """The length the request says its body has, or RequestRefusedError: it must say one (no
    chunked bodies, which cost a parser step per chunk) and stay under MAX_BODY."""
    size = request.headers.get("content-length")
    if size is None or not size.isdigit():
        raise RequestRefusedError(411, "send the body with a Content-Length header")
    if int(size) > MAX_BODY:
        raise RequestRefusedError(413, "request too large")
    return int(size)


async def read_body(request: Request, timeout: float) -> bytearray:
    """The request's body, read within `timeout` seconds, or RequestRefusedError saying why not.

    Its pieces are gathered in a bytearray (adding to bytes would copy the whole body again for
    every piece), and a body that comes byte by byte is refused after its first thousand pieces.
    """
    body = bytearray()
    pieces = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                body += chunk
                pieces += 1
                if len(body) > MAX_BODY:
                    raise RequestRefusedError(413, "request too large")
                if pieces > FREE_PIECES + len(body) // MIN_PIECE_BYTES:
                    raise RequestRefusedError(400, "the body came in too many tiny pieces")
    except TimeoutError:
        raise RequestRefusedError(408, f"the body was not complete within {timeout:g} s") from None
    return body


class BodyBudget:
    """The bytes of request bodies in memory at once: a request waits until its declared
    length fits in what is left of `total`."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.used = 0
        self.changed = asyncio.Condition()

    @contextlib.asynccontextmanager
    async def reserve(self, size: int) -> AsyncIterator[None]:
        async with self.changed:
            await self.changed.wait_for(lambda: self.used + size <= self.total)
            self.used += size
        try:
            yield
        finally:
            async with self.changed:
                self.used -= size
                self.changed.notify_all()


def refusal(status: int, reason: str) -> Response:
    """An answer to the whole request, closing the connection (its body may be unread)."""
    return JSONResponse({"error": reason}, status_code=status, headers={"Connection": "close"})


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Collector: {total} signatures</title>
<style>
body {{ font: 18px/1.4 system-ui, sans-serif; margin: 2em; color: #1a1a1a; background: #fbf8f1 }}
h1 {{ font-size: 1.6em }} table {{ border-collapse: collapse; margin-bottom: 2em }}
th, td {{ padding: .4em 1em; border-bottom: 1px solid #ccc; text-align: left }}
td.n {{ text-align: right }} .quiet {{ color: #555 }}
</style></head><body>
<h1>{total} signatures received</h1>
<p class="quiet">Updated {now} (UTC); this page refreshes every 10 seconds.</p>
<h2>Kiosks</h2>
<table><tr><th>kiosk</th><th>signatures</th><th>last report (UTC)</th></tr>{kiosks}</table>
<h2>Cases</h2>
<table><tr><th>case</th><th>signatures</th></tr>{cases}</table>
</body></html>
"""


def status_page(status: collected.Stand) -> str:
    e = html.escape
    kiosk_ids = sorted(set(status.per_kiosk) | set(status.contacts))
    kiosks = "".join(
        f"<tr><td>{e(k)}</td><td class=n>{status.per_kiosk.get(k, 0)}</td>"
        f"<td>{e(status.contacts.get(k, '–'))}</td></tr>"
        for k in kiosk_ids
    )
    cases = "".join(
        f"<tr><td>{e(c)}</td><td class=n>{n}</td></tr>" for c, n in status.per_case.items()
    )
    return PAGE.format(
        total=sum(status.per_kiosk.values()),
        now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        kiosks=kiosks or "<tr><td colspan=3>none yet</td></tr>",
        cases=cases or "<tr><td colspan=2>none yet</td></tr>",
    )


def create_app(
    database: Path | str, token: str, *, body_timeout: float = BODY_TIMEOUT
) -> Starlette:
    """The collector as an ASGI app on `database` (a SQLite file, created if missing, or a
    PostgreSQL URL), giving a request's body `body_timeout` seconds to arrive."""
    collector = Collector(collected.open_collection(database), token)
    budget = BodyBudget(BODY_BUDGET)

    async def records(request: Request) -> Response:
        if not collector.authorised(request.headers.get("authorization")):
            return refusal(401, "missing or wrong access token")
        try:
            size = declared_length(request)
            async with budget.reserve(size):
                body = await read_body(request, body_timeout)
                status, answer = await run_in_threadpool(collector.receive, body)
        except RequestRefusedError as refused:
            return refusal(refused.status, refused.reason)
        return JSONResponse(answer, status_code=status)

    async def page(request: Request) -> Response:
        return HTMLResponse(status_page(await run_in_threadpool(collector.status)))

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        collector.records.close()

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/health", health),
            Route("/api/records", records, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.collector = collector
    return app
