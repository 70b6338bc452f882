"""Today's hours on the dashboard are the collector's local hours, whatever its time zone: a
quarter-hour offset (Nepal) and the days the clocks change (25 and 23 hours)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from kiosk.collector import dashboard
from kiosk.core.records.collected import Stand


@pytest.fixture
def zone(monkeypatch):
    """Set the process's local time zone for one test."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def stand(per_quarter: dict[str, int]) -> Stand:
    return Stand(
        per_kiosk={},
        per_case={"c": sum(per_quarter.values())},
        contacts={},
        per_quarter=per_quarter,
    )


def test_in_nepal_a_signature_counts_in_the_local_hour_it_was_signed(zone):
    zone("Asia/Kathmandu")  # UTC+05:45
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)  # 17:45 in Kathmandu
    since, until = dashboard.day_bounds(now)
    assert (since, until) == ("2026-12-09T18:15:00.000000Z", "2026-12-10T18:15:00.000000Z")
    # 04:15 UTC is 10:00 local; 04:00 UTC (the quarter before) is 09:45 local.
    board = dashboard.view(stand({"2026-12-10T04:15": 3, "2026-12-10T04:00": 2}), 0, now)
    hours = {hour.label: hour.count for hour in board.hours}
    assert len(board.hours) == 24 and hours["10"] == 3 and hours["09"] == 2
    assert [h.label for h in board.hours if h.now] == ["17"]
    assert board.today == 5


def test_the_day_the_clocks_go_back_has_25_hours_and_the_day_they_go_forward_23(zone):
    zone("Europe/Berlin")
    autumn = dashboard.view(stand({}), 0, datetime(2026, 10, 25, 12, 0, tzinfo=UTC))
    spring = dashboard.view(stand({}), 0, datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    assert [h.label for h in autumn.hours][:4] == ["00", "01", "02", "02"]
    assert len(autumn.hours) == 25 and len(spring.hours) == 23
    assert "02" not in [h.label for h in spring.hours]


def test_a_kiosk_with_records_waiting_that_stopped_reporting_is_shown_late():
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    board = dashboard.view(
        Stand(
            per_kiosk={"quiet": 4, "stuck": 9, "fine": 2},
            per_case={"c": 15},
            contacts={k: "2026-12-10T11:00:00.000000Z" for k in ("quiet", "stuck")}
            | {"fine": "2026-12-10T11:58:00.000000Z"},
            waiting={"quiet": 0, "stuck": 12, "fine": 3},
        ),
        0,
        now,
    )
    late = {line.kiosk_id: line.late for line in board.kiosks}
    assert late == {"fine": False, "quiet": False, "stuck": True}
    assert "1 late" in dashboard.main(board)
