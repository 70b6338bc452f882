"""The kiosks of this collector on the coordinators' dashboard: listed, added, revoked.

The dashboard shows each kiosk added to the collector (`section`), with its state and when it
last reported (a time: nothing of any signer), a form that adds one, and beside each a
"Revoke" link to a page that asks first (a revoked kiosk's records stay waiting on it).

Adding a kiosk makes its one-time code, which the collector keeps only as a hash: it exists
in plain only in the answer to that POST. The answer is a redirect (POST-redirect-GET) to
`CODE_PATH`, carrying the code in a cookie signed with the session key, HttpOnly, for that
one path and `CODE_COOKIE_SECONDS`; that page shows it (large, as a QR code and in the
`kiosk pair URL CODE` line) and deletes the cookie, and is sent no-store. So reloading it shows
"no code to show" instead of the code, and the browser never offers to send the form again
(which would make a new code and void the one just read out). A cookie rather than this
process's memory: with several collector processes behind one address, the page may come
from another one; they share the key.

Every POST here needs the coordinator's session and the form token (`login.form_token`) the
page gave: the SameSite=Strict cookie keeps other sites' requests out, and the token holds
where a browser does not honour that. A token rather than a check of the Origin header: the
pages are sent with `Referrer-Policy: no-referrer`, under which browsers send `Origin: null`
even for the collector's own forms, and behind a reverse proxy the address the browser used
is not the one the collector sees.
"""

from __future__ import annotations

import html
import ipaddress
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from itsdangerous import BadSignature
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kiosk.collector.dashboard_routes import one_route
from kiosk.collector.login import (
    COOKIE,
    SECURITY_HEADERS,
    Coordinators,
    form_token,
    form_token_matches,
    html_page,
    read_form,
    shell,
)
from kiosk.collector.pairing import (
    KioskPairedError,
    KioskState,
    NewCode,
    UnknownKioskError,
    add_kiosk,
    code_svg,
    kiosk_states,
    revoke_kiosk,
)
from kiosk.core.delivery.pairing import KioskEntryError
from kiosk.core.records.paired import KioskRegistry

ADD_PATH = "/add-kiosk"
CODE_PATH = "/new-kiosk-code"
REVOKE_PATH = "/revoke-kiosk"
FORM_FIELD = "form_token"
CODE_COOKIE = "kiosk_new_code"
CODE_COOKIE_SECONDS = 120  # from the redirect to the page that shows the code, with a margin
CODE_SALT = "kiosk-new-code"
NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}"  # as `kiosk.id`, for the browser's check
SHOWN_STATES = {
    "waiting": "waiting to pair",
    "paired": "paired",
    "revoked": "revoked",
    "expired": "code expired",
}

e = html.escape


# -- the section on the dashboard -------------------------------------------------------------


def section(states: list[KioskState], form: str) -> str:
    """The dashboard's "Kiosks of this collector" card: each kiosk with its state and last
    report, a way to revoke it or give it a new code, and the form that adds one; `form` is
    the session's form token."""
    if states:
        rows = "".join(_row(state, form) for state in states)
    else:
        rows = '<tr><td colspan="4" class="quiet">no kiosk added yet: add the first below</td></tr>'
    return (
        '<section class="card wide kiosks" id="kiosks" aria-labelledby="kiosks-title">'
        '<h2 id="kiosks-title">Kiosks of this collector</h2><table>'
        '<tr><th>kiosk</th><th>state</th><th>last<span class="hide-narrow"> report</span></th>'
        f"<th></th></tr>{rows}</table>"
        f'<form method="post" action="{ADD_PATH[1:]}" class="add-kiosk">'
        f"{_token(form)}"
        '<label for="kiosk-name">Add a kiosk</label>'
        f'<input id="kiosk-name" name="name" required maxlength="64" pattern="{NAME_PATTERN}" '
        'placeholder="bern-1" autocomplete="off" aria-describedby="kiosk-name-help">'
        "<button>Add</button>"
        '<p id="kiosk-name-help" class="quiet">A name of letters, digits, dots, hyphens or '
        "underscores. You get a one-time code to pair it with.</p>"
        "</form></section>"
    )


def _row(state: KioskState, form: str) -> str:
    since = {
        "waiting": f"code until {_local(state.code_expires_at)}",
        "paired": f"since {_local(state.paired_at)}",
        "revoked": f"at {_local(state.revoked_at)}",
        "expired": "add it again for a new code",
    }.get(state.state, "")
    if state.state in ("waiting", "paired"):
        action = (
            f'<a class="button" href="{REVOKE_PATH[1:]}?name={quote(state.name, safe="")}">'
            f'Revoke<span class="hide-narrow"> {e(state.name)}</span></a>'
        )
    else:  # revoked or expired: a new code pairs it (again)
        action = (
            f'<form method="post" action="{ADD_PATH[1:]}">{_token(form)}'
            f'<input type="hidden" name="name" value="{e(state.name)}">'
            f'<button>New code<span class="hide-narrow"> for {e(state.name)}</span></button>'
            "</form>"
        )
    last = '<span class="quiet">never</span>'
    if state.last_report:
        last = _local(state.last_report, short=True)
    return (
        f'<tr><td class="id">{e(state.name)}</td>'
        f'<td><span class="state {e(state.state)}">{e(SHOWN_STATES.get(state.state, state.state))}'
        f'</span> <span class="quiet hide-narrow">{since}</span></td>'
        f"<td>{last}</td><td>{action}</td></tr>"
    )


def _local(stored: str, short: bool = False) -> str:
    """A stored UTC time as the collector's local date and time, in a <time> element; `short`:
    the date left out on a phone's narrow screen."""
    try:
        moment = datetime.fromisoformat(stored).astimezone()
    except ValueError:
        return e(stored)
    day = f'<span class="hide-narrow">{moment:%Y-%m-%d} </span>' if short else f"{moment:%Y-%m-%d} "
    return f'<time datetime="{e(stored)}">{day}{moment:%H:%M}</time>'


def _token(form: str) -> str:
    return f'<input type="hidden" name="{FORM_FIELD}" value="{e(form)}">'


# -- pages of their own -----------------------------------------------------------------------


def _page(title: str, body: str, status_code: int = 200) -> Response:
    return html_page(shell(title, body, kind="kiosk-page", back=True), status_code=status_code)


def _problem(title: str, reason: str, status_code: int) -> Response:
    return _page(
        title,
        f'<h2>{e(title)}</h2><p class="error" role="alert">{e(reason)}</p>'
        '<p><a href="./#kiosks">Back to the kiosks</a></p>',
        status_code,
    )


def code_page(made: NewCode, base: str) -> str:
    """The page that shows a new kiosk's code, once: large, as a QR code, and as the command
    to type on the kiosk, with `base` the collector's address as the browser reached it."""
    command = f"kiosk pair {base} {made.code}"
    host = base.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
    if base.startswith("http://") and not _loopback(host):
        command += " --allow-http"  # kiosk pair refuses plain HTTP elsewhere unless told
    note = ""
    if _loopback(host):
        note = (
            '<p class="error">This page was opened on the collector\'s own machine: on the '
            f"kiosk, put this computer's address on the stand's network in place of {e(host)}."
            "</p>"
        )
    return (
        f"<h2>Kiosk {e(made.name)} added</h2>"
        f"<p>Its pairing code works once, until {_local(made.expires_at)}:</p>"
        f'<p class="pairing-code">{e(made.code)}</p>'
        f'<div class="qr" role="img" aria-label="the code as a QR code">{code_svg(made.code)}</div>'
        "<p>On the kiosk, type (or give the code to <code>kiosk setup</code> when it asks for a "
        "pairing code):</p>"
        f'<p><code class="pair-command">{e(command)}</code></p>{note}'
        '<p class="quiet">The collector keeps only a hash of the code: this page shows it '
        "now and never again. Lost it? Add the kiosk again for a new one (the old one then "
        'stops working).</p><p><a class="button" href="./#kiosks">Done</a></p>'
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


NO_CODE = (
    "<h2>No code to show</h2><p>A kiosk's code is shown once, right after it is made, and this "
    "one was shown already (or took more than two minutes to get here). Add the kiosk again on "
    'the dashboard for a new code.</p><p><a class="button" href="./#kiosks">Back to the kiosks'
    "</a></p>"
)


def confirm_page(state: KioskState, form: str) -> str:
    """Asks before a kiosk is revoked, saying what that does."""
    return (
        f"<h2>Revoke kiosk {e(state.name)}?</h2>"
        "<p>The collector refuses it from now on (a lost or stolen kiosk). Its records stay "
        "waiting on it, nothing is lost: give it a new code with <em>Add a kiosk</em> under "
        "the same name, pair it again, and it delivers them.</p>"
        f'<form method="post" action="{REVOKE_PATH[1:]}">{_token(form)}'
        f'<input type="hidden" name="name" value="{e(state.name)}">'
        f'<button class="danger">Revoke {e(state.name)}</button> '
        '<a class="button" href="./#kiosks">Cancel</a></form>'
    )


# -- the routes -------------------------------------------------------------------------------


def kiosk_routes(kiosks: KioskRegistry, coordinators: Coordinators) -> list[Route]:
    """The routes that add and revoke `kiosks` from the dashboard, behind the login of
    `coordinators`."""

    async def session(request: Request, wants_form: dict[str, str] | None) -> Response | None:
        """None for a logged-in coordinator (whose POSTed form carries the session's token);
        otherwise the answer (the way to the login, or 403)."""
        cookie = request.cookies.get(COOKIE)
        if refused := await run_in_threadpool(coordinators.refusal, cookie, True):
            return refused
        if wants_form is not None and not form_token_matches(cookie, wants_form.get(FORM_FIELD)):
            return _problem(
                "Not sent from the dashboard",
                "This form did not come from the dashboard of this session (another site's "
                "page, or one opened before you logged in again). Reload the dashboard and try "
                "again.",
                403,
            )
        return None

    async def add(request: Request) -> Response:
        form = await read_form(request)
        if refused := await session(request, form):
            return refused
        name = form.get("name", "").strip()
        try:
            made = await run_in_threadpool(add_kiosk, kiosks, name)
        except KioskPairedError as error:
            return _problem("Kiosk paired already", str(error), 409)
        except KioskEntryError as error:
            return _problem("Not a kiosk's name", str(error), 400)
        answer = RedirectResponse(CODE_PATH[1:], status_code=303, headers=SECURITY_HEADERS)
        signed = coordinators.signer().dumps(
            {"n": made.name, "c": made.code, "e": made.expires_at}, salt=CODE_SALT
        )
        answer.set_cookie(CODE_COOKIE, signed, **_code_cookie(request), max_age=CODE_COOKIE_SECONDS)
        return answer

    async def new_code(request: Request) -> Response:
        if refused := await session(request, None):
            return refused
        made = None
        try:
            data = coordinators.signer().loads(
                request.cookies.get(CODE_COOKIE, ""), max_age=CODE_COOKIE_SECONDS, salt=CODE_SALT
            )
            made = NewCode(name=str(data["n"]), code=str(data["c"]), expires_at=str(data["e"]))
        except (BadSignature, KeyError, TypeError):
            pass
        if made is None:
            answer = _page("No code to show", NO_CODE, 404)
        else:
            base = str(request.base_url).rstrip("/")
            answer = _page(f"Kiosk {made.name}", code_page(made, base))
        answer.delete_cookie(CODE_COOKIE, **_code_cookie(request))  # shown once
        return answer

    def known(name: str) -> KioskState | None:
        return next((s for s in kiosk_states(kiosks) if s.name == name), None)

    async def confirm(request: Request) -> Response:
        if refused := await session(request, None):
            return refused
        name = request.query_params.get("name", "")
        state = await run_in_threadpool(known, name)
        if state is None:
            return _problem("No such kiosk", f"No kiosk named '{name}' was added here.", 404)
        form = form_token(request.cookies.get(COOKIE, ""))
        return _page(f"Revoke {state.name}?", confirm_page(state, form))

    async def revoke(request: Request) -> Response:
        form = await read_form(request)
        if refused := await session(request, form):
            return refused
        try:
            await run_in_threadpool(revoke_kiosk, kiosks, form.get("name", ""))
        except UnknownKioskError as error:
            return _problem("No such kiosk", str(error), 404)
        return RedirectResponse("./#kiosks", status_code=303, headers=SECURITY_HEADERS)

    return [
        Route(ADD_PATH, add, methods=["POST"]),
        Route(CODE_PATH, new_code, methods=["GET"]),
        one_route(REVOKE_PATH, GET=confirm, POST=revoke),
    ]


def _code_cookie(request: Request) -> dict[str, object]:
    return {
        "path": CODE_PATH,
        "httponly": True,
        "samesite": "strict",
        "secure": request.url.scheme == "https",
    }


def kiosks_section(kiosks: KioskRegistry) -> Callable[[str], str]:
    """What the dashboard puts in its place for the kiosks: `section` of the kiosks now, for
    the session's form token (called on a worker thread)."""
    return lambda form: section(kiosk_states(kiosks), form)
