"""A visitor opens "How we protect your data" from the form, reads it in their language, scans
the full notice's address, and comes back to the form as they left it.

Real QML offscreen, touched as a finger would; the QR code is read back from the window's own
pixels with a barcode decoder (zxing-cpp), as a phone would read it.
"""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest

from tests.ui.conftest import exists, find, on_screen, resized, tap
from tests.ui.test_keyboard import keyboard_gone, keyboard_up
from tests.ui.test_screens import fill_form, go_to_form, wait_step

URL = "https://example.org/en/privacy?from=kiosk#short"
NOTICES = {
    "fr": "Nous gardons votre nom pour la lettre et rien d'autre.",
    "de": "Wir behalten Ihren Namen für den Brief und sonst nichts.",
    "en": "We keep your name for the letter and nothing else.",
}


def notice_config(
    texts: dict[str, str] = NOTICES, url: str = URL, organisation: str = "Amnesty Schweiz"
) -> str:
    lines = "".join(f'{code} = "{text}"\n' for code, text in texts.items())
    return (
        f'[organisation]\nname = "{organisation}"\nprivacy_url = "{url}"\n'
        f"[organisation.privacy_notice]\n{lines}"
    )


def open_notice(qtbot, kiosk) -> None:
    tap(kiosk.window, "privacyLink")
    qtbot.waitUntil(lambda: exists(kiosk.window, "closeNotice"), timeout=5000)
    on_screen(qtbot, kiosk, "form")  # a frame drawn with the notice laid out


def shown_notice(kiosk) -> str:
    return find(kiosk.window, "privacyNoticeText").property("text")


def qr_picture(window) -> Image.Image:
    """The notice's QR code as the screen shows it, cut out of the window's pixels."""
    card = find(window, "privacyNoticeCode")
    square = card.childItems()[0]  # the white square the code sits in
    rect = square.mapRectToScene(square.boundingRect()).toRect()
    grabbed: QImage = window.grabWindow().copy(rect).convertToFormat(QImage.Format.Format_RGB888)
    width, height = grabbed.width(), grabbed.height()
    raw = bytes(grabbed.constBits())[: grabbed.bytesPerLine() * height]
    return Image.frombuffer("RGB", (width, height), raw, "raw", "RGB", grabbed.bytesPerLine())


def test_the_notice_opens_in_the_visitors_language_and_closing_it_keeps_everything_typed(
    make_kiosk, qtbot
):
    kiosk = make_kiosk(notice_config())
    window = kiosk.window
    go_to_form(qtbot, kiosk, "de")
    fill_form(qtbot, kiosk, given_name="Zoë", family_name="Keller")
    tap(window, "consent_sign")
    tap(window, "field_town")
    keyboard_up(qtbot, window)

    open_notice(qtbot, kiosk)
    keyboard_gone(qtbot, window)  # the notice has the whole screen to itself
    assert shown_notice(kiosk) == NOTICES["de"]
    face = QAccessible.queryAccessibleInterface(find(window, "privacyNotice"))
    assert face.role() == QAccessible.Role.Dialog  # said as a dialog by a screen reader
    assert face.text(QAccessible.Text.Name) == "So schützen wir Ihre Daten"

    tap(window, "closeNotice")
    qtbot.waitUntil(lambda: not exists(window, "privacyNotice"), timeout=5000)
    assert kiosk.session.step == "form"
    assert find(window, "field_given_name").property("text") == "Zoë"
    assert find(window, "field_family_name").property("text") == "Keller"
    assert find(window, "consent_sign").property("checked")
    assert kiosk.session.fields["given_name"] == "Zoë"


def test_a_tap_beside_the_notice_closes_it_and_reaches_nothing_under_it(make_kiosk, qtbot):
    kiosk = make_kiosk(notice_config())
    window = kiosk.window
    go_to_form(qtbot, kiosk, "fr")
    open_notice(qtbot, kiosk)
    back = find(window, "backButton")  # under the dimmed layer, top left
    corner = back.mapToScene(QPointF(back.width() / 2, back.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    qtbot.waitUntil(lambda: not exists(window, "privacyNotice"), timeout=5000)
    assert kiosk.session.step == "form"  # the back button under it was not touched


def test_the_notice_is_shown_in_the_stands_language_when_the_visitors_has_none(make_kiosk, qtbot):
    kiosk = make_kiosk(notice_config({"it": "Testo.", "fr": NOTICES["fr"]}), language="fr")
    go_to_form(qtbot, kiosk, "en")
    open_notice(qtbot, kiosk)
    assert shown_notice(kiosk) == NOTICES["fr"]


def test_with_no_text_written_the_notice_names_the_organisation_in_the_visitors_language(
    make_kiosk, qtbot
):
    kiosk = make_kiosk(notice_config({}))
    go_to_form(qtbot, kiosk, "de")
    open_notice(qtbot, kiosk)
    text = shown_notice(kiosk)
    assert "Amnesty Schweiz" in text and "Ihre Daten" in text  # German, not the English source
    assert find(kiosk.window, "privacyNoticeCode").isVisible()


def test_without_a_notice_or_an_address_the_form_has_no_link(kiosk, qtbot):
    go_to_form(qtbot, kiosk, "fr")
    assert exists(kiosk.window, "field_given_name")
    assert not exists(kiosk.window, "privacyLink")


def test_the_qr_code_on_the_notice_reads_as_the_privacy_address_written_under_it(make_kiosk, qtbot):
    kiosk = make_kiosk(notice_config())
    go_to_form(qtbot, kiosk, "en")
    open_notice(qtbot, kiosk)
    card = find(kiosk.window, "privacyNoticeCode")
    code_image = card.childItems()[0].childItems()[0]
    qtbot.waitUntil(lambda: code_image.implicitWidth() > 0, timeout=5000)  # made and loaded
    on_screen(qtbot, kiosk, "form")

    [code] = zxingcpp.read_barcodes(qr_picture(kiosk.window))
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    assert code.text == URL
    assert card.property("caption") == URL  # the address, written out for those with no camera


def test_yes_continue_over_the_open_notice_keeps_it_and_the_countdowns_end_closes_it(
    make_kiosk, qtbot
):
    kiosk = make_kiosk(notice_config() + "[idle]\nwarning_after = 10\ncountdown = 20\n")
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    go_to_form(qtbot, kiosk, "de")
    fill_form(qtbot, kiosk, given_name="Zebulon")
    open_notice(qtbot, kiosk)
    kiosk.idle.poke()

    now[0] += 15
    kiosk.idle.tick()
    qtbot.waitUntil(lambda: exists(kiosk.window, "idleOverlay"), timeout=5000)
    tap(kiosk.window, "stillHere")  # on top of the notice, within reach
    qtbot.waitUntil(lambda: not kiosk.idle.warning, timeout=5000)
    assert exists(kiosk.window, "privacyNotice")  # the person stays where they were

    now[0] += 31
    kiosk.idle.tick()
    wait_step(qtbot, kiosk, "attract")
    assert not kiosk.session.noticeOpen
    assert all(not value for value in kiosk.session.traces().values())
    go_to_form(qtbot, kiosk, "de")  # the next person finds the form, not the notice
    assert not exists(kiosk.window, "privacyNotice")
    assert find(kiosk.window, "field_given_name").property("text") == ""


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1280, 800), (800, 1280)])
def test_the_notice_fits_every_screen_with_big_named_targets(make_kiosk, qtbot, size):
    from tests.ui.test_quality import MIN_TARGET, controls

    long_text = " ".join([NOTICES["en"]] * 40)  # longer than the card: it scrolls inside
    kiosk = make_kiosk(notice_config({"en": long_text}))
    resized(qtbot, kiosk.window, size)
    go_to_form(qtbot, kiosk, "en")
    link = find(kiosk.window, "privacyLink")
    assert link.height() >= MIN_TARGET and link.width() >= MIN_TARGET
    name = QAccessible.queryAccessibleInterface(link).text(QAccessible.Text.Name)
    assert name == "How we protect your data"  # said by a screen reader without the arrow
    open_notice(qtbot, kiosk)

    for name in ("closeNotice", "privacyNoticeCode", "privacyNoticeScroll"):
        item = find(kiosk.window, name)
        box = item.mapRectToScene(item.boundingRect())
        assert box.left() >= 0 and box.top() >= 0, (name, box)
        assert box.right() <= size[0] and box.bottom() <= size[1], (name, box, size)
    names = {item.objectName() for item, _ in controls(kiosk.window)}
    assert "closeNotice" in names
    close = find(kiosk.window, "closeNotice")
    assert close.height() >= MIN_TARGET and close.width() >= MIN_TARGET
    scroll = find(kiosk.window, "privacyNoticeScroll")
    assert scroll.property("contentHeight") > scroll.height()  # a swipe reads the rest
