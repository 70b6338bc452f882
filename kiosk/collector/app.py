"""The collector as an ASGI app: its routes, on the intake, the body limits and the page."""

from __future__ import annotations

import contextlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.collector.bodies import (
    BODY_BUDGET,
    BODY_TIMEOUT,
    BodyBudget,
    RequestRefusedError,
    check_json,
    declared_length,
    read_body,
    refusal,
)
from kiosk.collector.dashboard import forwarding_section
from kiosk.collector.dashboard_routes import dashboard_routes
from kiosk.collector.forwarding import Upstream, forwarding_for
from kiosk.collector.intake import Collector
from kiosk.collector.kiosks_page import kiosk_routes, kiosks_section
from kiosk.collector.login import Coordinators
from kiosk.collector.openapi import PATH as OPENAPI_PATH
from kiosk.collector.openapi import description
from kiosk.collector.pairing import MAX_PAIR_BODY, Pairing, PairingRefused
from kiosk.core.delivery.pairing import PAIR_PATH
from kiosk.core.records import collected


def create_app(
    database: Path | str,
    token: str | None,
    *,
    body_timeout: float = BODY_TIMEOUT,
    upstream: Upstream | None = None,
    goal: int = 0,
) -> Starlette:
    """The collector as an ASGI app on `database` (a SQLite file, created if missing, or a
    PostgreSQL URL), giving a request's body `body_timeout` seconds to arrive; a stand's
    forwards what it takes to `upstream` while it runs (`kiosk.collector.forwarding`); its
    dashboard shows the progress to `goal` signatures (0: none). `token` is the stand's
    shared token (None: only paired kiosks deliver)."""
    collection = collected.open_collection(database)
    try:
        forwarding = forwarding_for(collection, upstream)
    except BaseException:
        collection.close()
        raise
    collector = Collector(collection, token)
    pairing = Pairing(collector.records.kiosks())
    budget = BodyBudget(BODY_BUDGET)

    async def records(request: Request) -> Response:
        header = request.headers.get("authorization")
        sender = None  # the shared token: the message says which kiosk it is
        if not collector.authorised(header):
            try:
                sender = await run_in_threadpool(pairing.sender, header)
            except PairingRefused as refused:
                return refusal(refused.status, refused.reason)
        try:
            check_json(request)
            size = declared_length(request)
            async with budget.reserve(size):
                body = await read_body(request, body_timeout)
                status, answer = await run_in_threadpool(collector.receive, body, sender)
        except RequestRefusedError as refused:
            return refusal(refused.status, refused.reason)
        if forwarding is not None and status == 200:
            forwarding.received(answer)
        return JSONResponse(answer, status_code=status)

    async def pair(request: Request) -> Response:
        try:
            if declared_length(request) > MAX_PAIR_BODY:
                raise RequestRefusedError(413, "a pairing request is a code and a kiosk id")
            body = await read_body(request, body_timeout)
        except RequestRefusedError as refused:
            return refusal(refused.status, refused.reason)
        client = request.client.host if request.client else ""
        answer = await run_in_threadpool(pairing.exchange, body, client)
        return JSONResponse(answer.body, status_code=answer.status, headers=answer.headers)

    coordinators = Coordinators(collector.records)
    kiosks = kiosks_section(pairing.kiosks)

    def sections(form: str) -> str:
        """What the dashboard shows beside the counts: how forwarding goes, on a stand, and
        the kiosks paired with this collector (with forms carrying the session's `form`
        token)."""
        forwarded = forwarding_section(forwarding.state()) if forwarding else ""
        return forwarded + kiosks(form)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    described = description()

    async def openapi(request: Request) -> Response:
        return JSONResponse(described)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        if forwarding is not None:
            forwarding.start()
        yield
        if forwarding is not None:
            await run_in_threadpool(forwarding.stop)  # waits for a round under way
        collector.records.close()

    app = Starlette(
        routes=[
            *dashboard_routes(collector, goal, sections, coordinators),
            *kiosk_routes(pairing.kiosks, coordinators),
            Route("/health", health),
            Route("/api/records", records, methods=["POST"]),
            Route(OPENAPI_PATH, openapi),
            Route(PAIR_PATH, pair, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.collector = collector
    app.state.pairing = pairing
    return app
