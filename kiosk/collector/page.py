"""The collector's status page for the coordinator: counts only, never a name."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from kiosk.collector.forwarding import ForwardingState
from kiosk.core.records import collected

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Collector: {total} signatures</title>
<style>
body {{ font: 18px/1.4 system-ui, sans-serif; margin: 2em; color: #1a1a1a; background: #fbf8f1 }}
h1 {{ font-size: 1.6em }} table {{ border-collapse: collapse; margin-bottom: 2em }}
th, td {{ padding: .4em 1em; border-bottom: 1px solid #ccc; text-align: left }}
td.n {{ text-align: right }} .quiet {{ color: #555 }}
</style></head><body>
<h1>{total} signatures received</h1>
<p class="quiet">Updated {now} (UTC); this page refreshes every 10 seconds.</p>
{forwarding}<h2>Kiosks</h2>
<table><tr><th>kiosk</th><th>signatures</th><th>last report (UTC)</th></tr>{kiosks}</table>
<h2>Cases</h2>
<table><tr><th>case</th><th>signatures</th></tr>{cases}</table>
</body></html>
"""


def status_page(status: collected.Stand, *, forwarding: ForwardingState | None = None) -> str:
    e = html.escape
    kiosk_ids = sorted(set(status.per_kiosk) | set(status.contacts))
    kiosks = "".join(
        f"<tr><td>{e(k)}</td><td class=n>{status.per_kiosk.get(k, 0)}</td>"
        f"<td>{e(status.contacts.get(k, '–'))}</td></tr>"
        for k in kiosk_ids
    )
    cases = "".join(
        f"<tr><td>{e(c)}</td><td class=n>{n}</td></tr>" for c, n in status.per_case.items()
    )
    return PAGE.format(
        total=sum(status.per_kiosk.values()),
        now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        kiosks=kiosks or "<tr><td colspan=3>none yet</td></tr>",
        cases=cases or "<tr><td colspan=2>none yet</td></tr>",
        forwarding=forwarding_line(forwarding) if forwarding else "",
    )


def forwarding_line(state: ForwardingState) -> str:
    """One paragraph: how a stand's forwarding to the central collector goes."""
    e = html.escape
    line = f"Forwarding to {e(state.url)}: {state.waiting} waiting"
    if state.refused:
        line += f", {state.refused} refused (kiosk sync --status on this stand says why)"
    line += f"; last forwarded {e(state.last_success or 'never')}"
    if state.last_error:
        line += f"; last problem {e(state.last_error)}"
    return f'<p class="forwarding">{line}.</p>\n'
