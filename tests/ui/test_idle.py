"""The attract screen goes dark when nobody has come for `idle.dark_after` seconds, on the real
screens; the first touch only lights it again."""

from __future__ import annotations

from tests.ui.conftest import exists, find, next_frame, on_screen, pending_events, tap
from tests.ui.test_admin import admin_kiosk, open_admin


def dark_share(window) -> float:
    """The share of the window's pixels that are black, sampled on a grid."""
    picture = window.grabWindow()
    points = [(x, y) for x in range(0, picture.width(), 16) for y in range(0, picture.height(), 16)]
    black = sum(1 for x, y in points if picture.pixelColor(x, y).lightness() < 8)
    return black / len(points)


def fake_time(kiosk) -> list[float]:
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    kiosk.idle.poke()
    return now


def test_the_attract_screen_goes_dark_after_the_quiet_time_by_itself(make_kiosk, qtbot):
    kiosk = make_kiosk("[idle]\ndark_after = 1\n")  # the real timer, no clock of the test's
    window = kiosk.window
    kiosk.idle.wake()  # a touch now (the kiosk took more than a second to start)
    assert not kiosk.idle.dark

    qtbot.waitUntil(lambda: kiosk.idle.dark, timeout=10000)
    qtbot.waitUntil(lambda: exists(window, "darkScreen"), timeout=5000)
    next_frame(qtbot, window)

    assert dark_share(window) == 1.0
    assert not find(window, "stage", visible=False).isVisible()  # nothing drawn behind it


def test_the_first_touch_on_the_dark_screen_brings_the_attract_screen_and_does_nothing_else(
    make_kiosk, qtbot
):
    kiosk = make_kiosk("[idle]\ndark_after = 600\n")
    now = fake_time(kiosk)
    now[0] += 599
    kiosk.idle.tick()
    assert not kiosk.idle.dark
    now[0] += 2
    kiosk.idle.tick()
    qtbot.waitUntil(lambda: exists(kiosk.window, "darkScreen"), timeout=5000)

    tap(kiosk.window, "darkScreen")  # where the attract screen starts a visit
    qtbot.waitUntil(lambda: not kiosk.idle.dark, timeout=5000)
    pending_events()
    assert kiosk.session.step == "attract"  # the touch only lit the screen
    on_screen(qtbot, kiosk, "attract")
    assert dark_share(kiosk.window) < 0.5

    tap(kiosk.window, "attractTouch")  # the next touch is a visitor's
    on_screen(qtbot, kiosk, "language")

    now[0] += 10_000  # no dark screen in the middle of a visit
    kiosk.idle.tick()
    assert not kiosk.idle.dark


def test_a_kiosk_set_never_to_go_dark_stays_lit(make_kiosk, qtbot):
    kiosk = make_kiosk()  # dark_after = 0 by default
    now = fake_time(kiosk)
    now[0] += 86_400
    kiosk.idle.tick()
    pending_events()
    assert not kiosk.idle.dark and not exists(kiosk.window, "darkScreen")


def test_admin_mode_never_goes_dark_under_a_volunteer(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk, "[idle]\ndark_after = 600\n")
    now = fake_time(kiosk)
    open_admin(qtbot, kiosk)
    now[0] += 601
    kiosk.idle.tick()
    pending_events()
    assert not kiosk.idle.dark and not exists(kiosk.window, "darkScreen")
