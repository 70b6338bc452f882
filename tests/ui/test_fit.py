"""Every screen fits the panels kiosks really have, landscape and portrait: each button lies
inside the window, can be reached (scrolled to if its screen scrolls), and is never under the
on-screen keyboard; the primary button of each step is in view without scrolling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.core.crashes import CrashReports
from tests.conftest import BUNDLED_CASES, EXAMPLE_CASE
from tests.ui.conftest import (
    exists,
    find,
    items,
    next_frame,
    on_screen,
    resized,
    scene_top,
    tap,
)
from tests.ui.test_admin import admin_kiosk, open_admin

PANELS = [(1024, 600), (1280, 720), (1280, 800), (1366, 768), (1920, 1080), (800, 1280)]


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def shown(item: QQuickItem) -> bool:
    """Visible and not faded out, all the way up."""
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def buttons(window) -> list[QQuickItem]:
    """Every button a finger can see on the window now (Qt Quick Controls buttons, and the
    attract screen's invitation), the keyboard's keys aside."""
    keyboard = find(window, "keyboard", visible=False)
    found = []
    for item in items(window.contentItem()):
        if item is keyboard:
            continue
        if (item.inherits("QQuickAbstractButton") or item.objectName() == "invitationButton") and (
            shown(item) and item.width() > 0
        ):
            found.append(item)
    return [b for b in found if not _inside(b, keyboard)]


def _inside(item: QQuickItem, ancestor: QQuickItem) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentItem()
    return False


def flickable_of(item: QQuickItem) -> QQuickItem | None:
    """The scrolling view `item` sits in, if any."""
    parent = item.parentItem()
    while parent is not None:
        if parent.property("contentY") is not None and parent.property("contentHeight"):
            return parent
        parent = parent.parentItem()
    return None


def view_of(item: QQuickItem) -> QRectF | None:
    """The part of the window a scrolling view around `item` shows (None: no such view)."""
    flick = flickable_of(item)
    return scene_rect(flick) if flick is not None else None


def scroll_to_show(item: QQuickItem) -> None:
    """Scroll the view an item sits in so that the whole item shows, centred if it can be."""
    flick = flickable_of(item)
    if flick is None:
        return
    top = item.mapToItem(flick.property("contentItem"), QPointF(0, 0)).y()
    most = max(0.0, flick.property("contentHeight") - flick.height())
    wanted = top - (flick.height() - item.height()) / 2
    flick.setProperty("contentY", min(most, max(0.0, wanted)))


def name(item: QQuickItem) -> str:
    return item.objectName() or str(item.property("text") or item.metaObject().className())


def misfits(window) -> list[str]:
    """What is wrong with the buttons on the window now, in words (empty: all fit)."""
    area = QRectF(0, 0, window.width(), window.height())
    keyboard = find(window, "keyboard", visible=False)
    keyboard_top = scene_top(keyboard) if keyboard.property("active") else window.height()
    problems = []
    for button in buttons(window):
        scroll_to_show(button)
        rect = scene_rect(button)
        label = f"{name(button)} at {rect.toRect().getRect()}"
        if not area.contains(rect):
            problems.append(f"{label} is not inside the {window.width()}x{window.height()} window")
        elif rect.bottom() > keyboard_top + 0.5:
            problems.append(f"{label} is under the keyboard (top {keyboard_top:.0f})")
        view = view_of(button)
        if view is not None and not view.contains(rect.adjusted(0.5, 0.5, -0.5, -0.5)):
            problems.append(f"{label} cannot be scrolled into its view {view.toRect().getRect()}")
        text = button.property("contentItem")
        if text is not None and text.property("truncated"):
            problems.append(f"{label} shows only part of its words")
    return problems


def primary_in_view(window, name_: str) -> list[str]:
    button = find(window, name_)
    rect = scene_rect(button)
    keyboard = find(window, "keyboard", visible=False)
    bottom = scene_top(keyboard) if keyboard.property("active") else window.height()
    view = view_of(button)
    if rect.top() < 0 or rect.bottom() > bottom + 0.5 or (view and not view.contains(rect)):
        return [f"the primary {name_} at {rect.toRect().getRect()} is not in view"]
    return []


def keyboard_up(qtbot, kiosk, field: str) -> None:
    find(kiosk.window, f"field_{field}").forceActiveFocus()
    keyboard = find(kiosk.window, "keyboard", visible=False)
    window = kiosk.window
    qtbot.waitUntil(lambda: keyboard.property("active"), timeout=5000)
    qtbot.waitUntil(
        lambda: abs(scene_top(keyboard) + keyboard.height() - window.height()) < 0.5,
        timeout=5000,
    )
    next_frame(qtbot, window)


@pytest.mark.parametrize("size", PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_the_panel_with_its_buttons_in_reach(make_kiosk, qtbot, size, tmp_path):
    crashes = CrashReports(tmp_path / "log", "test")  # the dashboard's note on a crash, too
    try:
        raise RuntimeError("a crash before this start")
    except RuntimeError as exc:
        crashes.write(type(exc), exc, exc.__traceback__)
    kiosk = admin_kiosk(make_kiosk, language="fr", crashes=crashes)
    window, session = kiosk.window, kiosk.session
    resized(qtbot, window, size)
    problems: dict[str, list[str]] = {}

    def check(step: str, primary: str | None = None) -> None:
        found = (primary_in_view(window, primary) if primary else []) + misfits(window)
        if found:
            problems[step] = found

    on_screen(qtbot, kiosk, "attract")
    check("attract", "invitationButton")
    tap(window, "attractTouch")
    on_screen(qtbot, kiosk, "language")
    check("language")
    tap(window, "choose_de")
    on_screen(qtbot, kiosk, "story")
    check("story", "signButton")
    tap(window, "signButton")
    on_screen(qtbot, kiosk, "form")
    check("form")
    keyboard_up(qtbot, kiosk, "town")
    check("form with the keyboard", "previewButton")
    for field, value in (("given_name", "Anna"), ("family_name", "Keller"), ("town", "Bern")):
        session.setField(field, value)
    session.setConsent("sign", True)
    window.contentItem().forceActiveFocus()
    session.preview()
    on_screen(qtbot, kiosk, "preview")
    check("preview", "confirmButton")
    for language in ("fr", "en"):  # the confirm button's sentence is longest in French
        tap(window, f"language_{language}")
        qtbot.waitUntil(lambda wanted=language: session.language == wanted, timeout=5000)
        next_frame(qtbot, window)
        check(f"preview in {language}", "confirmButton")
    session.confirm()
    on_screen(qtbot, kiosk, "thanks")
    check("thanks", "doneButton")
    session.finish()
    on_screen(qtbot, kiosk, "attract")
    kiosk.admin.askPin()
    qtbot.waitUntil(lambda: exists(window, "pin_OK"), timeout=5000)
    next_frame(qtbot, window)
    check("PIN pad", "pin_OK")
    kiosk.admin.cancelPin()
    open_admin(qtbot, kiosk)
    assert exists(window, "adminScreen")
    assert exists(window, "crashNotice")
    check("admin dashboard", "adminLock")

    assert not problems, "\n".join(f"{step}: {p}" for step, ps in problems.items() for p in ps)


def three_cases(folder: Path) -> list[str]:
    """The bundled case and two copies of it for other people: three active cases."""
    shutil.copytree(BUNDLED_CASES, folder)
    ids = [EXAMPLE_CASE]
    for case_id, person in (("ales-bialiatski", "Ales Bialiatski"), ("narges", "Narges Mohammadi")):
        shutil.copytree(folder / EXAMPLE_CASE, folder / case_id)
        toml = (folder / case_id / "case.toml").read_text(encoding="utf-8")
        toml = toml.replace(f'id = "{EXAMPLE_CASE}"', f'id = "{case_id}"', 1)
        toml = toml.replace('person = "Maryia Kalesnikava"', f'person = "{person}"')
        (folder / case_id / "case.toml").write_text(toml, encoding="utf-8")
        ids.append(case_id)
    return ids


@pytest.mark.parametrize("size", PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_thank_you_with_three_cases_keeps_done_and_every_other_case_in_reach(
    make_kiosk, qtbot, size, tmp_path
):
    ids = three_cases(tmp_path / "cases")
    active = ", ".join(f'"{case_id}"' for case_id in ids)
    kiosk = make_kiosk(
        f'[cases]\nfolder = "{tmp_path / "cases"}"\nactive = [{active}]\n'
        '[organisation]\nshare_url = "https://example.org/write-for-rights"\n'
        'donate_url = "https://example.org/donate"\n'
    )
    window, session = kiosk.window, kiosk.session
    resized(qtbot, window, size)
    tap(window, "attractTouch")
    on_screen(qtbot, kiosk, "language")
    tap(window, "choose_fr")
    on_screen(qtbot, kiosk, "story")
    tap(window, "signButton")
    on_screen(qtbot, kiosk, "form")
    for field, value in (("given_name", "Anna"), ("family_name", "Keller"), ("town", "Bern")):
        session.setField(field, value)
    session.setConsent("sign", True)
    window.contentItem().forceActiveFocus()
    session.preview()
    on_screen(qtbot, kiosk, "preview")
    session.confirm()
    on_screen(qtbot, kiosk, "thanks")
    thanks = find(window, "thanksScreen")
    qtbot.waitUntil(lambda: thanks.opacity() == 1.0, timeout=3000)  # faded in
    next_frame(qtbot, window)

    others = [b for b in buttons(window) if b.objectName().startswith("another_")]
    assert len(others) == 2, [name(b) for b in buttons(window)]
    assert len(session.property("thanks")["codes"]) == 3  # follow, share, donate
    problems = primary_in_view(window, "doneButton") + misfits(window)
    assert not problems, "\n".join(problems)
    done = find(window, "doneButton")
    qtbot.waitUntil(done.isEnabled, timeout=3000)
    tap(window, done)
    on_screen(qtbot, kiosk, "attract")


def key_face(key: QQuickItem) -> QQuickItem:
    """The key a finger sees: the largest rectangle drawn inside the key's item (Qt's style
    draws it a few pixels inside the item, whose edge nobody sees)."""
    faces = [
        i for i in items(key) if i.isVisible() and i.metaObject().className() == "QQuickRectangle"
    ]
    return max(faces, key=lambda face: face.width() * face.height())


@pytest.mark.parametrize("size", PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_key_of_the_keyboard_is_a_finger_wide_and_high_on_every_panel(
    make_kiosk, qtbot, size
):
    from tests.ui.conftest import keyboard_keys
    from tests.ui.test_quality import MIN_TARGET
    from tests.ui.test_screens import go_to_form

    kiosk = make_kiosk(language="fr")
    resized(qtbot, kiosk.window, size)
    go_to_form(qtbot, kiosk, "fr")
    keyboard_up(qtbot, kiosk, "given_name")
    qtbot.waitUntil(lambda: "a" in keyboard_keys(kiosk.window), timeout=10000)
    faces = {text: key_face(key) for text, key in keyboard_keys(kiosk.window).items()}
    small = {
        text: (round(face.width()), round(face.height()))
        for text, face in faces.items()
        if face.width() < MIN_TARGET or face.height() < MIN_TARGET
    }
    assert not small, f"keys drawn under {MIN_TARGET} px at {size}: {small}"
