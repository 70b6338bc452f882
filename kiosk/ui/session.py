"""The attendee's visit as the screens see it: a thin Qt adapter over `kiosk.core.attendee`.

`Visit` (in the core) holds the flow, the form, the prepared signature and the thank-you.
`Session` turns each of its facts into a QML property with its own change signal, and each
touch into a call on the visit. After every call it compares what it shows with what the
visit now holds and signals exactly the properties that changed, so a binding re-evaluates
only on a real change. What only the screens need (image addresses, the language's names,
the preview picture drawn in the background) is made here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.app import KioskService
from kiosk.core.attendee import ThankYou, Visit
from kiosk.core.config import IdleSettings
from kiosk.core.countries import countries_for
from kiosk.core.keyboards import layouts_offered
from kiosk.core.printing.cups import QueueState
from kiosk.core.printing.queue import Report
from kiosk.core.printing.worker import PrintWorker
from kiosk.core.privacy_notice import PrivacyNotice
from kiosk.core.signatures import Signature
from kiosk.core.styled_text import styled
from kiosk.ui.background import run_in_background
from kiosk.ui.cards import case_card, in_every_language
from kiosk.ui.images import KioskImages, qr_source
from kiosk.ui.letter_picture import first_page

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "Kiosk"  # the Python types join the QML module of the screens
QML_IMPORT_MAJOR_VERSION = 1

Phrase = Callable[[str, str, str], str]  # (language, context, text) -> the text in that language


def language_name(code: str) -> str:
    """A language's name in itself, as a speaker looks for it: "Français", "Deutsch"."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def split_story(markdown: str) -> tuple[str, str]:
    """The story's lead (its first paragraph) and the rest, each as safe StyledText
    (`kiosk.core.styled_text`): a case file's markup never reaches Qt as HTML."""
    parts = markdown.strip().split("\n\n", 1)
    return styled(parts[0]), (styled(parts[1]) if len(parts) > 1 else "")


@QmlElement
@QmlUncreatable("The kiosk application makes the one Session.")
class Session(QObject):
    stepChanged = Signal()
    languageChanged = Signal()
    invitationsChanged = Signal()
    languagePromptsChanged = Signal()
    printModeChanged = Signal()
    letterOutcomeChanged = Signal()
    languagesChanged = Signal()
    keyboardLocaleChanged = Signal()
    keyboardLocalesChanged = Signal()
    countriesChanged = Signal()
    casesChanged = Signal()
    caseIndexChanged = Signal()
    caseChanged = Signal()
    fieldsChanged = Signal()
    consentsChanged = Signal()
    errorsChanged = Signal()
    hasDrawingChanged = Signal()
    previewSourceChanged = Signal()
    busyChanged = Signal()
    problemChanged = Signal()
    thanksChanged = Signal()
    todayChanged = Signal()
    goalChanged = Signal()
    organisationChanged = Signal()
    privacyNoticeChanged = Signal()
    noticeOpenChanged = Signal()
    recorded = Signal(str)  # a signature's UUID, once committed

    def __init__(
        self,
        service: KioskService,
        images: KioskImages,
        printer: PrintWorker | None = None,
        on_language: Callable[[str], None] | None = None,
        phrase: Phrase | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.images = images
        self.printer = printer
        self.on_language = on_language  # installs the screen translation (set by the app)
        # phrase(language, context, text): a screen text in a language other than the current
        # one, for the attract screen's invitation in every offered language.
        self.phrase: Phrase = phrase or (lambda language, context, text: text)
        self.visit = Visit(service)
        self._preview = ""  # the preview picture's address, for `_preview_of`
        self._preview_of: Signature | None = None
        self._letters_ready = False  # a first letter was drawn (see `_ready_the_letters`)
        self._countries: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._thanks_of: ThankYou | None = None
        self._thanks: dict[str, Any] = {}
        self._shown: dict[str, Any] = self._facts()

    # -- what the screens show, and signalling what changed ---------------------------------

    def _facts(self) -> dict[str, Any]:
        """Every property's value as the visit holds it now."""
        visit = self.visit
        language = visit.language
        draft = visit.draft
        settings = visit.settings
        keyboards = layouts_offered(language, visit.offered, settings.keyboard.layouts)
        if self._preview_of is not None and self._preview_of is not visit.prepared:
            self._preview, self._preview_of = "", None
            self.images.forget_previews()
        return {
            "step": str(visit.step),
            "language": language,
            "invitations": self._in_every_language("AttractScreen", "Touch to write a letter"),
            "languagePrompts": self._in_every_language("AttractScreen", "Choose your language"),
            "printMode": visit.print_mode,
            "letterOutcome": visit.letter_status(visit.prepared) if visit.prepared else "",
            "languages": [{"code": c, "name": language_name(c)} for c in visit.offered],
            "keyboardLocale": keyboards[0],
            "keyboardLocales": keyboards,
            "countries": self._countries_in(language, settings.event.country),
            "cases": [self._card(c) for c in visit.cases],
            "caseIndex": visit.case_index,
            "case": self._case(),
            "fields": dict(draft.fields),
            "consents": dict(draft.consents),
            "errors": dict(draft.errors),
            "hasDrawing": draft.drawing is not None,
            "previewSource": self._preview,
            "busy": visit.rendering,
            "problem": visit.problem,
            "thanks": self._thank_you(visit.thanks),
            "today": visit.today,
            "goal": visit.goal,
            "organisation": settings.organisation.name,
            "privacyNotice": self._notice(visit.privacy_notice),
            "noticeOpen": visit.notice_open,
        }

    def _publish(self) -> None:
        """Signal each property whose value changed since the screens last saw it."""
        facts = self._facts()
        changed = [name for name, value in facts.items() if self._shown.get(name) != value]
        if "language" in changed and self.on_language is not None:
            self.on_language(facts["language"])  # the translation first, then the bindings
        self._shown = facts
        for name in changed:
            getattr(self, f"{name}Changed").emit()

    def _in_every_language(self, context: str, text: str) -> list[str]:
        return in_every_language(self.phrase, self.visit.offered, context, text)

    def _countries_in(self, language: str, first: str) -> list[dict[str, str]]:
        key = (language, first)
        if key not in self._countries:
            pairs = countries_for(language, first)
            self._countries[key] = [{"code": c, "name": n} for c, n in pairs]
        return self._countries[key]

    def _card(self, case) -> dict[str, str]:
        title = case.title(self.visit.language)
        return case_card(case.id, case.person, title, case.photo is not None, case.photo_credit)

    def _case(self) -> dict[str, Any]:
        case = self.visit.current_case
        lead, body = split_story(case.story(self.visit.language))
        language = case.language_for(self.visit.language)
        return {
            **self._card(case),
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

    @staticmethod
    def _notice(notice: PrivacyNotice) -> dict[str, Any]:
        return {
            "offered": notice.offered,
            "text": notice.text,
            "language": notice.language,
            "url": notice.url,
            "qr": qr_source(notice.url) if notice.url else "",
        }

    def _thank_you(self, thanks: ThankYou | None) -> dict[str, Any]:
        if thanks is None:
            self._thanks_of, self._thanks = None, {}
        elif thanks is not self._thanks_of:  # QR addresses made once per thank-you
            by_id = {c.id: c for c in self.visit.cases}
            self._thanks_of = thanks
            self._thanks = {
                "name": thanks.name,
                "letter": thanks.letter,
                "codes": [
                    {"kind": kind, "source": qr_source(url), "url": url}
                    for kind, url in thanks.links
                ],
                "others": [self._card(by_id[cid]) for cid in thanks.others],
            }
        return self._thanks

    # -- the properties (each with its own signal) ------------------------------------------

    @Property(str, notify=stepChanged)
    def step(self) -> str:
        return self._shown["step"]

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._shown["language"]

    @Property("QVariantList", notify=invitationsChanged)
    def invitations(self) -> list[str]:
        """ "Touch to write a letter" in every offered language, in the order offered."""
        return self._shown["invitations"]

    @Property("QVariantList", notify=languagePromptsChanged)
    def languagePrompts(self) -> list[str]:
        return self._shown["languagePrompts"]

    @Property(str, notify=printModeChanged)
    def printMode(self) -> str:
        return self._shown["printMode"]

    @Property(str, notify=letterOutcomeChanged)
    def letterOutcome(self) -> str:
        """What confirming the letter on the preview will do with it ("printing", "queued",
        "batch", "saved" to the PDF folder, or only "recorded"), as the thank-you then says;
        empty with no letter prepared."""
        return self._shown["letterOutcome"]

    @Property("QVariantList", notify=languagesChanged)
    def languages(self) -> list[dict[str, str]]:
        return self._shown["languages"]

    @Property(str, notify=keyboardLocaleChanged)
    def keyboardLocale(self) -> str:
        """The screen language's keyboard layout, the one a screen opens with."""
        return self._shown["keyboardLocale"]

    @Property("QVariantList", notify=keyboardLocalesChanged)
    def keyboardLocales(self) -> list[str]:
        """Every layout the keyboard's globe key offers, `keyboardLocale` first."""
        return self._shown["keyboardLocales"]

    @Property("QVariantList", notify=countriesChanged)
    def countries(self) -> list[dict[str, str]]:
        return self._shown["countries"]

    @Property("QVariantList", notify=casesChanged)
    def cases(self) -> list[dict[str, str]]:
        return self._shown["cases"]

    @Property(int, notify=caseIndexChanged)
    def caseIndex(self) -> int:
        return self._shown["caseIndex"]

    @Property("QVariantMap", notify=caseChanged)
    def case(self) -> dict[str, Any]:
        return self._shown["case"]

    @Property("QVariantMap", notify=fieldsChanged)
    def fields(self) -> dict[str, str]:
        return self._shown["fields"]

    @Property("QVariantMap", notify=consentsChanged)
    def consents(self) -> dict[str, bool]:
        return self._shown["consents"]

    @Property("QVariantMap", notify=errorsChanged)
    def errors(self) -> dict[str, str]:
        """Field (or `consent_<id>`) -> the code of what is wrong; QML words it."""
        return self._shown["errors"]

    @Property(bool, notify=hasDrawingChanged)
    def hasDrawing(self) -> bool:
        return self._shown["hasDrawing"]

    @Property(str, notify=previewSourceChanged)
    def previewSource(self) -> str:
        return self._shown["previewSource"]

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return self._shown["busy"]

    @Property(str, notify=problemChanged)
    def problem(self) -> str:
        """The kind of the last recording failure ("storage", ...); the screens word it."""
        return self._shown["problem"]

    @Property("QVariantMap", notify=thanksChanged)
    def thanks(self) -> dict[str, Any]:
        return self._shown["thanks"]

    @Property(int, notify=todayChanged)
    def today(self) -> int:
        return self._shown["today"]

    @Property(int, notify=goalChanged)
    def goal(self) -> int:
        return self._shown["goal"]

    @Property(str, notify=organisationChanged)
    def organisation(self) -> str:
        return self._shown["organisation"]

    @Property("QVariantMap", notify=privacyNoticeChanged)
    def privacyNotice(self) -> dict[str, Any]:
        """The privacy notice for this visitor (`kiosk.core.privacy_notice`): `offered`, the
        organisation's `text` ("" when it wrote none: the screen says a general sentence), its
        `language`, the full notice's `url` and its QR code's image address `qr`."""
        return self._shown["privacyNotice"]

    @Property(bool, notify=noticeOpenChanged)
    def noticeOpen(self) -> bool:
        """The privacy notice is open over the form."""
        return self._shown["noticeOpen"]

    # -- what the screens call --------------------------------------------------------------

    @Slot()
    def reset(self) -> None:
        """Back to the attract screen with nothing of the last person left anywhere."""
        self.visit.reset()
        self.images.forget_previews()
        self._publish()

    @Slot()
    def finish(self) -> None:
        """The person is done: the next one starts from the attract screen."""
        self.visit.finish()
        self._publish()

    @Slot()
    def start(self) -> None:
        self.visit.start()
        self._publish()
        self._ready_the_letters()

    def _ready_the_letters(self) -> None:
        """Once, when the first visitor starts: draw a sample letter in the background, so that
        loading reportlab and registering the fonts (half a second) is done long before this
        visitor asks for their preview, which then comes as quickly as everyone else's."""
        if self._letters_ready:
            return
        self._letters_ready = True
        service = self.visit.service

        def failed(exc: Exception) -> None:  # the real preview will say what is wrong
            log.warning("a sample letter could not be drawn: %s", type(exc).__name__)

        run_in_background(lambda: first_page(service.sample_letter()), lambda _: None, failed)

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        self.visit.choose_language(code)
        self._publish()

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        """Switch the screens' language anywhere in the flow; what was typed stays."""
        self.visit.set_language(code)
        self._publish()

    @Slot()
    def sign(self) -> None:
        self.visit.sign()
        self._publish()

    @Slot()
    def back(self) -> None:
        self.visit.back()
        self._publish()

    @Slot(int)
    def selectCase(self, index: int) -> None:
        self.visit.select_case(index)
        self._publish()

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        self.visit.set_field(name, value)
        self._publish()

    @Slot(str, bool)
    def setConsent(self, consent_id: str, given: bool) -> None:
        self.visit.set_consent(consent_id, given)
        self._publish()

    @Slot("QVariantList", float, float)
    def setDrawing(self, strokes: list, width: float, height: float) -> None:
        """The finger-drawn signature: strokes of [x, y] points in a pad of width x height."""
        self.visit.set_drawing(strokes, width, height)
        self._publish()

    @Slot()
    def clearDrawing(self) -> None:
        self.setDrawing([], 1.0, 1.0)

    @Slot()
    def openNotice(self) -> None:
        self.visit.open_notice()
        self._publish()

    @Slot()
    def closeNotice(self) -> None:
        self.visit.close_notice()
        self._publish()

    @Slot()
    def preview(self) -> None:
        """Check the form; if it is right, show the letter as it will print."""
        prepared = self.visit.preview()
        self._publish()  # the screen is built first: its bindings call Python, which the
        if prepared is not None:  # drawing would hold (the GIL) if it started before
            self._draw_letter(prepared)

    def _draw_letter(self, prepared: Signature) -> None:
        """Draw the prepared letter's picture in the background; a late one is dropped."""
        case = self.visit.current_case
        event_name = self.visit.settings.event.name

        def work() -> QImage:
            from kiosk.core.letters.layout import render_letter  # reportlab, off the start path

            return first_page(render_letter(prepared, case, event_name))

        def done(picture: QImage) -> None:
            if self.visit.rendered(prepared):
                self._preview = self.images.add_preview(prepared.uuid, picture)
                self._preview_of = prepared
            self._publish()

        def failed(exc: Exception) -> None:
            # the letter can still be confirmed without a picture
            log.warning("preview of %s failed: %s", prepared.uuid, type(exc).__name__)
            self.visit.rendered(prepared)
            self._publish()

        run_in_background(work, done, failed)

    @Slot()
    def confirm(self) -> None:
        """Record the signature, then say thank you. A second tap records nothing more."""
        outcome = self.visit.confirm()
        if outcome is not None and outcome.created:
            self.recorded.emit(outcome.signature.uuid)
            if self.printer is not None:
                self.printer.wake()
        self._publish()

    @Slot(str)
    def signAnother(self, case_id: str) -> None:
        """Sign for another active case with the same details: only the boxes are new."""
        self.visit.sign_another(case_id)
        self._publish()

    # -- from the rest of the kiosk (on the UI thread) ---------------------------------------

    def settings_changed(self) -> None:
        """The settings were saved: the next person (after this reset) gets them."""
        self.visit.settings_changed()
        self._publish()

    def printer_report(self, report: Report) -> None:
        """The print worker's round ended (delivered on the UI thread, see `on_ui_thread`)."""
        self.visit.printer_reported(report.status)

    @property
    def printer_state(self) -> QueueState | None:
        """The printer's state at the print worker's last round (None before the first)."""
        return self.visit.printer

    @property
    def offered(self) -> list[str]:
        return self.visit.offered

    @property
    def idle_settings(self) -> IdleSettings:
        """The idle times as read at the last reset."""
        return self.visit.idle

    # -- for tests and the admin screen -----------------------------------------------------

    def traces(self) -> dict[str, Any]:
        """Everything of a person this session holds (empty after a reset)."""
        return {
            **self.visit.traces(),
            "preview": self._preview,
            "previews held": self.images.preview_count(),
            "thanks shown": self._thanks,
        }
