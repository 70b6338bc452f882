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
    declared_length,
    read_body,
    refusal,
)
from kiosk.collector.dashboard_routes import dashboard_routes
from kiosk.collector.intake import Collector
from kiosk.core.records import collected


def create_app(
    database: Path | str, token: str, *, body_timeout: float = BODY_TIMEOUT, goal: int = 0
) -> Starlette:
    """The collector as an ASGI app on `database` (a SQLite file, created if missing, or a
    PostgreSQL URL), giving a request's body `body_timeout` seconds to arrive; its dashboard
    shows the progress to `goal` signatures (0: none)."""
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

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        collector.records.close()

    app = Starlette(
        routes=[
            *dashboard_routes(collector, goal),
            Route("/health", health),
            Route("/api/records", records, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.collector = collector
    return app
