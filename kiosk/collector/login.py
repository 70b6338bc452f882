"""Who sees the dashboard: coordinators who know the collector's password.

The password is kept only as a scrypt hash among the collector's values (`kiosk collect
--set-password`), so every collector process on one database knows the same one. Logging in
gives a session cookie signed with a key kept beside it (itsdangerous): HttpOnly (no script
reads it), SameSite=Strict (no other site's page sends it, so no other site can act with it),
Secure when the collector is reached over HTTPS, valid SESSION_HOURS. It carries a fingerprint
of the password hash: a new password logs every session out.

Until a password is set the dashboard shows no count to anyone, only how to set one. Showing
them on loopback only was the other choice, but behind a reverse proxy on the same machine
every visitor comes from loopback; and setting a password is one command.

Wrong passwords are slowed and limited (`Throttle`): each is answered after WRONG_DELAY
seconds, and an address that gave MAX_FAILURES wrong ones within FAILURE_WINDOW seconds is
refused (429, with Retry-After) until the oldest ages out. Checks run one at a time (scrypt
takes 32 MiB and a tenth of a second): guessing cannot take the stand's laptop. The kiosks'
`/api/records` (bearer token) and `/health` have nothing to do with any of this.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import parse_qs

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core import passwords
from kiosk.core.records.collected import Collection

HASH_NAME = "coordinator_password"  # the name of the password hash among the values
SESSION_KEY = "session_key"
COOKIE = "kiosk_coordinator"
SESSION_HOURS = 24  # a marathon's day (and night) without logging in again
WRONG_DELAY = 1.0  # seconds before a wrong password is answered
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60.0
MAX_ADDRESSES = 10_000  # addresses remembered at once: an attacker's many cannot fill memory
MAX_FORM = 4096  # bytes of a login form

# Headers of every page that shows or asks for anything: nothing but the collector's own
# style sheet and script runs, no other site frames it, and no address leaks onwards.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Throttle:
    """Wrong passwords per client address, within a sliding window."""

    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window: float = FAILURE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self.failures: dict[str, deque[float]] = {}

    def wait(self, address: str) -> float:
        """Seconds `address` must wait before it may try again (0: it may now)."""
        times = self._recent(address)
        if len(times) < self.max_failures:
            return 0.0
        return max(0.0, times[0] + self.window - self.clock())

    def failed(self, address: str) -> None:
        if address not in self.failures and len(self.failures) >= MAX_ADDRESSES:
            self._forget_oldest()
        self.failures.setdefault(address, deque(maxlen=self.max_failures)).append(self.clock())

    def succeeded(self, address: str) -> None:
        self.failures.pop(address, None)

    def _recent(self, address: str) -> deque[float]:
        times = self.failures.get(address, deque())
        while times and times[0] + self.window <= self.clock():
            times.popleft()
        if not times:
            self.failures.pop(address, None)
        return times

    def _forget_oldest(self) -> None:
        for address in list(self.failures):
            self._recent(address)
        if len(self.failures) >= MAX_ADDRESSES:
            oldest = min(self.failures, key=lambda a: self.failures[a][-1])
            del self.failures[oldest]


class Coordinators:
    """The password and sessions of a collector's dashboard, on its collection."""

    def __init__(self, records: Collection, throttle: Throttle | None = None) -> None:
        self.records = records
        self.throttle = throttle or Throttle()
        self.checking = asyncio.Lock()  # one scrypt at a time
        self._signer: URLSafeTimedSerializer | None = None

    def password_hash(self) -> str | None:
        """The hash set by `kiosk collect --set-password` (read each time: another process or
        the command may have changed it)."""
        return self.records.value(HASH_NAME)

    def signer(self) -> URLSafeTimedSerializer:
        if self._signer is None:
            key = self.records.keep_value(SESSION_KEY, secrets.token_hex(32), replace=False)
            self._signer = URLSafeTimedSerializer(key, salt="kiosk-coordinator-session")
        return self._signer

    def session(self, password_hash: str) -> str:
        return self.signer().dumps({"p": fingerprint(password_hash)})

    def logged_in(self, cookie: str | None, password_hash: str) -> bool:
        if not cookie:
            return False
        try:
            data = self.signer().loads(cookie, max_age=SESSION_HOURS * 3600)
        except BadSignature:  # also an expired one (SignatureExpired is a BadSignature)
            return False
        return isinstance(data, dict) and data.get("p") == fingerprint(password_hash)

    def refusal(self, cookie: str | None, wants_page: bool) -> Response | None:
        """None when `cookie` is a logged-in coordinator's session; otherwise the answer:
        the page saying how to set a password, or the way to the login form (for a page) or
        401 (for the JSON). Reads the database: call it on a worker thread."""
        stored = self.password_hash()
        if stored is None:
            if wants_page:
                return html_page(NO_PASSWORD, status_code=403)
            return json_refusal(403, "no coordinator password is set: kiosk collect --set-password")
        if self.logged_in(cookie, stored):
            return None
        if wants_page:
            return RedirectResponse("login", status_code=303, headers=SECURITY_HEADERS)
        return json_refusal(401, "log in first")

    async def login_form(self, request: Request) -> Response:
        if await run_in_threadpool(self.password_hash) is None:
            return html_page(NO_PASSWORD, status_code=403)
        return html_page(login_page())

    async def login(self, request: Request) -> Response:
        """The form's password: a session cookie and the way to the dashboard, or the form
        again (after WRONG_DELAY), or 429 for an address that guessed too often."""
        address = request.client.host if request.client else "?"
        wait = self.throttle.wait(address)
        if wait:
            return too_many(wait)
        password = await _form_password(request)
        stored = await run_in_threadpool(self.password_hash)
        if stored is None:
            return html_page(NO_PASSWORD, status_code=403)
        async with self.checking:
            if (wait := self.throttle.wait(address)) > 0:  # others failed while this waited
                return too_many(wait)
            right = await run_in_threadpool(passwords.matches, stored, password or "")
            if not right:
                self.throttle.failed(address)
        if not right:
            await asyncio.sleep(WRONG_DELAY)  # outside the lock: the right password never waits
            return html_page(login_page("That is not the password."), status_code=401)
        self.throttle.succeeded(address)
        answer = RedirectResponse("./", status_code=303, headers=SECURITY_HEADERS)
        answer.set_cookie(
            COOKIE,
            await run_in_threadpool(self.session, stored),
            max_age=SESSION_HOURS * 3600,
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return answer

    async def logout(self, request: Request) -> Response:
        answer = RedirectResponse("login", status_code=303, headers=SECURITY_HEADERS)
        answer.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return answer


def fingerprint(password_hash: str) -> str:
    """A short digest of the password hash: sessions made under another password fail."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


async def _form_password(request: Request) -> str | None:
    """The `password` field of a small url-encoded form (nothing else is read)."""
    return (await read_form(request)).get("password")


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a small url-encoded form (the first value of each); none when it is over
    MAX_FORM bytes, has no length or is not UTF-8."""
    size = request.headers.get("content-length", "")
    if not size.isdigit() or int(size) > MAX_FORM:
        return {}
    body = await request.body()
    if len(body) > MAX_FORM:
        return {}
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0] for name, values in fields.items()}


def form_token(cookie: str) -> str:
    """The token each form of the dashboard carries, and a POST that changes anything must
    bring back: a digest of the session cookie. Another site's page can neither read the
    cookie (HttpOnly) nor the page that holds the token, so it cannot forge a form; the
    SameSite=Strict cookie already keeps its requests out, this holds where that fails (an
    older browser, a sibling site under the same domain)."""
    return hashlib.sha256(b"kiosk-dashboard-form\0" + cookie.encode()).hexdigest()[:32]


def form_token_matches(cookie: str | None, given: str | None) -> bool:
    if not cookie or not given:
        return False
    return hmac.compare_digest(form_token(cookie).encode(), given.encode())


def too_many(wait: float) -> Response:
    seconds = math.ceil(wait)
    minutes = math.ceil(seconds / 60)
    return html_page(
        login_page(f"Too many wrong passwords from here: try again in {minutes} min."),
        status_code=429,
        headers={"Retry-After": str(seconds)},
    )


def json_refusal(status: int, reason: str) -> Response:
    from starlette.responses import JSONResponse

    return JSONResponse({"error": reason}, status_code=status, headers=SECURITY_HEADERS)


def html_page(body: str, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return HTMLResponse(
        body, status_code=status_code, headers={**SECURITY_HEADERS, **(headers or {})}
    )


SHELL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title} · collector</title>
<link rel="stylesheet" href="dashboard.css">
</head><body>
<header class="bar"><h1>Signatures collected</h1>{back}</header>
<main class="{kind} card">{body}</main>
</body></html>
"""


def shell(title: str, body: str, kind: str = "login", back: bool = False) -> str:
    """A page of the collector's own besides the dashboard (`kind`: its main's class), in the
    dashboard's style, with a way back to the dashboard if `back`. `title` is escaped here;
    `body` is HTML made by the caller."""
    link = '<a class="button" href="./">Dashboard</a>' if back else ""
    return SHELL.format(title=html.escape(title), body=body, kind=kind, back=link)


def login_page(error: str = "") -> str:
    said = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return shell(
        title="Log in",
        body=f"<h2>Coordinators</h2>{said}"
        '<form method="post" action="login">'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" '
        "required autofocus>"
        "<button>Log in</button></form>",
    )


NO_PASSWORD = shell(
    title="Set a password",
    body="<h2>No password is set yet</h2>"
    "<p>The counts are shown only to coordinators who log in. On the machine that runs the "
    "collector, set their password once (it is kept only as a hash):</p>"
    "<p><code>kiosk collect --set-password --database DATABASE</code></p>"
    "<p>with the same <code>--database</code> (and <code>--config</code>) as "
    "<code>kiosk collect</code>, then reload this page. Another password later logs everyone "
    "out.</p>",
)
