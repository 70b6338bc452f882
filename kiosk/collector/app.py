"""The collector as an ASGI app: its routes, on the intake, the body limits and the page."""

from __future__ import annotations

import contextlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.collector.bodies import (
    BODY_BUDGET,
    BODY_TIMEOUT,
    BodyBudget,
    RequestRefusedError,
    declared_length,
    read_body,
    refusal,
)
from kiosk.collector.intake import Collector
from kiosk.collector.page import status_page
from kiosk.collector.pairing import MAX_PAIR_BODY, Pairing, PairingRefused
from kiosk.core.delivery.pairing import PAIR_PATH
from kiosk.core.records import collected


def create_app(
    database: Path | str, token: str | None, *, body_timeout: float = BODY_TIMEOUT
) -> Starlette:
    """The collector as an ASGI app on `database` (a SQLite file, created if missing, or a
    PostgreSQL URL), giving a request's body `body_timeout` seconds to arrive. `token` is the
    stand's shared token (None: only paired kiosks deliver)."""
    collector = Collector(collected.open_collection(database), token)
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
            size = declared_length(request)
            async with budget.reserve(size):
                body = await read_body(request, body_timeout)
                status, answer = await run_in_threadpool(collector.receive, body, sender)
        except RequestRefusedError as refused:
            return refusal(refused.status, refused.reason)
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
            Route(PAIR_PATH, pair, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.collector = collector
    app.state.pairing = pairing
    return app
