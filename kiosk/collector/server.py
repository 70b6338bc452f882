"""How `kiosk collect` is served: uvicorn, with limits so that no client can hold the collector.

A collector sits on a stand's open network. A client that opens a connection and sends nothing,
or one header byte a minute, or a body nobody reads, must not keep a socket (and a place among
the connections) for ever. uvicorn bounds idle keep-alive connections and the number of
connections (`[collector]` settings), but its h11 protocol waits for request headers without any
limit, so `GuardedH11Protocol` adds one: a connection whose request headers are not complete
`header_timeout` seconds after its first byte (or after it opened) is closed. It also closes a
connection when an answer went out before the request's body was read to the end (a refusal, or
a page that needs no body), so the rest of a slow body is never waited for. The records
endpoint bounds the time a body may take itself (`kiosk.collector.bodies`), and answers 408.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kiosk.core.config import CollectorSettings


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection that is too slow to send its headers."""

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self.header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._start_header_timer()

    def data_received(self, data: bytes) -> None:
        if self.header_timer is None and self._between_requests():
            self._start_header_timer()  # the first byte of the next request on this connection
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # a new request: its headers are complete
            self._stop_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
            # Answered before the body was read to its end: the rest is not waited for.
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _start_header_timer(self) -> None:
        self._stop_header_timer()
        self.header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_header_timer(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_too_slow(self) -> None:
        self.header_timer = None
        if not self.transport.is_closing():
            self.logger.info("closing a connection that sent no complete request headers in time")
            self.transport.close()


def server_config(app: Any, host: str, port: int, limits: CollectorSettings) -> uvicorn.Config:
    """uvicorn's configuration for the collector `app` on `host`:`port` with `limits`."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=functools.partial(GuardedH11Protocol, header_timeout=limits.header_timeout),  # type: ignore[arg-type]
        timeout_keep_alive=limits.keep_alive_timeout,  # type: ignore[arg-type]
        limit_concurrency=limits.max_connections,
    )


def serve(app: Any, host: str, port: int, limits: CollectorSettings) -> None:
    """Serve the collector `app` until interrupted (Ctrl+C)."""
    uvicorn.Server(server_config(app, host, port, limits)).run()
