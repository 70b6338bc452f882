"""Reading a request's body within limits of size, time and piece count, and a budget of the
bytes of bodies in memory at once."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

MAX_BODY = 8 * 1024 * 1024  # bytes: far more than 1,000 records
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


def refusal(status: int, reason: str) -> Response:
    """An answer to the whole request, closing the connection (its body may be unread)."""
    return JSONResponse({"error": reason}, status_code=status, headers={"Connection": "close"})


def check_json(request: Request) -> None:
    """RequestRefusedError (415) when the request says its body is something other than JSON
    (a form, text): the protocol's bodies are `application/json`. A body that names no media
    type is read as JSON, as scripts and older tools send it."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise RequestRefusedError(415, "send the batch as application/json")


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
