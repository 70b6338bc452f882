"""The dashboard's routes: the page and its JSON behind the coordinators' login, the login
form, logout, and the page's own style sheet and script."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.collector import dashboard
from kiosk.collector.dashboard_assets import CSS, JS
from kiosk.collector.intake import Collector
from kiosk.collector.login import (
    COOKIE,
    SECURITY_HEADERS,
    Coordinators,
    form_token,
    html_page,
)

ASSET_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=300"}
Endpoint = Callable[[Request], Awaitable[Response]]


def one_route(path: str, **endpoints: Endpoint) -> Route:
    """One route for `path` answering each method (GET=..., POST=...) with its endpoint.
    Two routes of one path would each answer the other's methods 405 with an `Allow` header
    naming only their own."""

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await endpoints[method](request)

    return Route(path, dispatch, methods=list(endpoints))


def dashboard_routes(
    collector: Collector,
    goal: int = 0,
    sections: Callable[[str], str] | None = None,
    coordinators: Coordinators | None = None,
) -> list[Route]:
    """Routes of the dashboard of `collector` with the campaign's `goal` (0: none), behind
    the login of `coordinators` (made here if not given); `sections` gives the HTML shown beside
    the counts (forwarding, paired kiosks) for the session's form token (`login.form_token`), run on
    a worker thread for each page."""
    coordinators = coordinators or Coordinators(collector.records)

    def board(cookie: str | None) -> dashboard.Dashboard:
        now = datetime.now(UTC)
        shown = sections(form_token(cookie or "")) if sections else ""
        return dashboard.view(collector.status(*dashboard.day_bounds(now)), goal, now, shown)

    # Each answer is worked out in one trip to a worker thread (the login's check, the counts,
    # the page): on a busy machine every trip costs a wait for a free thread.
    def page_for(cookie: str | None) -> Response:
        if refused := coordinators.refusal(cookie, wants_page=True):
            return refused
        return html_page(dashboard.page(board(cookie)))

    def figures_for(cookie: str | None) -> Response:
        if refused := coordinators.refusal(cookie, wants_page=False):
            return refused
        return JSONResponse(dashboard.as_json(board(cookie)), headers=SECURITY_HEADERS)

    async def page(request: Request) -> Response:
        return await run_in_threadpool(page_for, request.cookies.get(COOKIE))

    async def figures(request: Request) -> Response:
        return await run_in_threadpool(figures_for, request.cookies.get(COOKIE))

    async def css(request: Request) -> Response:
        return Response(CSS, media_type="text/css", headers=ASSET_HEADERS)

    async def js(request: Request) -> Response:
        return Response(JS, media_type="text/javascript", headers=ASSET_HEADERS)

    return [
        Route("/", page),
        Route("/dashboard.json", figures),
        Route("/dashboard.css", css),
        Route("/dashboard.js", js),
        one_route("/login", GET=coordinators.login_form, POST=coordinators.login),
        Route("/logout", coordinators.logout, methods=["POST"]),
    ]
