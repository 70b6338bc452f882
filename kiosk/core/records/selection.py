"""Which signatures a reader wants: one case, one event, a span of local days, or all of them.

The letters of a day, an export and its summary all pick signatures the same way; this is the one
place that turns such a choice into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core.clock import utc_bounds


@dataclass(frozen=True)
class Selection:
    """Signatures of a case, an event, between two local days (both included); None: any."""

    case_id: str | None = None
    event_id: str | None = None
    start: date | None = None
    end: date | None = None
    samples: bool = False  # made-up signatures (`kiosk sample`) only when asked for

    def where(self, *, marks_samples: bool = True) -> tuple[str, list[str]]:
        """The SQL condition (" WHERE ...", or "" for all) and its parameters. Only fixed
        clauses go into the text; every value is a bound parameter. `marks_samples` is False
        for a file older than the sample mark (read, never migrated, by `kiosk merge`), which
        holds no made-up signatures."""
        clauses, params = [], []
        if not self.samples and marks_samples:
            clauses.append("sample = 0")
        if self.case_id is not None:
            clauses.append("case_id = ?")
            params.append(self.case_id)
        if self.event_id is not None:
            clauses.append("event_id = ?")
            params.append(self.event_id)
        if self.start is not None:
            clauses.append("signed_at >= ?")
            params.append(utc_bounds(self.start)[0])
        if self.end is not None:
            clauses.append("signed_at < ?")
            params.append(utc_bounds(self.end)[1])
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
