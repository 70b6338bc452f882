"""Putting the touchscreen together: Qt application, controllers, translations, the QML window.

`KioskApp` wires one open `KioskService` to the screens: the attendee `Session`, the
`IdleWatch`, the admin screen, the background print and delivery workers and the translations,
then loads the QML module `Kiosk` and hands the controllers to its `Main` window as initial
properties (no globals, no context properties). `run()` is what `kiosk run` calls once the
settings, cases and database are open; the tests build a `KioskApp` the same way, offscreen.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.app import KioskService
from kiosk.core.crashes import CrashReports
from kiosk.core.crashes import install as install_crash_reports
from kiosk.core.errors import ExitCode
from kiosk.core.languages import SCREEN_TRANSLATIONS, SOURCE_LANGUAGE, screen_languages
from kiosk.ui.admin import AdminController
from kiosk.ui.background import on_ui_thread, wait_for_background
from kiosk.ui.crash_notice import CrashNotice
from kiosk.ui.idle import IdleWatch
from kiosk.ui.images import PROVIDER, KioskImages
from kiosk.ui.keys import KeyGuard
from kiosk.ui.screen_awake import keep_screen_on
from kiosk.ui.session import Session
from kiosk.ui.settings import SettingsRelay

QML_DIR = Path(__file__).with_name("qml")

log = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Settings Qt reads once, before the application object exists."""
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    # Harmless notes Qt prints on every start (no PipeWire; a property cache remark).
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache.append=false"
    )


class Translations:
    """The screens' language: one QTranslator at a time, then the engine re-translates."""

    def __init__(self, app: QGuiApplication, engine: QQmlApplicationEngine) -> None:
        self.app = app
        self.engine = engine
        self._translator: QTranslator | None = None
        self._cache: dict[str, QTranslator | None] = {}

    def available(self) -> list[str]:
        return screen_languages()

    def _load(self, language: str) -> QTranslator | None:
        if language not in self._cache:
            translator = QTranslator()
            loaded = translator.load(str(SCREEN_TRANSLATIONS / f"kiosk_{language}.qm"))
            if not loaded and language != SOURCE_LANGUAGE:
                log.warning("no screen translation for '%s': showing English", language)
            self._cache[language] = translator if loaded else None
        return self._cache[language]

    def switch(self, language: str) -> None:
        """Show the screens in `language` (English where it has no translation file)."""
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
        self._translator = self._load(language)
        if self._translator is not None:
            self.app.installTranslator(self._translator)
        self.engine.retranslate()

    def close(self) -> None:
        """Take this kiosk's translation off the application (another may be built after)."""
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
            self._translator = None

    def phrase(self, language: str, context: str, text: str) -> str:
        """One screen text in `language`, whatever language the screens are in now."""
        translator = self._load(language)
        translated = translator.translate(context, text) if translator is not None else ""
        return translated or text


class KioskApp:
    """The running touchscreen: build it, show it, close it."""

    def __init__(
        self,
        service: KioskService,
        *,
        fullscreen: bool = True,
        crashes: CrashReports | None = None,
    ) -> None:
        register_types()  # before the QML that names them is loaded
        self._closed = False
        self.app = QGuiApplication.instance()
        if self.app is None:
            raise RuntimeError("create the QGuiApplication first")
        self.service = service
        settings = service.config.settings
        self.engine = QQmlApplicationEngine()
        # Every case of the folder, not only the active ones: admin mode may activate another.
        self.images = KioskImages({c.id: c.photo for c in service.library if c.photo})
        self.engine.addImageProvider(PROVIDER, self.images)
        self.translations = Translations(self.app, self.engine)
        self.printer = service.print_worker()
        self.session = Session(
            service,
            self.images,
            self.printer,
            on_language=self.translations.switch,
            phrase=self.translations.phrase,
        )
        self.printer.on_report = on_ui_thread(self.session.printer_report)
        self.syncer = service.sync_worker()
        if self.syncer is not None:
            self.session.recorded.connect(lambda _uuid: self.syncer.wake())
            self._watch_network()
        self.idle = IdleWatch(self.session)
        self.keys = KeyGuard()
        self.admin = AdminController(
            service,
            forget_visitor=self.session.reset,
            printer_state=lambda: self.session.printer_state,
            screen_languages=self.translations.available(),
            phrase=self.translations.phrase,
            language=lambda: self.session.language,
        )
        self.crash_notice = CrashNotice(crashes)
        self.settings_relay = SettingsRelay(service)
        self.settings_relay.changed.connect(self._follow_settings)
        self.idle.on_presence = self.admin.touched
        self.idle.staff_present = lambda: self.admin.open or self.admin.asking
        self.translations.switch(self.session.language)

        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties(
            {
                "session": self.session,
                "idle": self.idle,
                "admin": self.admin,
                "crashNotice": self.crash_notice,
                "fullScreen": fullscreen,
                "largeText": settings.kiosk.large_text,
            }
        )
        self.window = None
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            self.close()
            raise RuntimeError("the screens could not be loaded (see the QML errors above)")
        self.window = roots[0]
        # On the window, not the application: every touch, click and key reaches the window
        # before any item, while an application filter written in Python is called for every
        # event to every object (thousands when a screen is built, a language installed or the
        # keyboard's layout changes), which made those screen changes slow to answer.
        self.window.installEventFilter(self.idle)
        self.window.installEventFilter(self.keys)
        self.printer.start()
        if self.syncer is not None:
            self.syncer.start()
        self.purger = service.purge_worker()  # erases what retention allows: now, then daily
        self.purger.start()

    def _follow_settings(self) -> None:
        """Settings saved (from the admin screen): the screens take them at once. The print
        worker follows by itself (`KioskService.print_worker`)."""
        self.session.settings_changed()  # the visit re-reads them at its reset

    def _watch_network(self) -> None:
        """A change of network is a hint to try at once. Only a hint: where NetworkManager is
        missing, Qt says "online" whenever a default route exists, so the attempt is the test."""
        if QNetworkInformation.loadDefaultBackend() and QNetworkInformation.instance():
            QNetworkInformation.instance().reachabilityChanged.connect(
                lambda *_: self.syncer.wake()
            )

    def close(self) -> None:
        """Stop printing, forget the last person, and take the screens down before the
        controllers they show (so no binding reads a controller that is gone)."""
        if self._closed:
            return
        self._closed = True
        self.printer.stop()
        if self.syncer is not None:
            self.syncer.stop()
        if getattr(self, "purger", None) is not None:
            self.purger.stop()
        if self.window is not None:
            self.window.removeEventFilter(self.idle)
            self.window.removeEventFilter(self.keys)
        self.admin.stop()
        self.idle.stop()
        wait_for_background()
        self.session.reset()
        self.session.on_language = None  # the engine is going: nothing may retranslate it
        self.translations.close()
        # The keyboard's shown/hidden state is the application's, not the window's: the next
        # kiosk built in this process (the tests build many) must not open with it up.
        QGuiApplication.inputMethod().hide()
        if self.window is not None:
            self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def register_types() -> None:
    """Register the Python types the QML names (`Session`, `IdleWatch`, `AdminController`):
    importing their modules runs their `@QmlElement`. `kiosk.qmltypes` describes them to
    qmllint (see `kiosk.ui.qmltypes`)."""
    import kiosk.ui.admin
    import kiosk.ui.crash_notice
    import kiosk.ui.idle
    import kiosk.ui.session  # noqa: F401


def run(service: KioskService, *, windowed: bool = False, crashes: CrashReports) -> int:
    """Show the screens of an open `service` and return the exit code when the window closes:
    `ExitCode.SOFTWARE` after a crash (reported in `crashes`), so the kiosk unit restarts it."""
    prepare_environment()  # before Qt's application object is made
    app = QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    crashed = []

    def on_crash() -> None:
        crashed.append(True)
        app.exit(int(ExitCode.SOFTWARE))  # thread-safe; the kiosk is closed on the way out

    install_crash_reports(crashes, on_crash)
    kiosk = KioskApp(service, fullscreen=not windowed, crashes=crashes)
    if not windowed:
        keep_screen_on()  # a desktop session's screen saver must not blank the event

    def on_screen() -> None:  # said once: what a volunteer checks first in the log
        kiosk.window.frameSwapped.disconnect(on_screen)
        if os.environ.get(CRASH_TEST):
            QTimer.singleShot(0, lambda: crash_for_test(os.environ[CRASH_TEST]))
        settings = service.config.settings
        log.info(
            "on the screen: languages %s (idle in %s), cases %s, daily goal %d, window %dx%d",
            ", ".join(settings.languages.offered),
            settings.languages.default,
            ", ".join(case.id for case in service.active_cases) or "none",
            settings.event.daily_goal,
            kiosk.window.width(),
            kiosk.window.height(),
        )

    kiosk.window.frameSwapped.connect(on_screen)
    # Ctrl+C or a service manager's SIGTERM closes the kiosk cleanly (printing stopped, the
    # last person forgotten). exit(), not quit(): quit() asks the window, which in kiosk mode
    # refuses to close outside admin mode. Python runs signal handlers only between its own
    # bytecodes, so a slow timer gives it the chance while Qt's loop runs.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.exit(0))
    heartbeat = QTimer()
    heartbeat.start(500)
    heartbeat.timeout.connect(lambda: None)
    try:
        code = app.exec()
        return int(ExitCode.SOFTWARE) if crashed else code
    finally:
        heartbeat.stop()
        kiosk.close()
        crashes.stop()


CRASH_TEST = "KIOSK_CRASH_TEST"


def crash_for_test(kind: str) -> None:
    """Crash on purpose, for the tests of the crash path (`KIOSK_CRASH_TEST=slot`, `thread` or
    `fatal` in the environment): an exception in a Qt slot, in a thread, or a hard crash. The
    message looks like a visitor's details, which no log or report may hold."""
    if kind == "fatal":
        os.kill(os.getpid(), signal.SIGSEGV)  # a segmentation fault, as a fault in Qt would be
    message = "crash test for Zoë Crashtest-Keller, Wetzikon, zoe@crash.example"
    if kind == "thread":
        threading.Thread(target=_raise, args=(message,), name="crash-test").start()
        return
    _raise(message)


def _raise(message: str) -> None:
    raise RuntimeError(message)
