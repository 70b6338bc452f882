"""This version's release date, and what it tells about the machine's clock.

A kiosk often starts without a network, on a board without a clock battery: its clock may say
1970, or whatever a bad time server said (2036). Signatures are stamped with that clock and
always kept (a wrong date never costs a signature), but `kiosk doctor` and the admin screen say
when the clock cannot be right, so a volunteer sets it before more signatures carry a wrong
date. The waits computed from the clock (delivery back-off, the admin lockout) are bounded where
they are read, whatever the clock said when they were stored.

"Far ahead" is two years after the release: a release in November serves that season's
letter-writing marathons (December) and the next season's, thirteen months on, so one year would
warn on a right clock at the second one. A kiosk still running this version two years on should
be updated anyway, and the warning says so.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

RELEASE_DATE = datetime(2026, 11, 1, tzinfo=UTC)
TRUSTED_FOR = timedelta(days=2 * 365)
SET_THE_CLOCK = (
    "set the date and time (sudo timedatectl set-ntp true with a network, or "
    'sudo timedatectl set-time "YYYY-MM-DD HH:MM:SS")'
)


def clock_problem(now: datetime) -> str | None:
    """What is wrong with the clock reading `now`, in words a volunteer can act on; None if it
    can be right."""
    shown = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    released = RELEASE_DATE.strftime("%Y-%m-%d")
    if now < RELEASE_DATE:
        return (
            f"the clock says {shown}, before this kiosk version was released ({released}): "
            f"{SET_THE_CLOCK}. Signatures taken meanwhile keep that wrong date."
        )
    if now > RELEASE_DATE + TRUSTED_FOR:
        return (
            f"the clock says {shown}, more than two years after this kiosk version was "
            f"released ({released}): if that is wrong, {SET_THE_CLOCK}; if it is right, "
            "update the kiosk."
        )
    return None
