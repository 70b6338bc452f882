"""The attendee's visit, from the attract screen to the thank-you, as an explicit state machine.

One `Visit` serves every person at the screen in turn. It knows where they are (`Step`), what
they typed and ticked (`Draft`), the case and language they chose, the signature prepared for
the preview and the thank-you after it; it asks the application service to check and to
record. It holds no Qt: the touchscreen's `Session` shows it, the tests drive it alone.

Each step may have an enter and an exit action (`_ACTIONS`), run on every move, so forgetting a
person is one place, not a list of fields every caller must remember. Any exception inside a
step is the failsafe's: it logs the record id (never a name) and goes back to the attract
screen with everything of the person forgotten, because a kiosk must always come back to its
start screen for the next person. The settings (languages, active cases, print mode, idle
times) are read afresh from the service at each return to the attract screen, so a change made
in admin mode reaches the next person and never the one in the middle of signing.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from kiosk.core.errors import (
    DuplicateSignatureError,
    InvalidSignatureError,
    KioskError,
    StorageError,
)
from kiosk.core.names import greeting_name
from kiosk.core.privacy_notice import PrivacyNotice, privacy_notice
from kiosk.core.signatures import Signature, SignerEntry

if TYPE_CHECKING:
    from kiosk.app import KioskService, Recorded
    from kiosk.core.cases import Case
    from kiosk.core.config import IdleSettings, Settings
    from kiosk.core.printing.cups import QueueState

log = logging.getLogger(__name__)

FIELDS = ("given_name", "family_name", "postal_code", "town", "country", "email")


class Step(StrEnum):
    """The screens of a visit, in the order a person meets them."""

    ATTRACT = "attract"
    LANGUAGE = "language"
    STORY = "story"
    FORM = "form"
    PREVIEW = "preview"
    THANKS = "thanks"


# Where each step may lead. Going back to ATTRACT (a reset) is always allowed.
NEXT: dict[Step, frozenset[Step]] = {
    Step.ATTRACT: frozenset({Step.LANGUAGE, Step.STORY}),
    Step.LANGUAGE: frozenset({Step.STORY}),
    Step.STORY: frozenset({Step.FORM, Step.LANGUAGE}),
    Step.FORM: frozenset({Step.STORY, Step.PREVIEW}),
    Step.PREVIEW: frozenset({Step.FORM, Step.THANKS}),
    Step.THANKS: frozenset({Step.FORM, Step.STORY}),
}

# Where "back" leads from each step that has a back button.
BACK: dict[Step, Step] = {
    Step.STORY: Step.LANGUAGE,
    Step.FORM: Step.STORY,
    Step.PREVIEW: Step.FORM,
}


def problem_kind(exc: Exception) -> str:
    """The stable kind of a recording failure, which the screens word in their language.

    Errors will carry their own `kind` (issue 11, item 6); until every one does, the class says.
    """
    kind = getattr(exc, "kind", None)
    if isinstance(kind, str) and kind:
        return kind
    if isinstance(exc, StorageError):
        return "storage"
    if isinstance(exc, DuplicateSignatureError):
        return "duplicate"
    return "unknown"


@dataclass
class Draft:
    """What the person typed, ticked and drew, and what the core said is wrong with it."""

    fields: dict[str, str] = field(default_factory=lambda: dict.fromkeys(FIELDS, ""))
    consents: dict[str, bool] = field(default_factory=dict)
    drawing: dict[str, Any] | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def entry(self) -> SignerEntry:
        return SignerEntry(
            given_name=self.fields["given_name"],
            family_name=self.fields["family_name"],
            postal_code=self.fields["postal_code"],
            town=self.fields["town"],
            country=self.fields["country"],
            email=self.fields["email"],
            consents={cid for cid, given in self.consents.items() if given},
            drawing=self.drawing,
        )


@dataclass(frozen=True)
class ThankYou:
    """The thank-you screen's content: whom to thank, what happens to the letter, where to go
    on (QR links as (kind, url)), and the active cases not yet signed, by id."""

    name: str
    letter: str  # "recorded", "saved", "batch", "printing" or "queued"
    links: tuple[tuple[str, str], ...]
    others: tuple[str, ...]


P = ParamSpec("P")
R = TypeVar("R")


def failsafe(
    step: Callable[Concatenate[Visit, P], R],
) -> Callable[Concatenate[Visit, P], R | None]:
    """Run one step of the visit; if it raises, log where (with the record id) and start over."""

    @functools.wraps(step)
    def guarded(visit: Visit, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return step(visit, *args, **kwargs)
        except Exception as exc:
            visit.fail(step.__name__, exc)
            return None

    return guarded


class Visit:
    """The person at the screen now: where they are, what they gave, and what came of it."""

    def __init__(self, service: KioskService) -> None:
        self.service = service
        self.step = Step.ATTRACT
        self.printer: QueueState | None = None  # the printer at the print worker's last round
        self._forget()

    # -- the settings, as they were at the last reset --------------------------------------

    def _read_settings(self) -> None:
        # Saved settings reach a running visit through `KioskService.subscribe`: the screens'
        # adapter relays them on the UI thread (kiosk/ui/settings.py) and calls
        # `settings_changed`, which starts over on the attract screen, where they are read.
        self.settings: Settings = self.service.config.settings
        self.cases: tuple[Case, ...] = tuple(self.service.active_cases)

    @property
    def offered(self) -> list[str]:
        return list(self.settings.languages.offered)

    @property
    def default_language(self) -> str:
        return self.settings.languages.default

    @property
    def print_mode(self) -> str:
        return self.settings.printing.mode

    @property
    def idle(self) -> IdleSettings:
        return self.settings.idle

    @property
    def goal(self) -> int:
        return self.settings.event.daily_goal

    # -- forgetting a person: the one place that does it ------------------------------------

    def _forget(self) -> None:
        """Drop everything of the last person and read the settings for the next one."""
        self._read_settings()
        self.language = self.default_language
        self.case_index = 0
        self.draft = Draft()
        self.draft.fields["country"] = self.settings.event.country
        self.prepared: Signature | None = None
        self.rendering = False  # the preview picture is being drawn
        self.problem = ""  # the kind of the last recording failure
        self.thanks: ThankYou | None = None
        self.signed_cases: list[str] = []
        self.notice_open = False  # the privacy notice is open over the form
        self.today = self.service.store.count_today()

    def fail(self, where: str, exc: Exception) -> None:
        """The failsafe: say what broke, by record id only, and start over for the next person.
        The exception's text is not logged: it may quote what the person typed."""
        record = self.prepared.uuid if self.prepared is not None else "none"
        frames = traceback.extract_tb(exc.__traceback__)
        at = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        log.error(
            "the visit failed in %s at the %s screen (%s at %s, record %s): back to the start",
            where,
            self.step,
            type(exc).__name__,
            at,
            record,
        )
        self.step = Step.ATTRACT
        try:
            self._forget()
        except Exception as again:  # even the settings failed: forget at least the person
            log.error("starting over failed too (%s)", type(again).__name__)
            self.draft, self.prepared, self.thanks, self.signed_cases = Draft(), None, None, []
            self.problem, self.rendering, self.notice_open = "", False, False

    # -- moving between steps ---------------------------------------------------------------

    def _go(self, step: Step) -> bool:
        """Move to `step` if the flow allows it from here; a stale tap moves nothing."""
        if step is not Step.ATTRACT and step not in NEXT[self.step]:
            log.debug("ignored: from %s to %s", self.step, step)
            return False
        leave, _ = _ACTIONS[self.step]
        if leave is not None:
            leave(self, step)
        self.step = step
        _, enter = _ACTIONS[step]
        if enter is not None:
            enter(self)
        return True

    def enter_attract(self) -> None:
        self._forget()

    def leave_form(self, to: Step) -> None:
        self.notice_open = False

    def leave_preview(self, to: Step) -> None:
        if to is not Step.THANKS:  # back to the form, or a reset: the letter is redone
            self._discard_prepared()

    def leave_thanks(self, to: Step) -> None:
        self.thanks = None
        self._discard_prepared()

    @failsafe
    def reset(self) -> None:
        """Back to the attract screen with nothing of the last person left anywhere."""
        if not self._go(Step.ATTRACT):  # pragma: no cover - ATTRACT is always allowed
            raise AssertionError("the attract screen refused a reset")

    @failsafe
    def settings_changed(self) -> None:
        """The settings were saved (admin mode): the next person gets them."""
        self._go(Step.ATTRACT)

    @failsafe
    def start(self) -> None:
        """The attract screen was touched: a language to choose, or straight to the story."""
        self._go(Step.LANGUAGE if len(self.offered) > 1 else Step.STORY)

    @failsafe
    def choose_language(self, code: str) -> None:
        self.set_language(code)
        if self.step is Step.LANGUAGE:
            self._go(Step.STORY)

    @failsafe
    def set_language(self, code: str) -> None:
        """Switch the language anywhere in the visit; what was typed stays."""
        if code in self.offered:
            self.language = code

    @failsafe
    def sign(self) -> None:
        self._go(Step.FORM)

    @failsafe
    def back(self) -> None:
        target = BACK.get(self.step)
        if target is not None:
            self._go(target)

    @failsafe
    def finish(self) -> None:
        """The person is done: the next one starts from the attract screen."""
        self._go(Step.ATTRACT)

    # -- the case ---------------------------------------------------------------------------

    @property
    def current_case(self) -> Case:
        return self.cases[self.case_index]

    @failsafe
    def select_case(self, index: int) -> None:
        if 0 <= index < len(self.cases) and index != self.case_index:
            self.case_index = index
            self.draft.consents = {}
            self.draft.errors = {}
            self._discard_prepared()

    # -- the form ---------------------------------------------------------------------------

    def _discard_prepared(self) -> None:
        self.prepared = None
        self.rendering = False

    @failsafe
    def set_field(self, name: str, value: str) -> None:
        if name not in FIELDS or self.draft.fields.get(name) == value:
            return
        self.draft.fields[name] = value
        self._discard_prepared()
        self._recheck()

    @failsafe
    def set_consent(self, consent_id: str, given: bool) -> None:
        self.draft.consents[consent_id] = bool(given)
        self._discard_prepared()
        self._recheck()

    @failsafe
    def set_drawing(self, strokes: list, width: float, height: float) -> None:
        """The finger-drawn signature: strokes of [x, y] points in a pad of width x height."""
        cleaned = [[[float(x), float(y)] for x, y in stroke] for stroke in strokes if stroke]
        self.draft.drawing = (
            {"width": width, "height": height, "strokes": cleaned} if cleaned else None
        )
        self._discard_prepared()
        self._recheck()

    def _recheck(self) -> None:
        """Take back the marks of mistakes that are fixed, as the person fixes them, without
        marking new ones while they are still typing. Checked as a whole, since one change can
        fix another field's mark: a family name answers "enter your name" at the given name."""
        if not self.draft.errors:
            return
        try:
            self.service.prepare(self.current_case.id, self.draft.entry(), language=self.language)
            still: dict[str, str] = {}
        except InvalidSignatureError as exc:
            still = exc.codes
        except KioskError:
            return  # said when the form is sent
        self.draft.errors = {f: code for f, code in still.items() if f in self.draft.errors}

    # -- the privacy notice -----------------------------------------------------------------

    @property
    def privacy_notice(self) -> PrivacyNotice:
        """The privacy notice in the visitor's language, or the nearest one written."""
        organisation = self.settings.organisation
        return privacy_notice(
            organisation.privacy_notice,
            organisation.privacy_url,
            self.language,
            self.default_language,
            self.offered,
        )

    @failsafe
    def open_notice(self) -> None:
        """Show the privacy notice over the form; what was typed stays as it is."""
        if self.step is Step.FORM and self.privacy_notice.offered:
            self.notice_open = True

    @failsafe
    def close_notice(self) -> None:
        self.notice_open = False

    # -- the preview ------------------------------------------------------------------------

    @failsafe
    def preview(self) -> Signature | None:
        """Check the form; if it is right, prepare the signature and show its letter.

        Returns the prepared signature, whose letter the caller draws (in the background) and
        hands back with `rendered`; None when the form has mistakes or the step is not the form.
        """
        if self.step is not Step.FORM:
            return None
        try:
            prepared = self.service.prepare(
                self.current_case.id, self.draft.entry(), language=self.language
            )
        except InvalidSignatureError as exc:
            self.draft.errors = dict(exc.codes)
            return None
        except KioskError as exc:  # e.g. the case is gone: the form stays, the screen says why
            log.error("preparing a signature failed: %s", type(exc).__name__)
            self.problem = problem_kind(exc)
            return None
        self.draft.errors = {}
        self.problem = ""
        self._go(Step.PREVIEW)
        self.prepared = prepared
        self.rendering = True
        return prepared

    @failsafe
    def rendered(self, signature: Signature) -> bool:
        """The letter of `signature` was drawn (or failed to be); True if it is still the one
        on screen, False if the person left or changed something meanwhile."""
        if self.prepared is not signature:
            return False
        self.rendering = False
        return True

    # -- confirming -------------------------------------------------------------------------

    @failsafe
    def confirm(self) -> Recorded | None:
        """Record the prepared signature, then thank. A second tap records nothing more.

        A recording failure the core expected (disk full, say) keeps everything and names its
        kind in `problem`, so the same tap can succeed once a volunteer has made room.
        """
        if self.step is not Step.PREVIEW or self.prepared is None:
            return None
        signature = self.prepared
        try:
            outcome = self.service.record(signature)  # returns after the commit
        except KioskError as exc:
            log.error("recording %s failed: %s", signature.uuid, type(exc).__name__)
            self.problem = problem_kind(exc)
            return None
        self.problem = ""
        self.signed_cases.append(signature.case_id)
        self.today = self.service.store.count_today()
        self.thanks = self._thank_you(signature)
        self._go(Step.THANKS)
        return outcome

    def letter_status(self, signature: Signature) -> str:
        """What really happens to the letter, so neither the preview's confirm button nor the
        thank-you promises anything else: no printer is named when letters go to the PDF
        folder, to be printed elsewhere."""
        if not signature.wants_letter or self.print_mode == "off":
            return "recorded"
        if not self.settings.printing.printer:
            return "saved"
        if self.print_mode == "batch":
            return "batch"
        return "printing" if self.printer is None or self.printer.ok else "queued"

    def _thank_you(self, signature: Signature) -> ThankYou:
        organisation = self.settings.organisation
        links = [("follow", self.current_case.url)]
        links += [
            (kind, url)
            for kind, url in (
                ("share", organisation.share_url),
                ("donate", organisation.donate_url),
            )
            if url
        ]
        return ThankYou(
            name=greeting_name(signature.given_name, signature.family_name),
            letter=self.letter_status(signature),
            links=tuple(links),
            others=tuple(c.id for c in self.cases if c.id not in self.signed_cases),
        )

    @failsafe
    def sign_another(self, case_id: str) -> None:
        """Sign for another active case with the same details: only the boxes are new."""
        ids = [c.id for c in self.cases]
        if self.step is not Step.THANKS or case_id not in ids or case_id in self.signed_cases:
            return
        self.case_index = ids.index(case_id)
        self.draft.consents = {}
        self._go(Step.FORM)

    # -- the printer ------------------------------------------------------------------------

    def printer_reported(self, state: QueueState) -> None:
        """The print worker's last round saw the printer so (called on the caller's thread)."""
        self.printer = state

    # -- for tests and the admin screen -----------------------------------------------------

    def traces(self) -> dict[str, Any]:
        """Everything of a person this visit holds (all empty after a reset)."""
        return {
            "fields": {k: v for k, v in self.draft.fields.items() if v and k != "country"},
            "consents": {k: v for k, v in self.draft.consents.items() if v},
            "drawing": self.draft.drawing,
            "errors": self.draft.errors,
            "prepared": self.prepared,
            "thanks": self.thanks,
            "signed cases": self.signed_cases,
            "problem": self.problem,
        }


# Each step's (leave, enter) actions; leave is told where the person goes.
_ACTIONS: dict[Step, tuple[Callable[[Visit, Step], None] | None, Callable[[Visit], None] | None]]
_ACTIONS = {
    Step.ATTRACT: (None, Visit.enter_attract),
    Step.LANGUAGE: (None, None),
    Step.STORY: (None, None),
    Step.FORM: (Visit.leave_form, None),
    Step.PREVIEW: (Visit.leave_preview, None),
    Step.THANKS: (Visit.leave_thanks, None),
}
