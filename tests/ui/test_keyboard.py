"""The on-screen keyboard: a layout for every visitor's script, and never left over a screen.

Real QML offscreen; the keyboard is touched key by key as a finger would, and names are read
back from the kiosk's SQLite file.
"""

from __future__ import annotations

from tests.ui.conftest import find, scene_top, tap, type_on_keyboard
from tests.ui.test_admin import admin_kiosk, open_admin
from tests.ui.test_screens import go_to_form, wait_step


def keyboard_up(qtbot, window) -> None:
    """Wait until the keyboard is active and has slid in completely."""
    qtbot.waitUntil(lambda: find(window, "keyboard").property("active"), timeout=3000)
    panel = find(window, "keyboard")
    qtbot.waitUntil(
        lambda: panel.height() > 100 and scene_top(panel) + panel.height() <= window.height() + 0.5,
        timeout=3000,
    )


def keyboard_gone(qtbot, window) -> None:
    """Wait until the keyboard has left the window (its top at or below the bottom edge)."""
    panel = find(window, "keyboard", visible=False)
    qtbot.waitUntil(lambda: scene_top(panel) >= window.height() - 0.5, timeout=3000)
    assert not panel.property("active")


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
        timeout=3000,
    )

    type_on_keyboard(window, qapp, "usb")  # taps on the keys reach the keys, not the dashboard
    assert folder.property("text").lower() == "usb"
