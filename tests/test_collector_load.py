"""A campaign's kiosks all delivering at once through a faulty network into two collector
processes on one PostgreSQL: every record arrives exactly once, counted in SQL.

The same code as `benchmarks/central_load.py` (tests/loadlib.py), small: 6 kiosks x 60 records
in batches of 10, every fault met at least once."""

from __future__ import annotations

import pytest

from tests.faultproxy import DROPPED_ANSWER, LOAD_FAULTS, RESET, SERVER_ERROR, SLOW_ANSWER
from tests.loadlib import run_load

pytestmark = pytest.mark.slow  # real processes and servers end to end: run first


def test_kiosks_delivering_through_a_faulty_network_to_two_collectors_store_each_record_once(
    tmp_path, postgres_url
):
    result = run_load(
        tmp_path,
        postgres_url,
        kiosks=6,
        records=60,
        batch=10,
        rates=dict.fromkeys(LOAD_FAULTS, 0.08),
        plan=LOAD_FAULTS,  # the first requests meet each fault once, whatever the draw
        timeout=5.0,
        slow_by=0.2,
    )

    assert result.kiosk_errors == []
    assert result.stored == result.distinct == 360
    assert result.per_kiosk == {f"kiosk-{n:03d}": 60 for n in range(6)}
    assert result.expected_missing == 0
    assert (result.pending, result.quarantined, result.delivered) == (0, 0, 360)
    # Every fault happened, and both collector processes took batches.
    for fault in (DROPPED_ANSWER, RESET, SERVER_ERROR, SLOW_ANSWER):
        assert result.faults[fault] >= 1, result.faults
    assert all(result.forwarded), result.forwarded
    # A dropped answer made its kiosk send again what a collector had stored: the collectors
    # answered `duplicate`, and stored nothing twice.
    assert result.answers["duplicate"] >= 1, result.answers
    assert result.answers["stored"] == 360
