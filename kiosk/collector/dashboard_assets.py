"""The dashboard's style sheet and script, served by the collector itself (`/dashboard.css`,
`/dashboard.js`): a stand may be offline, so nothing comes from elsewhere, and a page whose
Content-Security-Policy allows only its own files runs no script an attacker slipped in.

The colours are the kiosk's own (kiosk/ui/qml/Kiosk/Theme.qml). The script only refreshes: it
asks `/dashboard.json` every few seconds whether anything changed (its `version`) and, if so,
fetches the page again and swaps its <main>; without JavaScript the page reloads itself (a
refresh inside <noscript>). A session that ended (logout elsewhere, a new password) reloads
the page, which then asks to log in.
"""

from __future__ import annotations

REFRESH_SECONDS = 5  # how often the script asks whether anything changed
NO_SCRIPT_REFRESH_SECONDS = 30  # how often the page reloads itself without JavaScript

CSS = """\
:root {
  --bg: #fbf8f1; --card: #ffffff; --text: #1a1a1a; --muted: #595959; --line: #e7e2d8;
  --accent: #ffdd00; --accent-edge: #e6c400; --ink: #1b2a6b; --warn: #a4001d;
  --warn-bg: #fde8ea; --ok: #1e7b3c; --later: #efe9dc;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16161a; --card: #222228; --text: #f1efe9; --muted: #b4b0a6; --line: #3a3a42;
    --ink: #b9c6ff; --warn: #ff8a9a; --warn-bg: #3b1d22; --ok: #6fd391; --later: #2e2e36;
  }
}
* { box-sizing: border-box }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
header.bar {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
  gap: .5rem 1rem; padding: .75rem clamp(1rem, 3vw, 2rem);
  background: var(--accent); color: #111;
}
header.bar h1 { margin: 0; font-size: 1.15rem; letter-spacing: .01em }
header.bar form { margin: 0 }
button, .button {
  font: inherit; font-weight: 600; border: 2px solid #111; border-radius: .5rem;
  background: transparent; color: inherit; padding: .35rem .9rem; cursor: pointer;
}
button:focus-visible, input:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px }
main { padding: clamp(1rem, 3vw, 2rem); max-width: 90rem; margin: 0 auto }
.stats {
  display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(45%, 11rem), 1fr));
}
.stat, .card {
  background: var(--card); border-radius: .9rem; padding: 1rem 1.25rem;
  box-shadow: 0 1px 2px rgba(0, 0, 0, .08), 0 2px 12px rgba(0, 0, 0, .04);
}
.stat .n {
  display: block; font-size: clamp(2rem, 5vw, 2.8rem); font-weight: 750; line-height: 1.1;
  font-variant-numeric: tabular-nums;
}
.stat .label { color: var(--muted); font-size: .95rem }
.stat { border-top: .35rem solid transparent }
.stat.total { border-top-color: var(--accent) }
.goal { margin-top: 1rem }
.goal .track {
  height: 1.1rem; border-radius: .55rem; background: var(--later); overflow: hidden;
}
.goal .track svg { display: block; width: 100%; height: 100% }
.goal rect.fill { fill: var(--accent) }
.goal p { margin: .4rem 0 0; color: var(--muted) }
.grid {
  display: grid; gap: 1rem; margin-top: 1rem;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
}
.card h2 { font-size: 1.05rem; margin: 0 0 .6rem }
.card.wide { grid-column: 1 / -1 }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line) }
th { color: var(--muted); font-weight: 600; font-size: .85rem; text-transform: uppercase;
  letter-spacing: .04em }
td.n, th.n { text-align: right }
tr:last-child td { border-bottom: 0 }
svg.share { display: block; height: 4px; margin-top: .2rem }
svg.share rect { fill: var(--accent) }
.quiet { color: var(--muted) }
.late { color: var(--warn); font-weight: 600 }
td.id { white-space: nowrap } td.id.wraps { white-space: normal; overflow-wrap: anywhere }
.card { overflow-x: auto }
.dot { display: inline-block; width: .6rem; height: .6rem; border-radius: 50%; margin-right: .4rem;
  background: var(--muted) }
.dot.ok { background: var(--ok) } .dot.late { background: var(--warn) }
svg.hours { width: 100%; height: auto; max-height: 19rem; display: block }
svg.hours rect { fill: var(--accent); stroke: var(--accent-edge) }
svg.hours rect.later { fill: var(--later); stroke: none }
svg.hours rect.now { fill: var(--ink); stroke: none }
svg.hours text { fill: var(--muted); font-size: 14px; text-anchor: middle }
svg.hours text.top { fill: var(--text); font-weight: 700; font-size: 15px }
svg.hours line { stroke: var(--line) }
footer { padding: 0 clamp(1rem, 3vw, 2rem) 2rem; color: var(--muted); font-size: .9rem;
  max-width: 90rem; margin: 0 auto }
.offline { display: none; color: var(--warn); font-weight: 600 }
body.offline .offline { display: inline }
.login { max-width: 24rem; margin: 10vh auto; }
.login label { display: block; font-weight: 600; margin: .8rem 0 .3rem }
.login input {
  width: 100%; font: inherit; padding: .6rem .7rem; border-radius: .5rem;
  border: 2px solid var(--line); background: var(--bg); color: var(--text);
}
.login button { margin-top: 1rem; width: 100%; background: var(--accent); color: #111;
  padding: .6rem }
.error {
  background: var(--warn-bg); color: var(--warn); padding: .6rem .8rem; border-radius: .5rem;
}
code { overflow-wrap: anywhere }
a.button { display: inline-block; text-decoration: none; white-space: nowrap }
.kiosks td form { margin: 0 }
.kiosks .state { font-weight: 600 }
.kiosks .state.paired { color: var(--ok) } .kiosks .state.revoked { color: var(--warn) }
.add-kiosk { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-top: 1rem }
.add-kiosk label { font-weight: 600 }
.add-kiosk input, .kiosk-page input {
  font: inherit; padding: .35rem .6rem; border-radius: .5rem; border: 2px solid var(--line);
  background: var(--bg); color: var(--text); min-width: 12rem;
}
.add-kiosk p { flex-basis: 100%; margin: 0; font-size: .9rem }
.kiosk-page { max-width: 40rem; margin: 2rem auto }
.pairing-code {
  font: 700 clamp(2.2rem, 9vw, 3.6rem)/1.1 ui-monospace, "DejaVu Sans Mono", monospace;
  letter-spacing: .08em; margin: .5rem 0; overflow-wrap: anywhere;
}
.qr { background: #fff; display: inline-block; padding: .5rem; border-radius: .5rem }
.qr svg { display: block; width: min(16rem, 70vw); height: auto }
.qr path { fill: #000 }
.pair-command { font-size: 1.1rem; user-select: all }
button.danger { background: var(--warn); border-color: var(--warn); color: var(--card) }
@media (max-width: 40rem) {
  th, td { padding: .35rem .3rem }
  .stat { padding: .8rem 1rem }
  .hide-narrow { display: none }
  svg.hours text { font-size: 22px } svg.hours text.top { font-size: 24px }
  main { padding: .75rem } .stats, .grid { gap: .75rem }
  .kiosks .button, .kiosks td button { padding: .3rem .5rem }
}
"""

JS = """\
"use strict";
(function () {
  var main = document.querySelector("main[data-version]");
  if (!main) return;
  function page(ok) { document.body.classList.toggle("offline", !ok); }
  function refresh() {
    fetch("dashboard.json", {cache: "no-store", credentials: "same-origin"})
      .then(function (answer) {
        if (answer.status === 401 || answer.status === 403) {
          location.reload();
          throw new Error("logged out");
        }
        return answer.json();
      })
      .then(function (data) {
        page(true);
        if (data.version === main.dataset.version) return;
        return fetch(location.pathname, {cache: "no-store", credentials: "same-origin"})
          .then(function (answer) { return answer.text(); })
          .then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html")
              .querySelector("main[data-version]");
            if (fresh) { main.replaceWith(fresh); main = fresh; }
          });
      })
      .catch(function () { page(false); });
  }
  setInterval(refresh, REFRESH_MS);
})();
""".replace("REFRESH_MS", str(REFRESH_SECONDS * 1000))
