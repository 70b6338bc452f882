"""Screenshots of every screen in French, German and English at a panel's size, from the kiosk.

The dark screen (`dark.png`: what `idle.dark_after` shows, black, drawn by the kiosk) and the
dashboard after a crash (`admin-crash-fr.png`, ...: a made-up crash before this start) are
taken too. The privacy notice opened from the form is taken at 1280x720 (`notice-fr.png`, ...), the
smallest landscape panel it must fit whole, QR code and button included.

The kiosk runs offscreen on a throw-away database filled with made-up signatures (so the counter
shows a day at a stand) and is walked through by its own controllers; each screen is grabbed
from the window as it is drawn. Run it after changing a screen, then look at every picture:

    .venv/bin/python docs/screenshots.py [--size 1280x800] [--languages fr,de,en]

At 1280x800 the pictures go to docs/screenshots/, at any other size to a folder named after it
(docs/screenshots/1024x600/, docs/screenshots/800x1280/).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"

# An organisation's short privacy notices (made up for the pictures), as its config says them.
NOTICES = """\
fr = "Nous utilisons votre nom, votre code postal, votre ville et votre pays uniquement pour \
envoyer et compter les lettres de ce marathon, et votre e-mail seulement si vous avez demandé \
des nouvelles. La lettre part avec votre nom et votre ville ; personne d'autre ne reçoit vos \
données. Vous pouvez nous demander à tout moment de les voir ou de les effacer."
de = "Wir verwenden Ihren Namen, Ihre Postleitzahl, Ihren Ort und Ihr Land nur, um die Briefe \
dieses Marathons zu versenden und zu zählen, und Ihre E-Mail nur, wenn Sie Neuigkeiten wünschen. \
Der Brief geht mit Ihrem Namen und Ort an die Behörden; sonst erhält niemand Ihre Daten. Sie \
können jederzeit Auskunft oder die Löschung verlangen."
en = "We use your name, postal code, town and country only to send and count the letters of \
this marathon, and your email only if you asked for news. The letter goes to the authorities \
with your name and town; nobody else receives your details. You can ask us at any time to see \
or delete them."
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--languages", default="fr,de,en")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    out = OUT if (width, height) == (1280, 800) else OUT / f"{width}x{height}"

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.app import KioskApp, prepare_environment

    prepare_environment()
    import PySide6.QtQuick  # noqa: F401 - before the window is touched
    from PySide6.QtGui import QGuiApplication

    from kiosk.app import KioskService
    from kiosk.core.admin import hash_pin
    from kiosk.core.config import load_config
    from kiosk.core.crashes import CrashReports
    from kiosk.core.sample import synthetic_signatures

    app = QGuiApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    config_path = folder / "config.toml"
    config_path.write_text(
        f'[event]\nname = "Briefmarathon Bern"\ndaily_goal = 500\n'
        f'[printing]\npdf_folder = "{folder / "letters"}"\n'
        '[organisation]\nname = "Amnesty Schweiz"\n'
        'donate_url = "https://example.org/donate"\nshare_url = "https://example.org/write"\n'
        'privacy_url = "https://example.org/privacy"\n'
        f"[organisation.privacy_notice]\n{NOTICES}"
        f'[admin]\npin_hash = "{hash_pin("482915")}"\n'
        "[idle]\ndark_after = 600\n"
    )
    crashes = CrashReports(folder / "log", "screenshots")
    try:
        raise RuntimeError("a crash before this start, made up for the dashboard's picture")
    except RuntimeError as exc:
        crashes.write(type(exc), exc, exc.__traceback__)
    service = KioskService(load_config(config_path), folder / "signatures.db")
    for signature in synthetic_signatures(
        list(service.active_cases), 137, event_id="bern", kiosk_id="demo", seed=4
    ):
        service.store.record(signature, print_letter=False)
    kiosk = KioskApp(service, fullscreen=False, crashes=crashes)
    window, session = kiosk.window, kiosk.session
    window.resize(width, height)
    out.mkdir(parents=True, exist_ok=True)

    def spin(ms: int = 350) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shot(name: str) -> None:
        spin()
        path = out / f"{name}.png"
        window.grabWindow().save(str(path))
        print(path)

    session.reset()
    shot("attract")
    # Nobody has touched the attract screen for `dark_after` seconds: it goes dark.
    kiosk.idle.clock = lambda: time.monotonic() + kiosk.idle.settings.dark_after + 1
    kiosk.idle.tick()
    shot("dark")
    kiosk.idle.clock = time.monotonic
    kiosk.idle.wake()
    session.start()
    shot("language")
    for language in args.languages.split(","):
        session.reset()
        session.start()
        session.chooseLanguage(language)
        shot(f"story-{language}")
        session.sign()
        shot(f"form-{language}")
        window.resize(1280, 720)
        session.openNotice()
        shot(f"notice-{language}")
        session.closeNotice()
        window.resize(width, height)
        session.preview()  # empty: the mistakes are said at their fields
        shot(f"form-errors-{language}")
        session.setField("given_name", "Léa" if language == "fr" else "Anna")
        session.setField("family_name", "Dubois" if language == "fr" else "Keller")
        session.setField("postal_code", "3011")
        session.setField("town", "Bern")
        session.setConsent("sign", True)
        pad_strokes = [
            [[40 + i * 14, 90 + (30 if i % 2 else -30) * (i % 3 == 0)] for i in range(28)]
        ]
        session.setDrawing(pad_strokes, 800.0, 230.0)
        field = next(i for i in _items(window.contentItem()) if i.objectName() == "field_town")
        field.forceActiveFocus()
        shot(f"form-keyboard-{language}")
        window.contentItem().forceActiveFocus()
        session.preview()
        end = time.monotonic() + 10
        while not session.previewSource and time.monotonic() < end:
            spin(50)
        shot(f"preview-{language}")
        session.confirm()
        spin(session.thanksGuard + 200)  # its buttons wake after a moment (no double tap)
        shot(f"thanks-{language}")
        session.reset()
        session.start()
        session.chooseLanguage(language)
        session.sign()
        kiosk.idle.poke()
        # Pretend the person walked away 5 s into the "still there?" countdown.
        kiosk.idle.clock = lambda: time.monotonic() + kiosk.idle.settings.warning_after + 5
        kiosk.idle.tick()
        shot(f"still-there-{language}")
        kiosk.idle.clock = time.monotonic
        kiosk.idle.poke()
    # Other scripts on the French form, as the globe key offers them: a Ukrainian given name on
    # the Cyrillic layout, then an Arabic town on the Arabic one.
    session.reset()
    session.start()
    session.chooseLanguage("fr")
    session.sign()
    keyboard = kiosk.engine.singletonInstance(
        "QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings"
    )
    for name, layout, field_name, value in (
        ("cyrillic", "uk_UA", "given_name", "Олена"),
        ("arabic", "ar_AR", "town", "عمّان"),
    ):
        session.setField(field_name, value)
        field = next(
            i for i in _items(window.contentItem()) if i.objectName() == f"field_{field_name}"
        )
        field.forceActiveFocus()
        # The French layouts are handed to the keyboard once the form's first frames are drawn:
        # after that, or they take the layout back to French before the picture.
        spin()
        keyboard.setProperty("locale", layout)  # what a touch on the globe key's list does
        shot(f"form-keyboard-{name}")
    # Admin mode speaks the event's language (the screens' default), here French then German;
    # first with the note of the crash before this start, then as it is once a volunteer saw it.
    for language in ("fr", "de"):
        service.update_settings({"languages.default": language})
        session.reset()
        kiosk.admin.askPin()
        kiosk.admin.enter("482915")
        shot(f"admin-crash-{language}")
        kiosk.admin.lock()
    kiosk.crash_notice.acknowledge()
    for language in ("fr", "de"):
        service.update_settings({"languages.default": language})
        session.reset()
        kiosk.admin.askPin()
        shot(f"admin-pin-{language}")
        kiosk.admin.enter("482915")
        kiosk.admin.setPrintMode("batch")  # a message in the status line, as after a tap
        shot(f"admin-dashboard-{language}")
        kiosk.admin.lock()
    kiosk.close()


def _items(root):
    yield root
    for child in root.childItems():
        yield from _items(child)


if __name__ == "__main__":
    main()
