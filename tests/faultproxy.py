"""A faulty network on 127.0.0.1 in front of real collectors, taking turns between them.

The faults are `tests/faultserver.py`'s (the same handler, where a real network fails: before
the body is read, after the collector stored, in the middle of the answer); a batch that gets
through is forwarded to the next collector in turn (round-robin), as a load balancer in front of
several `kiosk collect` processes would. Which fault each request meets is drawn from `rates`
with a seeded generator, after the requests of `plan`.
"""

from __future__ import annotations

import itertools
import json
import random
import threading
from collections import Counter

import httpx

from tests.faultserver import FaultyReceiver

# The faults of a load run, by what the kiosk meets, and the faultserver's name for each.
DROPPED_ANSWER = "commit_then_close"  # the collector stored; the answer never comes
RESET = "reset"  # the connection is reset before the body is read: nothing stored
SERVER_ERROR = "500"  # an error page from the network's side: nothing stored
SLOW_ANSWER = "commit_then_late"  # the collector stored; its answer comes late, but in time
LOAD_FAULTS = (DROPPED_ANSWER, RESET, SERVER_ERROR, SLOW_ANSWER)


class FaultProxy(FaultyReceiver):
    """Forwards each batch to `collectors` in turn, unless its fault stops it on the way."""

    def __init__(
        self,
        collectors: list[str],
        rates: dict[str, float],
        *,
        seed: int = 1,
        slow_by: float = 0.3,
    ) -> None:
        super().__init__(late_by=slow_by)
        self.collectors = collectors
        self.turns = itertools.cycle(range(len(collectors)))
        self.rates = rates
        self.rng = random.Random(seed)  # a repeatable network
        self.lock = threading.Lock()
        self.forwarded = [0] * len(collectors)  # batches each collector answered
        self.answers: Counter[str] = Counter()  # the collectors' per-record statuses
        self.unreachable = 0  # batches a collector did not answer (the proxy said 502)
        # Idle connections are let go before the collector's keep-alive timeout (5 s) ends them,
        # so a batch is not sent on a connection the collector is closing at that moment.
        self.client = httpx.Client(
            timeout=120, limits=httpx.Limits(max_connections=200, keepalive_expiry=2.0)
        )

    def next_fault(self) -> str:
        with self.lock:
            if self.plan:
                fault = self.plan.popleft()
            else:
                fault, draw = "ok", self.rng.random()
                for name, rate in self.rates.items():
                    if draw < rate:
                        fault = name
                        break
                    draw -= rate
            self.requests.append(fault)
        return fault

    def authorised(self, header: str | None) -> bool:
        return True  # the collector behind decides

    def receive(self, body: bytes, authorization: str | None) -> tuple[int, dict]:
        with self.lock:
            turn = next(self.turns)
        try:
            response = self.client.post(
                self.collectors[turn],
                content=body,
                headers={"Authorization": authorization or "", "Content-Type": "application/json"},
            )
        except httpx.HTTPError as exc:  # as a load balancer says it: the kiosk tries again
            with self.lock:
                self.unreachable += 1
            return 502, {"error": f"the collector could not be reached ({exc})"}
        try:
            answer = response.json()
        except json.JSONDecodeError:
            answer = {"error": response.text[:300]}
        with self.lock:
            self.forwarded[turn] += 1
            self.answers.update(r.get("status", "?") for r in answer.get("results", []))
        return response.status_code, answer

    def faults(self) -> Counter[str]:
        """How many requests met each fault ("ok": none)."""
        with self.lock:
            return Counter(self.requests)

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self.client.close()
