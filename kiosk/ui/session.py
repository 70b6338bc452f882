"""The attendee at the screen: where they are in the flow, what they typed, their letter.

One `Session` serves every person in turn. QML shows its properties and calls its slots; all
checking and recording happens in the core (`KioskService`). At a reset, everything a person
left is dropped: fields, consents, the drawn signature, the prepared record, the preview
picture, the thank-you with their name. Nothing of one signer is ever shown to the next.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.app import KioskService
from kiosk.core.countries import countries_for
from kiosk.core.errors import InvalidSignatureError, KioskError
from kiosk.core.printing.cups import QueueState
from kiosk.core.printing.queue import Report
from kiosk.core.printing.worker import PrintWorker
from kiosk.core.signatures import Signature, SignerEntry
from kiosk.ui.background import run_in_background
from kiosk.ui.cards import case_card, in_every_language
from kiosk.ui.flow import Flow, FlowError, Step
from kiosk.ui.images import KioskImages, qr_source

log = logging.getLogger(__name__)

FIELDS = ("given_name", "family_name", "postal_code", "town", "country", "email")

# Qt Virtual Keyboard layouts by language (it has no fr_CH or de_CH: the French and German
# layouts serve Switzerland too). A language without a layout gets the English one.
KEYBOARDS = {
    "fr": "fr_FR",
    "de": "de_DE",
    "en": "en_GB",
    "it": "it_IT",
    "es": "es_ES",
    "pt": "pt_PT",
    "nl": "nl_NL",
    "pl": "pl_PL",
    "ru": "ru_RU",
    "uk": "uk_UA",
    "ar": "ar_AR",
    "he": "he_IL",
    "tr": "tr_TR",
}


def language_name(code: str) -> str:
    """A language's name in itself, as a speaker looks for it: "Français", "Deutsch"."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def split_story(markdown: str) -> tuple[str, str]:
    """The story's lead (its first paragraph) and the rest, both still Markdown."""
    parts = markdown.strip().split("\n\n", 1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


class Session(QObject):
    stepChanged = Signal()
    languageChanged = Signal()
    caseChanged = Signal()
    formChanged = Signal()
    previewChanged = Signal()
    thanksChanged = Signal()
    countsChanged = Signal()
    busyChanged = Signal()
    problemChanged = Signal()
    recorded = Signal(str)  # a signature's UUID, once committed

    def __init__(
        self,
        service: KioskService,
        images: KioskImages,
        printer: PrintWorker | None = None,
        on_language: Any = None,
        phrase: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.images = images
        self.printer = printer
        self.on_language = on_language  # installs the screen translation (set by the app)
        # phrase(language, context, text): a screen text in a language other than the current
        # one, for the attract screen's invitation in every offered language.
        self.phrase = phrase or (lambda language, context, text: text)
        settings = service.config.settings
        self.offered = list(settings.languages.offered)
        self.default_language = settings.languages.default
        self.flow = Flow()
        self._language = self.default_language
        self._case_index = 0
        self._today = service.store.count_today()
        self._printer_state: QueueState | None = None
        self._printer_lock = threading.Lock()
        self._generation = 0  # bumped at each reset: late background results are dropped
        self._clear_person()

    # -- what one person leaves behind, and forgetting it ---------------------------------

    def _clear_person(self) -> None:
        self._fields = dict.fromkeys(FIELDS, "")
        self._fields["country"] = self.service.config.settings.event.country
        self._consents: dict[str, bool] = {}
        self._drawing: dict[str, Any] | None = None
        self._errors: dict[str, str] = {}
        self._prepared: Signature | None = None
        self._preview = ""
        self._busy = False
        self._problem = ""
        self._thanks: dict[str, Any] = {}
        self._signed_cases: list[str] = []
        self.images.forget_previews()

    @Slot()
    def reset(self) -> None:
        """Back to the attract screen with nothing of the last person left anywhere."""
        self._generation += 1
        self._clear_person()
        self.flow.reset()
        self._case_index = 0
        self._today = self.service.store.count_today()
        language_changed = self._language != self.default_language
        self._language = self.default_language
        if language_changed and self.on_language:
            self.on_language(self._language)
        for signal in (
            self.formChanged,
            self.previewChanged,
            self.thanksChanged,
            self.busyChanged,
            self.problemChanged,
            self.countsChanged,
            self.caseChanged,
            self.languageChanged,
            self.stepChanged,
        ):
            signal.emit()

    # -- the flow ---------------------------------------------------------------------------

    def _go(self, step: Step) -> bool:
        try:
            self.flow.go(step)
        except FlowError as exc:
            log.debug("ignored: %s", exc)  # a stale tap on a screen that has gone
            return False
        self.stepChanged.emit()
        return True

    @Property(str, notify=stepChanged)
    def step(self) -> str:
        return str(self.flow.step)

    @Slot()
    def start(self) -> None:
        self._go(Step.LANGUAGE if len(self.offered) > 1 else Step.STORY)

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        self.setLanguage(code)
        if self.flow.step is Step.LANGUAGE:
            self._go(Step.STORY)

    @Slot()
    def sign(self) -> None:
        self._go(Step.FORM)

    @Slot()
    def back(self) -> None:
        target = {
            Step.STORY: Step.LANGUAGE,
            Step.FORM: Step.STORY,
            Step.PREVIEW: Step.FORM,
        }.get(self.flow.step)
        if target is Step.FORM:
            self._discard_preview()
        if target is not None:
            self._go(target)

    # -- language ---------------------------------------------------------------------------

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        """Switch the screens' language anywhere in the flow; what was typed stays."""
        if code not in self.offered or code == self._language:
            return
        self._language = code
        if self.on_language:
            self.on_language(code)
        self.languageChanged.emit()
        self.caseChanged.emit()
        self.formChanged.emit()

    @Property(list, notify=languageChanged)
    def invitations(self) -> list[str]:
        """ "Touch to write a letter" in every offered language, in the order offered."""
        return self._in_every_language("AttractScreen", "Touch to write a letter")

    @Property(list, notify=languageChanged)
    def languagePrompts(self) -> list[str]:
        return self._in_every_language("AttractScreen", "Choose your language")

    def _in_every_language(self, context: str, text: str) -> list[str]:
        return in_every_language(self.phrase, self.offered, context, text)

    @Property(str, notify=languageChanged)  # re-read at each reset: admin may change it
    def printMode(self) -> str:
        return self.service.config.settings.printing.mode

    @Property(list, notify=languageChanged)
    def languages(self) -> list[dict[str, str]]:
        return [{"code": c, "name": language_name(c)} for c in self.offered]

    @Property(str, notify=languageChanged)
    def keyboardLocale(self) -> str:
        return KEYBOARDS.get(self._language, "en_GB")

    @Property(list, notify=languageChanged)
    def countries(self) -> list[dict[str, str]]:
        first = self.service.config.settings.event.country
        return [{"code": c, "name": n} for c, n in countries_for(self._language, first)]

    # -- cases ------------------------------------------------------------------------------

    @Property(list, notify=caseChanged)
    def cases(self) -> list[dict[str, str]]:
        return [self._case_summary(c) for c in self.service.active_cases]

    def _case_summary(self, case) -> dict[str, str]:
        title = case.title(self._language)
        return case_card(case.id, case.person, title, case.photo is not None, case.photo_credit)

    @property
    def current(self):
        return self.service.active_cases[self._case_index]

    @Property(int, notify=caseChanged)
    def caseIndex(self) -> int:
        return self._case_index

    @Slot(int)
    def selectCase(self, index: int) -> None:
        if 0 <= index < len(self.service.active_cases) and index != self._case_index:
            self._case_index = index
            self._consents = {}
            self._discard_preview()
            self._errors = {}
            self.caseChanged.emit()
            self.formChanged.emit()

    @Property("QVariantMap", notify=caseChanged)
    def case(self) -> dict[str, Any]:
        case = self.current
        lead, body = split_story(case.story(self._language))
        language = case.language_for(self._language)
        return {
            **self._case_summary(case),
            "lead": lead,
            "story": body,
            "consents": [
                {
                    "id": c.id,
                    "text": c.text.get(language) or next(iter(c.text.values())),
                    "required": c.required,
                    "requiresEmail": c.requires_email,
                }
                for c in case.consents
            ],
        }

    # -- the form ---------------------------------------------------------------------------

    @Property("QVariantMap", notify=formChanged)
    def fields(self) -> dict[str, str]:
        return dict(self._fields)

    @Property("QVariantMap", notify=formChanged)
    def consents(self) -> dict[str, bool]:
        return dict(self._consents)

    @Property("QVariantMap", notify=formChanged)
    def errors(self) -> dict[str, str]:
        """Field (or `consent_<id>`) -> the code of what is wrong; QML words it."""
        return dict(self._errors)

    @Property(bool, notify=formChanged)
    def hasDrawing(self) -> bool:
        return self._drawing is not None

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        if name not in FIELDS or self._fields.get(name) == value:
            return
        self._fields[name] = value
        self._errors.pop(name, None)
        self._discard_preview()
        self.formChanged.emit()

    @Slot(str, bool)
    def setConsent(self, consent_id: str, given: bool) -> None:
        self._consents[consent_id] = bool(given)
        self._errors.pop(f"consent_{consent_id}", None)
        if given:
            self._errors.pop("email", None)
        self._discard_preview()
        self.formChanged.emit()

    @Slot("QVariantList", float, float)
    def setDrawing(self, strokes: list, width: float, height: float) -> None:
        """The finger-drawn signature: strokes of [x, y] points in a pad of width x height."""
        cleaned = [[[float(x), float(y)] for x, y in stroke] for stroke in strokes if stroke]
        self._drawing = {"width": width, "height": height, "strokes": cleaned} if cleaned else None
        self._errors.pop("drawing", None)
        self._discard_preview()
        self.formChanged.emit()

    @Slot()
    def clearDrawing(self) -> None:
        self.setDrawing([], 1.0, 1.0)

    def _entry(self) -> SignerEntry:
        return SignerEntry(
            given_name=self._fields["given_name"],
            family_name=self._fields["family_name"],
            postal_code=self._fields["postal_code"],
            town=self._fields["town"],
            country=self._fields["country"],
            email=self._fields["email"],
            consents={cid for cid, given in self._consents.items() if given},
            drawing=self._drawing,
        )

    def _discard_preview(self) -> None:
        if self._prepared is not None or self._preview:
            self._prepared = None
            self._preview = ""
            self.images.forget_previews()
            self.previewChanged.emit()

    # -- preview ----------------------------------------------------------------------------

    @Property(str, notify=previewChanged)
    def previewSource(self) -> str:
        return self._preview

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit()

    @Slot()
    def preview(self) -> None:
        """Check the form; if it is right, show the letter as it will print."""
        if self.flow.step is not Step.FORM:
            return
        try:
            prepared = self.service.prepare(self.current.id, self._entry(), language=self._language)
        except InvalidSignatureError as exc:
            self._errors = dict(exc.codes)
            self.formChanged.emit()
            return
        self._errors = {}
        self._prepared = prepared
        self._problem = ""
        self.problemChanged.emit()
        self.formChanged.emit()
        self._go(Step.PREVIEW)
        self._set_busy(True)
        generation = self._generation
        case = self.current
        event_name = self.service.config.settings.event.name

        def work() -> bytes:
            from kiosk.core.letters.layout import render_letter  # reportlab, off the start-up path
            from kiosk.core.letters.preview import pdf_to_png

            return pdf_to_png(render_letter(prepared, case, event_name))

        def done(png: bytes) -> None:
            if generation != self._generation or self._prepared is not prepared:
                return  # the person left or changed something meanwhile
            self._preview = self.images.add_preview(prepared.uuid, png)
            self._set_busy(False)
            self.previewChanged.emit()

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            log.warning("preview of %s failed: %s", prepared.uuid, exc)
            self._set_busy(False)  # the letter can still be confirmed without a picture
            self.previewChanged.emit()

        run_in_background(work, done, failed)

    # -- confirming -------------------------------------------------------------------------

    @Property(str, notify=problemChanged)
    def problem(self) -> str:
        """Why recording failed, in the core's words (the screen adds its own sentence)."""
        return self._problem

    @Slot()
    def confirm(self) -> None:
        """Record the signature, then say thank you. A second tap records nothing more."""
        if self.flow.step is not Step.PREVIEW or self._prepared is None:
            return
        signature = self._prepared
        try:
            outcome = self.service.record(signature)  # returns after the commit
        except KioskError as exc:
            log.error("recording %s failed: %s", signature.uuid, exc)
            self._problem = str(exc)
            self.problemChanged.emit()
            return
        if outcome.created:
            self.recorded.emit(signature.uuid)
            if self.printer is not None:
                self.printer.wake()
        self._signed_cases.append(signature.case_id)
        self._today = self.service.store.count_today()
        self._thanks = self._thank_you(signature)
        self.countsChanged.emit()
        self.thanksChanged.emit()
        self._go(Step.THANKS)

    @property
    def printer_state(self) -> QueueState | None:
        """The printer's state at the print worker's last round (None before the first)."""
        with self._printer_lock:
            return self._printer_state

    def printer_report(self, report: Report) -> None:
        """Called by the print worker (on its thread) after each round."""
        with self._printer_lock:
            self._printer_state = report.status

    def _letter_status(self, signature: Signature) -> str:
        mode = self.service.config.settings.printing.mode
        if not signature.wants_letter or mode == "off":
            return "recorded"
        if mode == "batch":
            return "batch"
        with self._printer_lock:
            state = self._printer_state
        return "printing" if state is None or state.ok else "queued"

    def _thank_you(self, signature: Signature) -> dict[str, Any]:
        organisation = self.service.config.settings.organisation
        case = self.current
        links = [("follow", case.url)]
        links += [
            (kind, url)
            for kind, url in (
                ("share", organisation.share_url),
                ("donate", organisation.donate_url),
            )
            if url
        ]
        codes = [{"kind": kind, "source": qr_source(url), "url": url} for kind, url in links]
        others = [
            self._case_summary(c)
            for c in self.service.active_cases
            if c.id not in self._signed_cases
        ]
        return {
            "name": signature.given_name or signature.family_name,
            "letter": self._letter_status(signature),
            "codes": codes,
            "others": others,
        }

    @Property("QVariantMap", notify=thanksChanged)
    def thanks(self) -> dict[str, Any]:
        return dict(self._thanks)

    @Slot(str)
    def signAnother(self, case_id: str) -> None:
        """Sign for another active case with the same details: only the boxes are new."""
        if self.flow.step is not Step.THANKS:
            return
        ids = [c.id for c in self.service.active_cases]
        if case_id not in ids or case_id in self._signed_cases:
            return
        self._case_index = ids.index(case_id)
        self._consents = {}
        self._prepared = None
        self._preview = ""
        self.images.forget_previews()
        self._thanks = {}
        self.caseChanged.emit()
        self.formChanged.emit()
        self.previewChanged.emit()
        self.thanksChanged.emit()
        self._go(Step.FORM)

    @Slot()
    def finish(self) -> None:
        """The person is done: the next one starts from the attract screen."""
        self.reset()

    # -- the counter ------------------------------------------------------------------------

    @Property(int, notify=countsChanged)
    def today(self) -> int:
        return self._today

    @Property(int, notify=countsChanged)
    def goal(self) -> int:
        return self.service.config.settings.event.daily_goal

    @Property(str, constant=True)
    def organisation(self) -> str:
        return self.service.config.settings.organisation.name

    @Property(str, constant=True)
    def privacyUrl(self) -> str:
        return self.service.config.settings.organisation.privacy_url

    # -- for tests and the admin screen -----------------------------------------------------

    def traces(self) -> dict[str, Any]:
        """Everything of a person this session holds (empty after a reset)."""
        return {
            "fields": {k: v for k, v in self._fields.items() if v and k != "country"},
            "consents": {k: v for k, v in self._consents.items() if v},
            "drawing": self._drawing,
            "errors": self._errors,
            "prepared": self._prepared,
            "preview": self._preview,
            "previews held": self.images.preview_count(),
            "thanks": self._thanks,
            "signed cases": self._signed_cases,
            "problem": self._problem,
        }
