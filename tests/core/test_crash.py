"""A kiosk that is killed mid-signature loses nothing it said "thank you" for.

Power cuts, a volunteer pulling the plug, the OS killing a frozen window: the kiosk process may
die at any moment. Each test starts a real kiosk process many times and SIGKILLs it at random
moments (see `tests/crashlib.py`), then looks at what is on disk.
"""

import random

import pytest

from tests.crashlib import Mode, run_kills

pytestmark = pytest.mark.slow


def test_no_reported_signature_is_lost_when_the_kiosk_is_killed(tmp_path):
    result = run_kills(tmp_path / "signatures.db", 60, Mode.REAL, random.Random(20261125))

    assert result.kills == 60
    assert result.integrity == "ok"
    assert result.missing == [], result.summary()
    assert result.torn == [], result.summary()
    # The kills hit a kiosk at work: each came after a "thank you" (so every round checked
    # something), and kills landed inside `record`, however busy the machine was.
    assert result.reported >= result.kills, result.summary()
    assert result.killed_mid_record > 0, result.summary()


def test_the_harness_catches_a_kiosk_that_reports_before_committing(tmp_path):
    # Most kills land between the early "thank you" and the commit, so a loss shows up within a
    # few kills; 40 leaves the harness no excuse.
    result = run_kills(
        tmp_path / "signatures.db", 40, Mode.CONTROL, random.Random(7), stop_at_first_loss=True
    )

    assert result.missing != [], result.summary()
    assert result.integrity == "ok"
    assert result.torn == []
