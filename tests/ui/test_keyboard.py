"""The on-screen keyboard: a layout for every visitor's script, and never left over a screen.

Real QML offscreen; the keyboard is touched key by key as a finger would, and names are read
back from the kiosk's SQLite file.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDir, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.core.keyboards import SHIPPED_LAYOUTS
from tests.ui.conftest import find, items, keyboard_keys, scene_top, tap, type_on_keyboard
from tests.ui.test_admin import admin_kiosk, open_admin
from tests.ui.test_screens import fill_form, go_to_form, rows, wait_step


def keyboard_up(qtbot, window) -> None:
    """Wait until the keyboard is active and has slid in completely."""
    qtbot.waitUntil(lambda: find(window, "keyboard").property("active"), timeout=10000)
    panel = find(window, "keyboard")
    qtbot.waitUntil(
        lambda: panel.height() > 100 and scene_top(panel) + panel.height() <= window.height() + 0.5,
        timeout=10000,
    )


def keyboard_gone(qtbot, window) -> None:
    """Wait until the keyboard has left the window (its top at or below the bottom edge)."""
    panel = find(window, "keyboard", visible=False)
    qtbot.waitUntil(lambda: scene_top(panel) >= window.height() - 0.5, timeout=10000)
    assert not panel.property("active")


def texts_in(item: QQuickItem) -> list[str]:
    """The texts shown inside an item (a key's label, a list's entries)."""
    return [
        i.property("text")
        for i in items(item)
        if i.isVisible() and i.property("keyType") is None and isinstance(i.property("text"), str)
    ]


def switch_layout(qtbot, window, language_name: str) -> None:
    """Touch the globe key, then the layout's language in the list it opens; the space bar
    then names the layout."""
    tap(window, "changeLanguageKey")
    qtbot.waitUntil(
        lambda: language_name in texts_in(find(window, "languagePopupList")), timeout=10000
    )
    [entry] = [
        i
        for i in items(find(window, "languagePopupList"))
        if i.isVisible() and i.property("text") == language_name
    ]
    tap(window, entry)
    qtbot.waitUntil(lambda: language_name in texts_in(space_key(window)), timeout=10000)


def space_key(window) -> QQuickItem:
    return keyboard_keys(window)[" "]


def test_a_cyrillic_and_an_arabic_name_are_typed_on_the_french_screen(kiosk, qtbot, qapp):
    window = kiosk.window
    go_to_form(qtbot, kiosk, "fr")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)
    assert "français" in texts_in(space_key(window))  # the screen language's layout first

    switch_layout(qtbot, window, "українська")
    type_on_keyboard(window, qapp, "олена")
    assert find(window, "field_given_name").property("text") == "Олена"

    tap(window, "field_family_name")
    switch_layout(qtbot, window, "العربية")
    type_on_keyboard(window, qapp, "حداد")
    assert find(window, "field_family_name").property("text") == "حداد"

    fill_form(qtbot, kiosk, postal_code="8004", town="Zürich")
    tap(window, "consent_sign")
    tap(window, "previewButton")
    wait_step(qtbot, kiosk, "preview")
    tap(window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")
    assert rows(kiosk.service.store.path, "SELECT given_name, family_name FROM signatures") == [
        ("Олена", "حداد")
    ]


def test_each_form_opens_the_keyboard_in_the_screen_language(kiosk, qtbot):
    window = kiosk.window
    go_to_form(qtbot, kiosk, "de")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)
    switch_layout(qtbot, window, "Ελληνικά")
    assert "λ" in keyboard_keys(window)

    tap(window, find(window, "backButton"))
    wait_step(qtbot, kiosk, "story")
    tap(window, "signButton")
    wait_step(qtbot, kiosk, "form")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)
    assert "ü" in keyboard_keys(window) and "Deutsch" in texts_in(space_key(window))


def test_the_layouts_offered_are_the_ones_qt_ships(kiosk, qtbot):
    """`keyboard.layouts` is checked against `SHIPPED_LAYOUTS`: it must be what Qt has, the
    locale folders with a main layout in its layout path."""
    window = kiosk.window
    go_to_form(qtbot, kiosk, "fr")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)
    settings = kiosk.engine.singletonInstance(
        "QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings"
    )
    folder = QDir(":" + settings.property("layoutPath").path())
    shipped = [
        name
        for name in folder.entryList(QDir.Filter.Dirs | QDir.Filter.NoDotAndDotDot)
        if re.fullmatch(r"[a-z]{2}_[A-Z]{2}", name)
        and QDir(folder.filePath(name)).entryList(["main.*"])
    ]
    assert tuple(sorted(shipped)) == SHIPPED_LAYOUTS
    assert list(settings.property("activeLocales")) == kiosk.session.keyboardLocales


def test_locking_admin_mode_takes_the_keyboard_off_the_visitor_screens(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    window = kiosk.window
    open_admin(qtbot, kiosk)
    tap(window, "adminExportFolder")
    keyboard_up(qtbot, window)

    tap(window, "adminLock")
    assert not kiosk.admin.open and kiosk.session.step == "attract"
    keyboard_gone(qtbot, window)
    tap(window, "attractTouch")  # the next screens open without it too
    wait_step(qtbot, kiosk, "language")
    keyboard_gone(qtbot, window)


def test_the_idle_reset_takes_the_keyboard_away_with_the_person(make_kiosk, qtbot):
    kiosk = make_kiosk("[idle]\nwarning_after = 10\ncountdown = 20\n")
    window = kiosk.window
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    go_to_form(qtbot, kiosk, "fr")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)
    kiosk.idle.poke()

    now[0] += 31
    kiosk.idle.tick()
    wait_step(qtbot, kiosk, "attract")
    keyboard_gone(qtbot, window)


def test_a_folder_can_be_typed_on_the_keyboard_in_admin_mode(make_kiosk, qtbot, qapp):
    kiosk = admin_kiosk(make_kiosk)
    window = kiosk.window
    open_admin(qtbot, kiosk)
    folder = find(window, "adminExportFolder")
    tap(window, folder)
    keyboard_up(qtbot, window)
    panel = find(window, "keyboard")
    qtbot.waitUntil(  # the dashboard scrolled the field above the keyboard
        lambda: folder.mapToScene(folder.boundingRect().bottomLeft()).y() <= scene_top(panel),
        timeout=10000,
    )

    type_on_keyboard(window, qapp, "usb")  # taps on the keys reach the keys, not the dashboard
    assert folder.property("text").lower() == "usb"


def mode_key(window) -> QQuickItem:
    """The key that switches between the letters and the digits and symbols."""
    [key] = [
        item
        for item in items(find(window, "keyboard"))
        if item.isVisible()
        and item.property("keyType") is not None
        and item.property("key") == Qt.Key.Key_Context1.value
    ]
    return key


def test_the_postal_code_opens_on_digits_and_the_way_back_to_letters_reads_abc(
    make_kiosk, qtbot, qapp
):
    kiosk = make_kiosk()
    window = kiosk.window
    go_to_form(qtbot, kiosk, "fr")
    tap(window, "field_postal_code")
    keyboard_up(qtbot, window)
    qtbot.waitUntil(lambda: "0" in keyboard_keys(window), timeout=10000)  # digits first
    qtbot.waitUntil(lambda: mode_key(window).property("displayText") == "ABC", timeout=10000)
    type_on_keyboard(window, qapp, "1")

    tap(window, mode_key(window))  # a UK, Dutch or Canadian code has letters
    qtbot.waitUntil(lambda: "w" in keyboard_keys(window), timeout=10000)
    type_on_keyboard(window, qapp, "sw")
    assert find(window, "field_postal_code").property("text").lower() == "1sw"
