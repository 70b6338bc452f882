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

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

RELEASE_DATE = datetime(2026, 11, 1, tzinfo=UTC)
TRUSTED_FOR = timedelta(days=2 * 365)
SET_BY_NETWORK = "sudo timedatectl set-ntp true"
SET_BY_HAND = 'sudo timedatectl set-time "YYYY-MM-DD HH:MM:SS"'
SET_THE_CLOCK = f"set the date and time ({SET_BY_NETWORK} with a network, or {SET_BY_HAND})"


@dataclass(frozen=True)
class ClockProblem:
    """A clock that cannot be right: `kind` is "behind" (before this version's release) or
    "ahead" (more than two years after it), so a screen can say it in its own language; `str()`
    says it in English, for `kiosk doctor` and the log."""

    kind: str
    shown: str  # what the clock says, in UTC
    released: str  # this version's release date

    def __str__(self) -> str:
        if self.kind == "behind":
            return (
                f"the clock says {self.shown}, before this kiosk version was released "
                f"({self.released}): {SET_THE_CLOCK}. Signatures taken meanwhile keep that "
                "wrong date."
            )
        return (
            f"the clock says {self.shown}, more than two years after this kiosk version was "
            f"released ({self.released}): if that is wrong, {SET_THE_CLOCK}; if it is right, "
            "update the kiosk."
        )


def clock_check(now: datetime) -> ClockProblem | None:
    """What is wrong with the clock reading `now`; None if it can be right."""
    shown = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    released = RELEASE_DATE.strftime("%Y-%m-%d")
    if now < RELEASE_DATE:
        return ClockProblem("behind", shown, released)
    if now > RELEASE_DATE + TRUSTED_FOR:
        return ClockProblem("ahead", shown, released)
    return None


def clock_problem(now: datetime) -> str | None:
    """What is wrong with the clock reading `now`, in words a volunteer can act on; None if it
    can be right."""
    problem = clock_check(now)
    return str(problem) if problem is not None else None
