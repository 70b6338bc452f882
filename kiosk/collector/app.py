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
    check_json,
    declared_length,
    read_body,
    refusal,
)
from kiosk.collector.forwarding import Upstream, forwarding_for
from kiosk.collector.intake import Collector
from kiosk.collector.openapi import PATH as OPENAPI_PATH
from kiosk.collector.openapi import description
from kiosk.collector.page import status_page
from kiosk.core.records import collected


def create_app(
    database: Path | str,
    token: str,
    *,
    body_timeout: float = BODY_TIMEOUT,
    upstream: Upstream | None = None,
) -> Starlette:
    """The collector as an ASGI app on `database` (a SQLite file, created if missing, or a
    PostgreSQL URL), giving a request's body `body_timeout` seconds to arrive; a stand's
    forwards what it takes to `upstream` while it runs (`kiosk.collector.forwarding`)."""
    collection = collected.open_collection(database)
    try:
        forwarding = forwarding_for(collection, upstream)
    except BaseException:
        collection.close()
        raise
    collector = Collector(collection, token)
    budget = BodyBudget(BODY_BUDGET)

    async def records(request: Request) -> Response:
        if not collector.authorised(request.headers.get("authorization")):
            return refusal(401, "missing or wrong access token")
        try:
            check_json(request)
            size = declared_length(request)
            async with budget.reserve(size):
                body = await read_body(request, body_timeout)
                status, answer = await run_in_threadpool(collector.receive, body)
        except RequestRefusedError as refused:
            return refusal(refused.status, refused.reason)
        if forwarding is not None and status == 200:
            forwarding.received(answer)
        return JSONResponse(answer, status_code=status)

    async def page(request: Request) -> Response:
        status = await run_in_threadpool(collector.status)
        onwards = forwarding and await run_in_threadpool(forwarding.state)
        return HTMLResponse(status_page(status, forwarding=onwards))

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
            Route("/", page),
            Route("/health", health),
            Route("/api/records", records, methods=["POST"]),
            Route(OPENAPI_PATH, openapi),
        ],
        lifespan=lifespan,
    )
    app.state.collector = collector
    app.state.forwarding = forwarding
    return app
