"""A touch that changes screen answers at once: what runs between the touch and the new screen.

Speed itself is measured by `benchmarks/ui_bench.py`; these tests keep out the two causes it
found, whatever the machine's load: Python called for every event of every Qt object, and the
keyboard's keys rebuilt for a new language before the screen asked for is drawn.
"""

from __future__ import annotations

from kiosk.ui.idle import IdleWatch
from kiosk.ui.keys import KeyGuard
from tests.ui.conftest import tap
from tests.ui.test_keyboard import keyboard_up
from tests.ui.test_screens import go_to_form, wait_step


def test_changing_screen_and_language_calls_python_only_for_the_window_s_own_events(
    make_kiosk, qtbot, monkeypatch
):
    """The idle watch and the key guard see each touch and key where it arrives, at the
    window. Filtering the whole application called them for the thousands of events a new
    screen, a new translation and a new keyboard layout send to every item."""
    watched: list[bool] = []  # was each event the filters saw addressed to the window?
    for kind in (IdleWatch, KeyGuard):
        filtering = kind.eventFilter

        def counting(self, target, event, filtering=filtering) -> bool:
            watched.append(target.isWindowType())
            return filtering(self, target, event)

        monkeypatch.setattr(kind, "eventFilter", counting)
    kiosk = make_kiosk(language="fr")
    window = kiosk.window
    tap(window, "attractTouch")
    wait_step(qtbot, kiosk, "language")
    tap(window, "choose_de")  # a new translation and keyboard layout, and a new screen
    wait_step(qtbot, kiosk, "story")
    tap(window, "backButton")
    wait_step(qtbot, kiosk, "language")

    assert watched, "the filters saw no touch at all"
    assert watched.count(False) == 0, f"{watched.count(False)} of {len(watched)} not the window's"


def test_a_touch_anywhere_on_the_screen_keeps_the_visitor(make_kiosk, qtbot):
    """Presence is any touch, not only a button's: reading the story and touching its text
    puts off the "still there?" question."""
    kiosk = make_kiosk("[idle]\nwarning_after = 10\ncountdown = 20\n")
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    tap(kiosk.window, "attractTouch")
    wait_step(qtbot, kiosk, "language")
    tap(kiosk.window, "choose_en")
    wait_step(qtbot, kiosk, "story")

    now[0] += 8
    tap(kiosk.window, "storyLead")  # the words, not a button
    now[0] += 8  # 16 s on the screen, 8 s since the touch
    kiosk.idle.tick()
    assert not kiosk.idle.warning
    now[0] += 3
    kiosk.idle.tick()
    assert kiosk.idle.warning  # the quiet time counts from the touch


def test_a_new_language_shows_its_screen_before_the_keyboard_changes_layout(kiosk, qtbot):
    """Qt rebuilds the keyboard's keys for a new layout (tens of milliseconds on a busy
    machine). The story asked for comes first; the keyboard, hidden there, follows right
    after, so the form opens it in the new language."""
    window = kiosk.window
    settings = kiosk.engine.singletonInstance(
        "QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings"
    )
    go_to_form(qtbot, kiosk, "fr")
    tap(window, "field_given_name")
    keyboard_up(qtbot, window)  # in use once: its settings are read from now on
    tap(window, "backButton")
    wait_step(qtbot, kiosk, "story")
    tap(window, "backButton")
    wait_step(qtbot, kiosk, "language")
    assert settings.property("locale") == "fr_FR"
    at_each_frame: list[str] = []
    window.frameSwapped.connect(lambda: at_each_frame.append(settings.property("locale")))

    tap(window, "choose_de")
    qtbot.waitUntil(lambda: len(at_each_frame) > 0, timeout=5000)
    assert kiosk.session.step == "story"
    assert at_each_frame[0] == "fr_FR"  # the story was drawn before the keys were rebuilt
    qtbot.waitUntil(lambda: settings.property("locale") == "de_DE", timeout=5000)
    assert list(settings.property("activeLocales")) == kiosk.session.keyboardLocales
