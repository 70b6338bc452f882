"""Time as the store writes it (ISO 8601 UTC with microseconds and 'Z'), and local days in it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def utc_now() -> str:
    """The current time as the store writes it: ISO 8601, UTC, microseconds, 'Z'."""
    return format_utc(datetime.now(UTC))


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utc_bounds(day: date) -> tuple[str, str]:
    """The UTC timestamps (as stored) at which local day `day` starts and the next one starts."""
    # A naive local time's astimezone() applies the system's rules for that very date (DST).
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return format_utc(start.astimezone(UTC)), format_utc(end.astimezone(UTC))


def today() -> date:
    """The kiosk's local date."""
    return datetime.now().astimezone().date()
