"""The volunteers' screen behind the PIN: how the stand is doing, and the few things to do about it.

`AdminController` is what the admin QML shows and calls. It is handed the `KioskService` and the
few things it shows beside it (the printer's last state, the screen languages), never the app:
all work is the service's (the dashboard's figures, print-queue actions, delivery, export,
`update_settings`), and the session, printer and idle watch follow saved settings through the
service's notification, not through this controller. Slow work (a test page, an export) runs in
the background and ends in a plain sentence in `message`; failures are told by their kind
(`kiosk.ui.errors`), never by the error's own text. Its sentences are in the screens' language
(the session's, which admin mode resets to the event's default), through the same translation
files as the QML: each is marked with `QT_TRANSLATE_NOOP` in the "AdminScreen" context. Admin
mode closes itself after `IDLE_CLOSE` seconds without a touch, and on "Lock".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.app import KioskService
from kiosk.core.admin import Lockout
from kiosk.core.errors import KioskError
from kiosk.core.printing.cups import QueueState
from kiosk.core.release import SET_BY_HAND, SET_BY_NETWORK, clock_check
from kiosk.ui.background import run_in_background
from kiosk.ui.errors import (
    ADMIN_TEXT,
    CLOCK_PROBLEM,
    CONTEXT,
    JOB_STATE,
    PRINTER_PLACE,
    PRINTER_REASON,
    PRINTER_STATE,
    admin_text,
)
from kiosk.ui.session import Phrase, language_name

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

IDLE_CLOSE = 120  # seconds


@QmlElement
@QmlUncreatable("The kiosk application makes the one AdminController.")
class AdminController(QObject):
    changed = Signal()
    messageChanged = Signal()

    def __init__(
        self,
        service: KioskService,
        *,
        forget_visitor: Callable[[], None],
        printer_state: Callable[[], QueueState | None],
        screen_languages: list[str],
        phrase: Phrase = lambda language, context, text: text,
        language: Callable[[], str] = lambda: "en",
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        """`forget_visitor` brings the visitors' screens back to the start with nothing kept;
        `printer_state` is the printer as the print worker last saw it; `now` is the wall clock
        the dashboard checks (`clock` only measures idle time); `phrase` says a text in a
        language and `language` is the screens' language now."""
        super().__init__(parent)
        self.service = service
        self.forget_visitor = forget_visitor
        self.printer_state = printer_state
        self.screen_languages = list(screen_languages)
        self.phrase = phrase
        self.language = language
        self.lockout = Lockout(service.store)
        self.clock = clock
        self.now = now
        self._open = False
        self._asking = False
        self._pin_error = ""
        self._no_pin = False
        self._quit_asked = False
        self._purge_question = ""  # set: the dashboard asks before erasing
        self._message = ""
        self._dashboard: dict[str, Any] = {}
        self._last_touch = clock()
        self._quit_allowed = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    # -- getting in and out -----------------------------------------------------------------

    @Property(bool, notify=changed)
    def open(self) -> bool:
        return self._open

    @Property(bool, notify=changed)
    def asking(self) -> bool:
        return self._asking

    @Property(str, notify=changed)
    def pinError(self) -> str:
        return self._pin_error

    @Property(bool, notify=changed)
    def quitAllowed(self) -> bool:
        return self._quit_allowed

    @Property(int, notify=changed)
    def lockedFor(self) -> int:
        return int(self.lockout.locked_for() + 0.999)

    @Slot()
    def askPin(self) -> None:
        """The hidden long press: show the PIN pad."""
        self._asking, self._pin_error = True, ""
        self._no_pin = not self.service.admin_pin_hash()
        self._timer.start()
        self.touched()
        self.changed.emit()

    @Slot()
    def cancelPin(self) -> None:
        self._asking, self._pin_error = False, ""
        if not self._open:
            self._timer.stop()
        self.changed.emit()

    @Property(bool, notify=changed)
    def noPin(self) -> bool:
        """No PIN is set: the pad says to ask a coordinator (`kiosk admin set-pin`) and opens
        nothing. A PIN is never chosen at the screen, where any visitor could choose it."""
        return self._no_pin

    @Slot(str)
    def enter(self, pin: str) -> None:
        pin_hash = self.service.admin_pin_hash()  # as saved now, maybe from a terminal
        self._no_pin = not pin_hash
        if self._no_pin:
            self._pin_error = ""
            log.warning("admin PIN typed, but none is set (kiosk admin set-pin)")
        else:
            attempt = self.lockout.attempt(pin, pin_hash)
            if attempt.ok:
                self._open, self._asking, self._pin_error = True, False, ""
                self.forget_visitor()  # whoever was at the screen is gone
                self.refresh()
            else:
                self._pin_error = "locked" if attempt.locked_for else "wrong"
        self.changed.emit()

    @Slot()
    def lock(self) -> None:
        """Back to the attract screen; the next visitor sees nothing of this."""
        self._open = self._asking = self._quit_asked = False
        self._pin_error = self._message = self._purge_question = ""
        self._timer.stop()
        self.forget_visitor()
        self.changed.emit()
        self.messageChanged.emit()
        log.info("admin mode closed")

    @Property(bool, notify=changed)
    def quitAsked(self) -> bool:
        return self._quit_asked

    @Slot()
    def askQuit(self) -> None:
        """The dashboard's "Quit": first a question, so one stray tap never ends the kiosk."""
        if self._open:
            self._quit_asked = True
            self.touched()
            self.changed.emit()

    @Slot()
    def cancelQuit(self) -> None:
        self._quit_asked = False
        self.changed.emit()

    @Slot()
    def quit(self) -> None:
        """Leave the kiosk application: only from admin mode, once the question was answered."""
        if self._open and self._quit_asked:
            self._quit_allowed = True
            self.changed.emit()
            log.info("kiosk closed from admin mode")
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.quit()

    def stop(self) -> None:
        """The kiosk is closing: no more timers."""
        self._timer.stop()
        self._open = self._asking = False

    def touched(self) -> None:
        self._last_touch = self.clock()

    @Slot()
    def tick(self) -> None:
        if self._open or self._asking:
            if self.clock() - self._last_touch >= IDLE_CLOSE:
                self.lock()
            elif self._asking:
                self.changed.emit()  # the lock countdown moves

    def translated(self, text: str, *values: object) -> str:
        """`text` (marked with `QT_TRANSLATE_NOOP`) in the screens' language, its %1, %2...
        filled with `values` as QML's qsTr(...).arg(...) does."""
        said = self.phrase(self.language(), CONTEXT, text)
        for number, value in reversed(list(enumerate(values, 1))):
            said = said.replace(f"%{number}", str(value))
        return said

    # -- the dashboard ----------------------------------------------------------------------

    @Property("QVariantMap", notify=changed)
    def dashboard(self) -> dict[str, Any]:
        return self._dashboard if self._open else {}

    @Slot()
    def refresh(self) -> None:
        service = self.service
        try:
            stand = service.stand()
        except KioskError as exc:
            self._message = admin_text(exc, self.translated)
            self.messageChanged.emit()
            return
        settings = service.config.settings
        counts, sync = stand.counts, stand.sync
        printer = self.printer_state()
        cases = {c.id: c.person for c in service.library}
        self._dashboard = {
            "today": counts.today,
            "total": counts.total,
            "perCase": [
                {
                    "person": cases.get(cid, cid),
                    "today": counts.today_per_case.get(cid, 0),
                    "total": n,
                }
                for cid, n in sorted(counts.per_case.items())
            ],
            "letters": stand.letters,
            "failedJobs": [{"id": j.id, "error": j.last_error or ""} for j in stand.failed],
            "printer": self._in_words(PRINTER_PLACE, stand.printer_kind, stand.printer_place),
            "printerState": self._in_words(PRINTER_STATE, printer.state)
            if printer
            else self.translated(QT_TRANSLATE_NOOP("AdminScreen", "not checked yet")),
            "printerReason": self._in_words(PRINTER_REASON, printer.why, printer.reason)
            if printer
            else "",
            "syncTarget": settings.sync.target,
            "syncPending": sync.pending,
            "syncDelivered": sync.delivered,
            "syncQuarantined": sync.quarantined,
            "syncLastSuccess": sync.last_success or "",
            "syncLastError": sync.last_error or "",
            "diskFree": f"{stand.disk_free / 1e9:.1f} GB",
            "database": str(stand.database),
            "printMode": settings.printing.mode,
            "offered": list(settings.languages.offered),
            "active": [c.id for c in service.active_cases],
            "allCases": [{"id": c.id, "person": c.person} for c in service.library],
            "allLanguages": [
                {"code": code, "name": language_name(code)} for code in self.screen_languages
            ],
            "warningAfter": settings.idle.warning_after,
            "retentionDays": settings.privacy.retention_days,
            "clockWarning": self._clock_warning(),
        }
        self.changed.emit()

    def _in_words(self, words: dict[str, str], kind: str, value: str = "") -> str:
        """The sentence `words` holds for `kind`, translated, its %1 filled with `value`; with
        none, `value` as it is (a CUPS reason: the printer's own words) or else `kind`."""
        text = words.get(kind)
        if text is None:
            return value or kind
        return self.translated(text, value)

    def _clock_warning(self) -> str:
        problem = clock_check(self.now())
        if problem is None:
            return ""
        text = CLOCK_PROBLEM[problem.kind]
        return self.translated(text, problem.shown, problem.released, SET_BY_NETWORK, SET_BY_HAND)

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    def _say(self, text: str) -> None:
        self._message = text
        self.messageChanged.emit()
        self.refresh()

    def _in_background(self, work, done_text) -> None:
        self._say(self.translated(QT_TRANSLATE_NOOP("AdminScreen", "Working on it…")))

        def done(result: Any) -> None:
            self._say(done_text(result))

        def failed(exc: Exception) -> None:
            self._say(admin_text(exc, self.translated))

        run_in_background(work, done, failed)

    # -- what volunteers do -----------------------------------------------------------------

    @Slot()
    def printTestPage(self) -> None:
        def said(outcome: Any) -> str:
            if outcome.ok:
                return self.translated(QT_TRANSLATE_NOOP("AdminScreen", "Test page printed."))
            log.warning("test page: %s", outcome.message)  # the log keeps CUPS's own words
            if outcome.kind == "not-ready":
                state = self._in_words(PRINTER_STATE, outcome.state)
                if not (outcome.why or outcome.reason):
                    text = QT_TRANSLATE_NOOP(
                        "AdminScreen", "The test page was not sent. Printer: %1."
                    )
                    return self.translated(text, state)
                cause = self._in_words(PRINTER_REASON, outcome.why, outcome.reason)
                text = QT_TRANSLATE_NOOP(
                    "AdminScreen", "The test page was not sent. Printer: %1 (%2)."
                )
                return self.translated(text, state, cause)
            if outcome.kind == "unfinished":
                text = QT_TRANSLATE_NOOP("AdminScreen", "The test page did not print: it is %1.")
                return self.translated(text, self._in_words(JOB_STATE, outcome.state))
            return self.translated(ADMIN_TEXT["printer"])  # CUPS refused the page

        self._in_background(lambda: self.service.test_page(60), said)

    def _act(self, action: Callable[[], str]) -> None:
        """Do a quick action of the service and say how it went."""
        try:
            text = action()
        except KioskError as exc:
            text = admin_text(exc, self.translated)
        self._say(text)

    @Slot()
    def printPending(self) -> None:
        def send() -> str:
            self.service.send_pending()
            said = QT_TRANSLATE_NOOP(
                "AdminScreen", "The waiting letters are being sent to the printer."
            )
            return self.translated(said)

        self._act(send)

    @Slot()
    def retryFailed(self) -> None:
        def retry() -> str:
            count = self.service.retry_failed()
            self.service.send_pending()
            return self.translated(
                QT_TRANSLATE_NOOP("AdminScreen", "%1 letter(s) will be printed again."), count
            )

        self._act(retry)

    @Slot()
    def cancelFailed(self) -> None:
        def cancel() -> str:
            count = self.service.cancel_failed()
            said = QT_TRANSLATE_NOOP(
                "AdminScreen", "%1 failed letter(s) cancelled; the signatures are kept."
            )
            return self.translated(said, count)

        self._act(cancel)

    @Slot()
    def syncNow(self) -> None:
        def sync() -> str:
            self.service.sync_now()
            said = QT_TRANSLATE_NOOP(
                "AdminScreen", "Delivery started; the figures update when it is done."
            )
            return self.translated(said)

        self._act(sync)

    @Property(str, notify=changed)
    def purgeQuestion(self) -> str:
        """What erasing would do, asked before it is done; empty when nothing is asked."""
        return self._purge_question

    @Slot()
    def askPurge(self) -> None:
        """The dashboard's "Erase old personal data": count first (a dry run), then ask."""

        def asked(outcome: Any) -> str:
            if not outcome.count:
                nothing = QT_TRANSLATE_NOOP(
                    "AdminScreen",
                    "Nothing to erase: no delivered and printed signature is older than %1 "
                    "days (%2 older ones wait for delivery or printing).",
                )
                return self.translated(nothing, outcome.retention_days, outcome.kept)
            question = QT_TRANSLATE_NOOP(
                "AdminScreen",
                "Erase the names, towns, emails and drawn signatures of %1 signature(s) "
                "older than %2 days? They are delivered and printed; the counts stay. This "
                "cannot be undone.",
            )
            self._purge_question = self.translated(question, outcome.count, outcome.retention_days)
            self.changed.emit()
            return ""

        self._in_background(lambda: self.service.purge(dry_run=True), asked)

    @Slot()
    def cancelPurge(self) -> None:
        self._purge_question = ""
        self.changed.emit()

    @Slot()
    def confirmPurge(self) -> None:
        """Erase what the question said (what is due now: the same, give or take a minute)."""
        if not (self._open and self._purge_question):
            return
        self._purge_question = ""
        self.changed.emit()

        def erased(outcome: Any) -> str:
            said = QT_TRANSLATE_NOOP(
                "AdminScreen", "Personal data of %1 signature(s) erased; the counts stay."
            )
            return self.translated(said, outcome.count)

        self._in_background(lambda: self.service.purge(), erased)

    @Slot(str)
    def exportTo(self, folder: str) -> None:
        from datetime import date

        from kiosk.core.export import Selection

        # A spreadsheet, which is what a coordinator opens first: every cell text, so a postal
        # code 06000 stays 06000 (a CSV opened in LibreOffice loses it); CSV is for CRMs.
        # Sealed records (privacy.public_key) go as they are, in JSON Lines, for
        # `kiosk decrypt` on the coordinator's machine: this kiosk cannot read their names.
        fmt = "jsonl" if self.service.config.settings.privacy.public_key else "xlsx"
        target = Path(folder.strip() or ".").expanduser() / f"signatures-{date.today()}.{fmt}"
        service = self.service

        def work():
            return service.export(Selection(), target, fmt, letters=False)

        written = QT_TRANSLATE_NOOP("AdminScreen", "%1 signature(s) written to %2 (%3).")
        self._in_background(
            work, lambda r: self.translated(written, r.records, target.parent, r.output.name)
        )

    # -- event settings: saved with comments kept; the screens follow the service ---------------

    def _save(self, changes: dict[str, Any]) -> bool:
        try:
            self.service.update_settings(changes)
        except KioskError as exc:
            log.warning("settings not saved: %s", exc)
            self._say(admin_text(exc, self.translated))
            return False
        self._say(self.translated(QT_TRANSLATE_NOOP("AdminScreen", "Saved.")))
        return True

    @Slot(str)
    def setPrintMode(self, mode: str) -> None:
        self._save({"printing.mode": mode})

    @Slot(str)
    def toggleLanguage(self, code: str) -> None:
        offered = list(self.service.config.settings.languages.offered)
        if code in offered and len(offered) > 1:
            offered.remove(code)
        elif code not in offered:
            offered.append(code)
        self.setLanguages(offered)

    @Slot(str)
    def toggleCase(self, case_id: str) -> None:
        active = [c.id for c in self.service.active_cases]
        if case_id in active and len(active) > 1:
            active.remove(case_id)
        elif case_id not in active:
            active.append(case_id)
        self.setActiveCases(active)

    @Slot("QVariantList")
    def setLanguages(self, languages: list) -> None:
        offered = [str(code) for code in languages]
        settings = self.service.config.settings.languages
        changes: dict[str, Any] = {"languages.offered": offered}
        if settings.default not in offered and offered:
            changes["languages.default"] = offered[0]
        self._save(changes)

    @Slot("QVariantList")
    def setActiveCases(self, case_ids: list) -> None:
        self._save({"cases.active": [str(c) for c in case_ids]})

    @Slot(int)
    def setWarningAfter(self, seconds: int) -> None:
        self._save({"idle.warning_after": int(seconds)})
