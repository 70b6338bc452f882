"""The coordinators' dashboard: where a stand or a campaign stands, at a glance, all day.

Totals, today's signatures hour by hour, the progress to the campaign's goal
(`collector.goal`), the counts per case, per event and per kiosk, and each kiosk's last report
with the records still waiting on it (kiosks say so with every request). Counts only: the
figures come from `Collection.stand`, which never reads a name, and ids (of cases, events and
kiosks) are the only text shown, escaped.

`view` turns the counts into what is shown (hours of the collector's local day, kiosks late
with records waiting); `page` writes it as HTML (a bar chart in inline SVG, no script needed to
read it) and `as_json` as the small JSON the page's script polls (`dashboard_assets`).
"""

from __future__ import annotations

import functools
import hashlib
import html
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kiosk.collector.dashboard_assets import NO_SCRIPT_REFRESH_SECONDS
from kiosk.collector.forwarding import ForwardingState
from kiosk.core.clock import utc_bounds
from kiosk.core.records.collected import Stand

# A kiosk that has records waiting and has not reported for this long is shown as late: its
# network (or its token) probably fails. One that delivered everything has no reason to report.
LATE_AFTER = timedelta(minutes=15)
QUARTER = timedelta(minutes=15)
# Where the lead adds the "Kiosks" section of pairing (the kiosks of the campaign, and a QR
# code for one waiting to pair): `page(..., kiosks_section=...)` puts that HTML here.
KIOSKS_SECTION = "<!-- kiosks section -->"
# Rows shown of a campaign's long lists (every one is in the JSON): the events with the most
# signatures, and the kiosks that most need a look (late, then most waiting).
SHOWN_EVENTS = 30
SHOWN_KIOSKS = 50


@dataclass(frozen=True)
class Hour:
    """One hour of the local day: its label ('14'), signatures in it, and whether it is the
    current hour or still to come."""

    label: str
    count: int
    now: bool
    later: bool


@dataclass(frozen=True)
class KioskLine:
    """One kiosk: signatures signed on it, when it last reported and what it said still
    waits on it (None: it never said, an older kiosk or one that has not reported)."""

    kiosk_id: str
    signatures: int
    last_report: datetime | None
    waiting: int | None
    late: bool


@dataclass(frozen=True)
class Dashboard:
    total: int
    today: int
    goal: int
    waiting: int
    per_case: list[tuple[str, int]]
    per_event: list[tuple[str, int]]
    kiosks: list[KioskLine]
    hours: list[Hour]
    now: datetime  # local, aware
    sections: str  # HTML beside the counts: forwarding on a stand, the paired kiosks
    version: str  # changes when anything shown changes (and every minute: "3 min ago")


def day_bounds(now: datetime) -> tuple[str, str]:
    """The stored (UTC) times at which the local day of `now` starts and ends."""
    return utc_bounds(now.astimezone().date())


def view(stand: Stand, goal: int, now: datetime | None = None, sections: str = "") -> Dashboard:
    """What the dashboard shows, from the counts of `stand` (with today's quarters, asked
    with `day_bounds(now)`) at the local time `now`, with the HTML `sections` (how forwarding
    goes, the paired kiosks) in the place kept for them. The sections count in the version:
    a page whose forwarding card says "waiting upstream" is redrawn once it went through,
    even when no count changed."""
    now = (now or datetime.now(UTC)).astimezone()
    hours = _hours(stand.per_quarter, now.date(), now)
    kiosks = []
    for kiosk_id in sorted(set(stand.per_kiosk) | set(stand.contacts)):
        last = _moment(stand.contacts.get(kiosk_id), now)
        waiting = stand.waiting.get(kiosk_id)
        late = bool(waiting) and (last is None or now - last > LATE_AFTER)
        kiosks.append(KioskLine(kiosk_id, stand.per_kiosk.get(kiosk_id, 0), last, waiting, late))
    # Everything shown, in the store's (sorted) order: repr is exact and fast enough for every
    # refresh of a campaign with a thousand kiosks.
    shown = (
        stand.per_kiosk,
        stand.per_case,
        stand.per_event,
        stand.per_quarter,
        stand.contacts,
        stand.waiting,
        goal,
        f"{now:%Y-%m-%d %H:%M}",
        sections,
    )
    version = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
    return Dashboard(
        total=sum(stand.per_case.values()),
        today=sum(hour.count for hour in hours),
        goal=goal,
        waiting=sum(stand.waiting.values()),
        per_case=_biggest_first(stand.per_case),
        per_event=_biggest_first(stand.per_event),
        kiosks=kiosks,
        hours=hours,
        now=now,
        sections=sections,
        version=version,
    )


def _biggest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _moment(stored: str | None, now: datetime) -> datetime | None:
    """A stored UTC time in the time zone of `now` (the collector's, as of now)."""
    try:
        return datetime.fromisoformat(stored).astimezone(now.tzinfo) if stored else None
    except ValueError:
        return None


def _hours(per_quarter: dict[str, int], day: date, now: datetime) -> list[Hour]:
    """The local hours of `day` with the signatures of their quarters: 24 of them, or 23 and
    25 on the days the clocks change (an hour is labelled as the clock showed it then)."""
    hours = _day(day, time.tzname, time.timezone)
    ends = [start for _, start, _ in hours[1:]] + [datetime.fromisoformat(utc_bounds(day)[1])]
    return [
        Hour(label, sum(per_quarter.get(key, 0) for key in keys), start <= now < end, start > now)
        for (label, start, keys), end in zip(hours, ends, strict=True)
    ]


@functools.lru_cache(maxsize=4)
def _day(day: date, *zone: object) -> list[tuple[str, datetime, tuple[str, ...]]]:
    """Each local hour of `day` (in the local time zone `zone` names): its label, its start
    and the keys of its UTC quarters. The same all day long: worked out once."""
    since, until = (datetime.fromisoformat(t) for t in utc_bounds(day))
    hours: list[tuple[str, datetime, list[str]]] = []
    moment = since
    while moment < until:
        local = moment.astimezone()
        if not hours or local.minute == 0:  # every offset is whole quarters: hours start on one
            hours.append((f"{local:%H}", moment, []))
        hours[-1][2].append(f"{moment.astimezone(UTC):%Y-%m-%dT%H:%M}")
        moment += QUARTER
    return [(label, start, tuple(keys)) for label, start, keys in hours]


# -- JSON ------------------------------------------------------------------------------------


def as_json(board: Dashboard) -> dict[str, Any]:
    """The dashboard as the page's script polls it (and any other tool may): counts and ids."""
    return {
        "version": board.version,
        "updated": board.now.isoformat(timespec="seconds"),
        "total": board.total,
        "today": board.today,
        "goal": board.goal,
        "waiting": board.waiting,
        "per_case": dict(board.per_case),
        "per_event": dict(board.per_event),
        "per_hour_today": {hour.label: hour.count for hour in board.hours},
        "kiosks": [
            {
                "kiosk_id": line.kiosk_id,
                "signatures": line.signatures,
                "waiting": line.waiting,
                "last_report": line.last_report.isoformat(timespec="seconds")
                if line.last_report
                else None,
                "late": line.late,
            }
            for line in board.kiosks
        ],
    }


# -- HTML ------------------------------------------------------------------------------------

e = html.escape

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<noscript><meta http-equiv="refresh" content="{refresh}"></noscript>
<title>{total} signatures · collector</title>
<link rel="stylesheet" href="dashboard.css">
<script src="dashboard.js" defer></script>
</head><body>
<header class="bar"><h1>Signatures collected</h1>
<form method="post" action="logout"><button>Log out</button></form></header>
{main}
<footer>Counts only: no name ever appears here. Times are this collector's local time
({zone}). <span class="offline">The collector does not answer: these figures may be old.</span>
</footer>
</body></html>
"""


def page(board: Dashboard) -> str:
    """The dashboard as a whole page, its sections in the place kept for them."""
    return PAGE.format(
        refresh=NO_SCRIPT_REFRESH_SECONDS,
        total=f"{board.total:,}",
        zone=e(board.now.tzname() or "local"),
        main=main(board).replace(KIOSKS_SECTION, board.sections or KIOSKS_SECTION),
    )


def main(board: Dashboard) -> str:
    """The part of the page the script swaps when something changed."""
    late = sum(1 for line in board.kiosks if line.late)
    stats = [
        _stat(board.total, "signatures in all", "total"),
        _stat(board.today, "today"),
        _stat(board.waiting, "still waiting on kiosks"),
        _stat(len(board.kiosks), "kiosks" + (f", {late} late" if late else "")),
    ]
    return (
        f'<main data-version="{board.version}">'
        f'<section class="stats" aria-label="totals">{"".join(stats)}</section>'
        f"{_goal(board)}"
        '<div class="grid">'
        f'<section class="card wide"><h2>Today, hour by hour</h2>{_chart(board.hours)}</section>'
        f"{_table('Cases', 'case', board.per_case, board.total)}"
        f"{_table('Events', 'event', board.per_event, board.total, SHOWN_EVENTS)}"
        f"{_kiosks(board)}"
        f"{KIOSKS_SECTION}"
        "</div>"
        f'<p class="quiet">Updated {board.now:%H:%M:%S}.</p>'
        "</main>"
    )


def _stat(count: int, label: str, kind: str = "") -> str:
    return (
        f'<div class="stat {kind}"><span class="n">{count:,}</span>'
        f'<span class="label">{e(label)}</span></div>'
    )


def _goal(board: Dashboard) -> str:
    if not board.goal:
        return ""
    share = min(1.0, board.total / board.goal)
    left = max(0, board.goal - board.total)
    said = f"{left:,} to go" if left else "goal reached!"
    return (
        f'<section class="goal card" aria-label="progress to the goal">'
        f'<div class="track" role="progressbar" aria-valuemin="0" aria-valuemax="{board.goal}" '
        f'aria-valuenow="{board.total}"><svg width="100%" height="100%" aria-hidden="true">'
        f'<rect class="fill" width="{share * 100:.2f}%" height="100%"/>'
        f"</svg></div>"
        f"<p><strong>{share:.0%}</strong> of the goal of {board.goal:,} signatures: {said}</p>"
        "</section>"
    )


def _table(
    title: str, what: str, counts: list[tuple[str, int]], total: int, limit: int | None = None
) -> str:
    rest = counts[limit:] if limit is not None else []
    counts = counts[:limit] if limit is not None else counts
    if not counts:
        rows = f'<tr><td colspan="2" class="quiet">no {what} yet</td></tr>'
    else:
        rows = "".join(
            f'<tr><td class="id wraps">{e(key)}'
            f'<svg class="share" width="100%" height="4" aria-hidden="true">'
            f'<rect width="{n / max(total, 1) * 100:.1f}%" height="4"/>'
            f'</svg></td><td class="n">{n:,}</td></tr>'
            for key, n in counts
        )
    if rest:
        rows += (
            f'<tr><td class="quiet">{len(rest):,} more {e(what)}s</td>'
            f'<td class="n quiet">{sum(n for _, n in rest):,}</td></tr>'
        )
    return (
        f'<section class="card"><h2>{e(title)}</h2><table>'
        f'<tr><th>{e(what)}</th><th class="n">signatures</th></tr>{rows}</table></section>'
    )


def _kiosks(board: Dashboard) -> str:
    if not board.kiosks:
        rows = '<tr><td colspan="4" class="quiet">no kiosk has reported yet</td></tr>'
    else:
        first = sorted(board.kiosks, key=lambda k: (not k.late, -(k.waiting or 0), k.kiosk_id))
        rows = "".join(_kiosk_row(line, board.now) for line in first[:SHOWN_KIOSKS])
        if len(first) > SHOWN_KIOSKS:
            rest = first[SHOWN_KIOSKS:]
            rows += (
                f'<tr><td class="quiet">{len(rest):,} more kiosks'
                f"{_late(sum(k.late for k in rest))}</td>"
                f'<td class="n quiet">{sum(k.signatures for k in rest):,}</td>'
                f'<td class="n quiet">{sum(k.waiting or 0 for k in rest):,}</td><td></td></tr>'
            )
    return (
        '<section class="card wide"><h2>Kiosks reporting</h2><table>'
        '<tr><th>kiosk</th><th class="n">signed</th><th class="n">waiting</th>'
        f'<th>last<span class="hide-narrow"> report</span></th></tr>{rows}</table></section>'
    )


def _late(count: int) -> str:
    return f", {count:,} late" if count else ", none late"


def _kiosk_row(line: KioskLine, now: datetime) -> str:
    if line.last_report is None:
        last = '<span class="quiet">never</span>'
    else:
        last = (
            f'<time datetime="{line.last_report.isoformat(timespec="seconds")}">'
            f"{line.last_report:%H:%M}</time> "
            f'<span class="quiet hide-narrow">({_ago(now - line.last_report)})</span>'
        )
    state = "late" if line.late else ("ok" if line.waiting == 0 else "")
    waiting = "–" if line.waiting is None else f"{line.waiting:,}"
    return (
        f'<tr><td class="id"><span class="dot {state}"></span>{e(line.kiosk_id)}</td>'
        f'<td class="n">{line.signatures:,}</td>'
        f'<td class="n{" late" if line.late else ""}">{waiting}</td><td>{last}</td></tr>'
    )


def _ago(age: timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"


# The chart's geometry, in the SVG's own units (it scales to the card's width).
BAR, GAP, TOP, HEIGHT, BOTTOM = 28, 6, 30, 190, 30


def _chart(hours: list[Hour]) -> str:
    """Signatures per hour as bars (inline SVG: no script, no library, nothing to download);
    each bar's count is its tooltip, the highest one and the current one are written on top."""
    highest = max((hour.count for hour in hours), default=0)
    width = len(hours) * (BAR + GAP)
    parts = [
        f'<svg class="hours" viewBox="0 0 {width} {TOP + HEIGHT + BOTTOM}" role="img" '
        f'aria-label="signatures per hour today, highest {highest:,}">',
        f'<line x1="0" x2="{width}" y1="{TOP + HEIGHT}" y2="{TOP + HEIGHT}"/>',
    ]
    for place, hour in enumerate(hours):
        x = place * (BAR + GAP) + GAP / 2
        tall = round(HEIGHT * hour.count / highest) if highest else 0
        if hour.count and tall < 2:
            tall = 2
        kind = "now" if hour.now else ("later" if hour.later and not hour.count else "")
        shown = tall or (3 if hour.later else 0)  # hours to come: a faint mark
        parts.append(
            f'<rect class="{kind}" x="{x}" y="{TOP + HEIGHT - shown}" width="{BAR}" '
            f'height="{shown}" rx="3"><title>{e(hour.label)}:00: {hour.count:,}</title></rect>'
        )
        if hour.count and (hour.count == highest or hour.now):
            parts.append(
                f'<text class="top" x="{x + BAR / 2}" y="{TOP + HEIGHT - tall - 4}">'
                f"{hour.count:,}</text>"
            )
        if place % 3 == 0:
            parts.append(
                f'<text x="{x + BAR / 2}" y="{TOP + HEIGHT + BOTTOM - 4}">{e(hour.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def forwarding_section(state: ForwardingState) -> str:
    """A stand's card: how its forwarding to the central collector goes (records waiting, the
    last forward, the last problem); put in the place kept for sections beside the counts."""
    line = f"Forwarding to {e(state.url)}: {state.waiting:,} waiting"
    if state.refused:
        line += f", {state.refused:,} refused (kiosk sync --status on this stand says why)"
    line += f"; last forwarded {e(state.last_success or 'never')}"
    if state.last_error:
        line += f"; last problem {e(state.last_error)}"
    return (
        '<section class="card wide forwarding"><h2>Forwarding</h2>'
        f'<p class="forwarding">{line}.</p></section>'
    )
