"""Putting the touchscreen together: Qt application, controllers, translations, the QML window.

`KioskApp` builds the window in two steps. First the attract screen, from a `Glance` (what the
last start kept, see `kiosk.core.glance`), with nothing heavier than Qt loaded; then `attach`
wires one `KioskService` to the screens: the attendee `Session`, the `IdleWatch`, the admin
screen, the background print and delivery workers, handed to the `Main` window as properties
(no globals, no context properties). `run()` is what `kiosk run` calls: it draws the first
frame before it loads and checks the settings and cases. The tests build a `KioskApp` from a
service, which does both steps at once, offscreen.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core import glance as glances
from kiosk.core.glance import Glance

if TYPE_CHECKING:
    from kiosk.core.config import Config
    from kiosk.core.service import KioskService

QML_DIR = Path(__file__).with_name("qml")
I18N_DIR = Path(__file__).with_name("i18n")
SOURCE_LANGUAGE = "en"  # the language of the qsTr() strings in the QML

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

    def __init__(self, app, engine) -> None:
        from PySide6.QtCore import QTranslator

        self.app = app
        self.engine = engine
        self._translator: QTranslator | None = None
        self._cache: dict[str, QTranslator | None] = {}
        self._make = QTranslator

    def available(self) -> list[str]:
        return sorted({SOURCE_LANGUAGE} | {p.stem.split("_", 1)[1] for p in I18N_DIR.glob("*.qm")})

    def _load(self, language: str):
        if language not in self._cache:
            translator = self._make()
            loaded = translator.load(str(I18N_DIR / f"kiosk_{language}.qm"))
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
        service: KioskService | None = None,
        *,
        glance: Glance | None = None,
        fullscreen: bool = True,
    ) -> None:
        """With a `service`, the whole kiosk at once; with only a `glance`, the attract screen
        now and the rest at `attach(service)`."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtQml import QQmlApplicationEngine

        from kiosk.ui.images import PROVIDER, KioskImages
        from kiosk.ui.keys import KeyGuard
        from kiosk.ui.standin import AttractStandIn

        register_types()  # before the QML that names them is loaded

        if glance is None:
            if service is None:
                raise ValueError("a KioskApp needs a service or a glance")
            glance = glance_of(service)
        self._closed = False
        self.app = QGuiApplication.instance()
        if self.app is None:
            raise RuntimeError("create the QGuiApplication first")
        self.service: KioskService | None = None
        self.owns_service = False  # closed with the kiosk (when `start` opened it)
        self.failure: Exception | None = None
        self.session = self.idle = self.admin = self.printer = self.syncer = None
        self.engine = QQmlApplicationEngine()
        self.images = KioskImages(glance.photos())
        self.engine.addImageProvider(PROVIDER, self.images)
        self.translations = Translations(self.app, self.engine)
        self.translations.switch(glance.language)
        self.keys = KeyGuard()
        self.app.installEventFilter(self.keys)
        self.stand_in = AttractStandIn(glance, self.translations.phrase)

        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties(
            {"glance": self.stand_in, "fullScreen": fullscreen, "largeText": glance.large_text}
        )
        self.engine.loadFromModule("Kiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the screens could not be loaded (see the QML errors above)")
        self.window = roots[0]
        if service is not None:
            self.attach(service)

    @classmethod
    def start(
        cls,
        config: Callable[[], Config],
        database: Path | None,
        *,
        config_path: Path | None = None,
        fullscreen: bool = True,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> KioskApp:
        """The kiosk as `kiosk run` starts it. `config` loads and checks the settings when
        called. If the last start's glance is still current, the attract screen is drawn from
        it and the settings, cases and database are opened just after the first frame (a
        failure then is kept in `failure` and handed to `on_failure`); otherwise they are
        opened first, as the glance is made from them."""
        from PySide6.QtCore import QTimer

        from kiosk.core.errors import KioskError

        kept = glances.snapshot_path(config_path, database)
        seen = glances.load(kept, config_path, database)

        def open_service() -> KioskService:
            from kiosk.core.service import KioskService

            service = KioskService(config(), database)
            fresh = glance_of(service)
            if fresh != seen:  # written only when it changed: no fsync on an ordinary start
                glances.save(fresh, kept, config_path, database)
            return service

        if seen is None:
            kiosk = cls(open_service(), fullscreen=fullscreen)
            kiosk.owns_service = True
            return kiosk
        kiosk = cls(glance=seen, fullscreen=fullscreen)

        def finish() -> None:
            try:
                service = open_service()
            except KioskError as exc:
                kiosk.failure = exc
                if on_failure is not None:
                    on_failure(exc)
                return
            kiosk.owns_service = True
            kiosk.attach(service)

        def first_frame() -> None:
            kiosk.window.frameSwapped.disconnect(first_frame)
            QTimer.singleShot(0, finish)  # once the picture is on the screen

        kiosk.window.frameSwapped.connect(first_frame)
        return kiosk

    def attach(self, service: KioskService) -> None:
        """Give the window its session and helpers: the rest of the screens load now."""
        from PySide6.QtCore import QObject

        from kiosk.core.printing.queue import PrintWorker
        from kiosk.ui.admin import AdminController
        from kiosk.ui.background import on_ui_thread
        from kiosk.ui.idle import IdleWatch
        from kiosk.ui.session import Session

        self.service = service
        settings = service.config.settings
        self.images.set_photos({c.id: c.photo for c in service.active_cases if c.photo})
        self.printer = PrintWorker(service.print_queue, mode=settings.printing.mode)
        self.session = Session(
            service,
            self.images,
            self.printer,
            on_language=self.translations.switch,
            phrase=self.translations.phrase,
        )
        self.printer.on_report = on_ui_thread(self.session.printer_report)
        self.syncer = self._syncer()
        if self.syncer is not None:
            self.session.recorded.connect(lambda _uuid: self.syncer.wake())
            self._watch_network()
        self.idle = IdleWatch(self.session)
        self.app.installEventFilter(self.idle)
        self.admin = AdminController(self)
        self.idle.on_presence = self.admin.touched
        if self.session.language != self.stand_in.glance.language:
            self.translations.switch(self.session.language)
        self.window.setProperty("idle", self.idle)
        self.window.setProperty("admin", self.admin)
        self.window.setProperty("session", self.session)  # last: Main loads the rest on it
        if self.window.findChild(QObject, "screen") is None:
            raise RuntimeError("the screens could not be loaded (see the QML errors above)")
        self.printer.start()
        if self.syncer is not None:
            self.syncer.start()
        if self.stand_in.wanted:  # touched while the rest was loading
            self.session.start()

    def _syncer(self):
        """The background delivery, when a sync target is configured."""
        from kiosk.core.delivery.sync import SyncEngine, SyncWorker, target_for

        settings = self.service.config.settings.sync
        if settings.target == "none":
            return None
        service = self.service

        def make_engine() -> SyncEngine:
            target = target_for(service.config, service.kiosk_id)
            return SyncEngine(service.store, target, batch_size=settings.batch_size)

        return SyncWorker(make_engine, interval=settings.interval)

    def _watch_network(self) -> None:
        """A change of network is a hint to try at once. Only a hint: where NetworkManager is
        missing, Qt says "online" whenever a default route exists, so the attempt is the test."""
        from PySide6.QtNetwork import QNetworkInformation

        if QNetworkInformation.loadDefaultBackend() and QNetworkInformation.instance():
            QNetworkInformation.instance().reachabilityChanged.connect(
                lambda *_: self.syncer.wake()
            )

    def close(self) -> None:
        """Stop printing, forget the last person, and take the screens down before the
        controllers they show (so no binding reads a controller that is gone)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        from kiosk.ui.background import wait_for_background

        if self._closed:
            return
        self._closed = True
        self.app.removeEventFilter(self.keys)
        if self.session is not None:
            self.printer.stop()
            if self.syncer is not None:
                self.syncer.stop()
            self.app.removeEventFilter(self.idle)
            self.admin.stop()
            self.idle.stop()
            wait_for_background()
            self.session.reset()
            self.session.on_language = None  # the engine is going: nothing may retranslate it
        self.translations.close()
        self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self.owns_service and self.service is not None:
            self.service.close()


def register_types() -> None:
    """Register the Python types the QML names (`Session`, `IdleWatch`, `AdminController`):
    importing their modules runs their `@QmlElement`. `kiosk.qmltypes` describes them to
    qmllint (see `kiosk.ui.qmltypes`)."""
    import kiosk.ui.admin
    import kiosk.ui.idle
    import kiosk.ui.session  # noqa: F401


def glance_of(service: KioskService) -> Glance:
    return glances.glance_of(service.config, service.active_cases, service.store.path)


def run(
    config: Callable[[], Config],
    database: Path | None,
    *,
    config_path: Path | None = None,
    windowed: bool = False,
) -> int:
    """Start the kiosk's screens and return the exit code when the window closes."""
    import signal
    import sys

    prepare_environment()  # before Qt is imported and its application made
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    kiosk = KioskApp.start(
        config,
        database,
        config_path=config_path,
        fullscreen=not windowed,
        on_failure=lambda exc: app.exit(getattr(exc, "exit_code", 1)),
    )
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
    finally:
        heartbeat.stop()
        kiosk.close()
    if kiosk.failure is not None:  # the settings, cases or database failed behind the picture
        raise kiosk.failure
    return code
