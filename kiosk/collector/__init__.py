"""The collector: a coordinator's laptop (or a kiosk) receives the signatures of a stand's kiosks.

`kiosk collect` serves this ASGI app (Starlette on uvicorn) on the address given. Kiosks deliver
to it with the webhook target (docs/sync-protocol.md). It checks the bearer token, checks every
record, and stores it in a database with the kiosk's own schema, deduplicated by record UUID: a
record sent again is acknowledged again ("duplicate"), a different record under a known UUID is
refused ("rejected") and nothing is overwritten. `kiosk export --database FILE` works on that
database unchanged. A stand's collector with `collector.upstream_url` forwards every record it
takes to the campaign's central collector while it runs (`forwarding`); `kiosk sync` on its
database delivers the same outbox by hand.

`/` is the coordinators' dashboard, behind their password: totals per case, event and kiosk,
today hour by hour, the progress to the goal, each kiosk's last report and the records still
waiting on it, refreshing by itself; counts only, never a name.

A body must come with its length, within `body_timeout` seconds and in pieces of a sensible
size: a client trickling a body byte by byte gets 408 or 400 instead of costing the stand's
laptop seconds of CPU. How the server itself bounds slow and idle connections is
`kiosk.collector.server`'s business.

Kiosks may be paired with it, each with a token of its own (`pairing`: the one-time codes of
`kiosk collect kiosks add`, `POST /api/pair`, revocation); the stand's shared token keeps working
beside them.

The package: `intake` checks and stores batches, `bodies` reads request bodies within limits,
`dashboard` shows the counts (`dashboard_assets`: its style sheet and script), `login` keeps it
for coordinators, `dashboard_routes` serves those, `pairing` pairs kiosks and checks their
tokens, `forwarding` sends a stand's records upstream, `openapi` describes the endpoints, `app`
puts them together as routes, `server` serves them.
"""

from kiosk.collector.app import create_app
from kiosk.collector.intake import Collector

__all__ = ["Collector", "create_app"]
