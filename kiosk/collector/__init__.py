"""The collector: a coordinator's laptop (or a kiosk) receives the signatures of a stand's kiosks.

`kiosk collect` serves this ASGI app (Starlette on uvicorn) on the address given. Kiosks deliver
to it with the webhook target (docs/sync-protocol.md). It checks the bearer token, checks every
record, and stores it in a database with the kiosk's own schema, deduplicated by record UUID: a
record sent again is acknowledged again ("duplicate"), a different record under a known UUID is
refused ("rejected") and nothing is overwritten. `kiosk export --database FILE` works on that
database unchanged, and the collector can itself deliver onwards with `kiosk sync`.

`/` is a status page for the coordinator: records per kiosk and per case and when each kiosk last
reported, refreshing by itself; counts only, never a name.

A body must come with its length, within `body_timeout` seconds and in pieces of a sensible
size: a client trickling a body byte by byte gets 408 or 400 instead of costing the stand's
laptop seconds of CPU. How the server itself bounds slow and idle connections is
`kiosk.collector.server`'s business.

Kiosks may be paired with it, each with a token of its own (`pairing`: the one-time codes of
`kiosk collect kiosks add`, `POST /api/pair`, revocation); the stand's shared token keeps working
beside them.

The package: `intake` checks and stores batches, `bodies` reads request bodies within limits,
`page` is the status page, `pairing` pairs kiosks and checks their tokens, `app` puts them
together as routes, `server` serves them.
"""

from kiosk.collector.app import create_app
from kiosk.collector.intake import Collector

__all__ = ["Collector", "create_app"]
