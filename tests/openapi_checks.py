"""A schemathesis check of the kiosk-sync/1 protocol, loaded by `schemathesis run` through
SCHEMATHESIS_HOOKS (tests/test_collector_openapi.py).

schemathesis's own `negative_data_rejection` wants every request that breaks the description
refused as a whole. The protocol refuses a batch as a whole only when the batch itself is wrong;
a wrong record or tombstone inside a good batch is answered `rejected` on its own, and the rest
is kept (docs/sync-protocol.md). This check holds the records endpoint to that instead.
"""

from __future__ import annotations

import schemathesis

from kiosk.core.delivery.protocol import COLLECTOR_PATH


@schemathesis.check
def wrong_batches_are_refused_and_wrong_items_rejected(ctx, response, case) -> bool | None:
    """A delivery that breaks the description is refused (4xx), or taken as a batch with an
    item answered `rejected`: nothing that breaks it is taken whole."""
    negative = case.meta is not None and case.meta.generation.mode.is_negative
    if not negative or case.operation.path != COLLECTOR_PATH:
        return None
    status = response.status_code
    if status != 200:
        if not 400 <= status < 500:
            raise AssertionError(f"a delivery that breaks the description was answered {status}")
        return None
    statuses = [result["status"] for result in response.json()["results"]]
    if "rejected" not in statuses:
        raise AssertionError(f"a delivery that breaks the description was taken whole: {statuses}")
    return None
