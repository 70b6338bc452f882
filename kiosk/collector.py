"""The collector: a coordinator's laptop (or a kiosk) receives the signatures of a stand's kiosks.

`kiosk collect` serves this ASGI app (Starlette on uvicorn) on the address given. Kiosks deliver
to it with the webhook target (docs/sync-protocol.md). It checks the bearer token, checks every
record, and stores it in a database with the kiosk's own schema, deduplicated by record UUID: a
record sent again is acknowledged again ("duplicate"), a different record under a known UUID is
refused ("rejected") and nothing is overwritten. `kiosk export --database FILE` works on that
database unchanged, and the collector can itself deliver onwards with `kiosk sync`.

`/` is a status page for the coordinator: records per kiosk and per case and when each kiosk last
reported, refreshing by itself; counts only, never a name.
"""

from __future__ import annotations

import contextlib
import hmac
import html
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.core.delivery.protocol import PROTOCOL
from kiosk.core.errors import DuplicateSignatureError
from kiosk.core.records import collected
from kiosk.core.records.received import RecordIn, reason
from kiosk.core.records.store import Store

log = logging.getLogger(__name__)

MAX_BODY = 8 * 1024 * 1024  # bytes: far more than 1,000 records
MAX_RECORDS = 1000


class Collector:
    """The receiving end: checks and stores batches (called on a worker thread)."""

    def __init__(self, store: Store, token: str) -> None:
        self.store = store
        self.token = token

    def authorised(self, header: str | None) -> bool:
        scheme, _, given = (header or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), self.token.encode()
        )

    def receive(self, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            message = json.loads(body)
            records = message["records"]
            kiosk_id = str(message.get("kiosk_id") or "")[:100]
            if message.get("protocol") != PROTOCOL or not isinstance(records, list):
                raise ValueError("not a kiosk-sync/1 message")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            return 400, {"error": f"the request is not a batch of records ({exc})"}
        if len(records) > MAX_RECORDS:
            return 413, {"error": f"at most {MAX_RECORDS} records per request"}
        results = [self._one(item) for item in records]
        if kiosk_id:
            collected.note_contact(self.store, kiosk_id)
        stored = sum(1 for r in results if r["status"] == "stored")
        log.info("batch from %s: %d records, %d new", kiosk_id or "?", len(results), stored)
        return 200, {"results": results}

    def _one(self, item: Any) -> dict[str, str]:
        uuid = str(item.get("uuid", ""))[:64] if isinstance(item, dict) else ""
        if not isinstance(item, dict) or not isinstance(item.get("record"), dict):
            return {"uuid": uuid, "status": "rejected", "reason": "no record"}
        try:
            record = RecordIn.model_validate(item["record"])
        except ValidationError as exc:
            return {"uuid": uuid, "status": "rejected", "reason": reason(exc)}
        if record.uuid != uuid:
            return {"uuid": uuid, "status": "rejected", "reason": "the uuid does not match"}
        try:
            created = collected.keep(self.store, record, item["record"])
        except DuplicateSignatureError:
            return {
                "uuid": uuid,
                "status": "rejected",
                "reason": "a different record was already received under this uuid",
            }
        return {"uuid": uuid, "status": "stored" if created else "duplicate"}

    def status(self) -> collected.Stand:
        return collected.stand(self.store)


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


def create_app(database: Path, token: str) -> Starlette:
    """The collector as an ASGI app on `database` (created if missing)."""
    collector = Collector(Store(database), token)

    async def records(request: Request) -> Response:
        if not collector.authorised(request.headers.get("authorization")):
            return JSONResponse({"error": "missing or wrong access token"}, status_code=401)
        size = int(request.headers.get("content-length") or 0)
        if size > MAX_BODY:
            return JSONResponse({"error": "request too large"}, status_code=413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return JSONResponse({"error": "request too large"}, status_code=413)
        status, answer = await run_in_threadpool(collector.receive, body)
        return JSONResponse(answer, status_code=status)

    async def page(request: Request) -> Response:
        return HTMLResponse(status_page(await run_in_threadpool(collector.status)))

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        collector.store.close()

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
