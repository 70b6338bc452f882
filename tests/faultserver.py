"""A receiver on 127.0.0.1 that stores records for real and misbehaves on cue.

It speaks the webhook protocol with the collector's own logic (`kiosk.collector.Collector`, on a
SQLite file), but each request takes the next fault from a plan: answer normally, fail with a
status, store and then never answer, store and answer too late, reset the connection, answer
garbage, acknowledge twice... It is plain sockets (`http.server`), so a fault can happen where a
real network fails: after the commit, before the answer, in the middle of it.

The misbehaving HTTP side is `FaultyReceiver`; `FaultServer` puts the collector's logic behind
it, and `tests/faultproxy.py` real `kiosk collect` processes (the load run, tests/loadlib.py).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

from kiosk.collector import Collector
from kiosk.core.records.store import Store

TOKEN = "test-token-not-a-secret-but-long-enough-for-a-collector"

FAULTS = (
    "ok",
    "500",
    "503",
    "429",
    "401",
    "commit_then_close",  # stores, then closes the connection without a word
    "commit_then_late",  # stores, answers after the client gave up
    "reset",  # resets the connection before reading the body: nothing stored
    "reset_mid_body",  # reads half of the request body, then resets: nothing stored
    "half_answer",  # stores, sends half of the answer, closes
    "garbage",  # stores, answers 200 with something that is not JSON
    "double_ack",  # stores, acknowledges every record twice
    "drop_one",  # stores all, leaves the first record out of the answer
)


class FaultyReceiver:
    """The misbehaving HTTP side on 127.0.0.1: each request takes its fault from
    `next_fault()`, and a body that gets through goes to `receive` (what stands behind it is
    the subclass's: the collector's logic in this process, or real collectors)."""

    def __init__(self, late_by: float = 1.5) -> None:
        self.plan: deque[str] = deque()
        self.requests: list[str] = []
        self.late_by = late_by
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                fault = server.next_fault()
                if fault == "reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    self.connection.close()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                if fault == "reset_mid_body":
                    self.rfile.read(length // 2)
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    self.connection.close()
                    return
                body = self.rfile.read(length)
                if not server.authorised(self.headers.get("Authorization")):
                    return self._answer(401, {"error": "token"})
                if fault.isdigit() and fault != "429":  # any other status, e.g. "405"
                    return self._answer(int(fault), {"error": fault})
                if fault == "429":
                    return self._answer(429, {"error": "slow down"}, {"Retry-After": "7"})
                if fault == "429_for_years":  # what a date read with a clock in 1970 asks for
                    return self._answer(429, {"error": "later"}, {"Retry-After": "1800000000"})
                status, answer = server.receive(body, self.headers.get("Authorization"))
                if fault == "commit_then_close":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault == "commit_then_late":
                    time.sleep(server.late_by)
                elif fault == "half_answer":
                    data = json.dumps(answer).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                elif fault == "garbage":
                    return self._raw(200, b"<html>proxy error</html>")
                elif fault == "double_ack":
                    answer = {"results": answer["results"] * 2}
                elif fault == "drop_one" and answer.get("results"):
                    answer = {"results": answer["results"][1:]}
                self._answer(status, answer)

            def _answer(self, status: int, answer: dict, headers: dict | None = None) -> None:
                self._raw(status, json.dumps(answer).encode(), headers)

            def _raw(self, status: int, data: bytes, headers: dict | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up already

        self.httpd = Listener(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/records"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def next_fault(self) -> str:
        """What the next request meets: the next of `plan`, then "ok"; noted in `requests`."""
        fault = self.plan.popleft() if self.plan else "ok"
        self.requests.append(fault)
        return fault

    def authorised(self, header: str | None) -> bool:
        raise NotImplementedError

    def receive(self, body: bytes, authorization: str | None) -> tuple[int, dict]:
        """The status and answer for a batch that got through."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Listener(ThreadingHTTPServer):
    request_queue_size = 128  # dozens of kiosks connecting at once are not turned away


class FaultServer(FaultyReceiver):
    """A receiver with the collector's own logic on a SQLite file, behind the faults."""

    def __init__(self, database: Path, late_by: float = 1.5) -> None:
        self.store = Store(database)
        self.collector = Collector(self.store, TOKEN)
        super().__init__(late_by)

    def authorised(self, header: str | None) -> bool:
        return self.collector.authorised(header)

    def receive(self, body: bytes, authorization: str | None) -> tuple[int, dict]:
        return self.collector.receive(body)

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self.store.close()

    def uuids(self) -> list[str]:
        """Every record the receiver holds (a list: a duplicate would show twice)."""
        with self.store.read() as conn:
            return [r[0] for r in conn.execute("SELECT uuid FROM signatures")]
