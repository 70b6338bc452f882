"""The real QML screens, offscreen, driven by touches on items found by their objectName."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
from kiosk.ui.app import prepare_environment

prepare_environment()

import PySide6.QtQuick  # noqa: E402, F401 - before any root object is touched (see STACK.md)
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.app import KioskService  # noqa: E402
from kiosk.core.config import Config, load_config  # noqa: E402
from kiosk.core.crashes import CrashReports  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.background import wait_for_background  # noqa: E402


def write_config(folder: Path, text: str = "", language: str = "fr") -> Path:
    """A kiosk config in `folder`: letters as PDFs there, French, German and English offered,
    the screens in `language` between visitors. `text` adds tables; a [printing] table in it is
    merged with the PDF folder."""
    path = folder / "config.toml"
    printing = f'[printing]\npdf_folder = "{folder / "letters"}"\n'
    if "[printing]\n" in text:
        text = text.replace("[printing]\n", printing)
        printing = ""
    path.write_text(
        printing + f'[languages]\noffered = ["fr", "de", "en"]\ndefault = "{language}"\n' + text
    )
    return path


@pytest.fixture
def make_kiosk(qapp, tmp_path):
    """Build kiosks on a fresh database (one test may restart the kiosk)."""
    made: list[KioskApp] = []

    def make(
        config_text: str = "",
        database: Path | None = None,
        language: str = "fr",
        crashes: CrashReports | None = None,
    ) -> KioskApp:
        config: Config = load_config(write_config(tmp_path, config_text, language))
        service = KioskService(config, database or tmp_path / "signatures.db")
        kiosk = KioskApp(service, fullscreen=False, crashes=crashes)
        kiosk.window.resize(1280, 800)
        made.append(kiosk)
        settle(qapp, 100)
        ready_for_a_touch(qapp, kiosk.window)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
        kiosk.service.close()
    wait_for_background()


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()


def settle(qapp, ms: int = 50) -> None:
    """Let Qt handle events for `ms` milliseconds (loaders, animations, queued signals)."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.005)


def ready_for_a_touch(qapp, window, timeout: float = 5.0) -> None:
    """Wait until the on-screen keyboard, built in the background after the first frame, is
    there and waits below the window (a test types on it soon after)."""
    deadline = time.monotonic() + timeout
    while not exists(window, "keyboard", visible=False) and time.monotonic() < deadline:
        settle(qapp, 10)
    keyboard = find(window, "keyboard", visible=False)
    while scene_top(keyboard) < window.height() - 0.5 and time.monotonic() < deadline:
        settle(qapp, 10)
    assert scene_top(keyboard) >= window.height() - 0.5, (scene_top(keyboard), window.height())


def on_screen(qtbot, kiosk, step: str, timeout: int = 10000) -> None:
    """Wait until the session is at `step` and its screen is the one loaded and laid out."""
    loader = find(kiosk.window, "screen", visible=False)

    def shown() -> bool:
        item = loader.property("item")
        return (
            kiosk.session.step == step
            and item is not None
            and item.objectName() == f"{step}Screen"
            and item.width() > 0
        )

    qtbot.waitUntil(shown, timeout=timeout)
    next_frame(qtbot, kiosk.window)


def next_frame(qtbot, window) -> None:
    """Wait for a frame drawn from now on: Qt lays items out (polish) just before it draws, so
    after it every position on the screen is the one a finger sees."""
    with qtbot.waitSignal(window.frameSwapped, timeout=5000):
        window.update()


def resized(qtbot, window, size: tuple[int, int]) -> None:
    """Resize the window and wait until its content is laid out at that size, the keyboard
    too: it slides to the new bottom edge (150 ms), and the screens end where it begins, so a
    screen reached sooner than that would still reach below the window."""
    window.resize(*size)
    qtbot.waitUntil(
        lambda: (window.contentItem().width(), window.contentItem().height()) == size,
        timeout=5000,
    )
    if exists(window, "keyboard", visible=False):
        panel = find(window, "keyboard", visible=False)

        def in_place() -> bool:  # below the window, or (shown) its bottom on the edge
            top = scene_top(panel)
            return abs(top - size[1]) < 0.5 or abs(top + panel.height() - size[1]) < 0.5

        qtbot.waitUntil(in_place, timeout=5000)
    next_frame(qtbot, window)


def pending_events() -> None:
    """Let Qt deliver what is queued now, without waiting: before checking that something
    did NOT happen (a tap's effects are delivered at once)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()


def scene_top(item: QQuickItem) -> float:
    """Where an item's top edge is in the window (the keyboard moves inside its loader)."""
    return item.mapToScene(QPointF(0, 0)).y()


def items(root: QQuickItem):
    yield root
    for child in root.childItems():
        yield from items(child)


def find(window, name: str, visible: bool = True) -> QQuickItem:
    """The (visible) item called `name` on the screen now."""
    for item in items(window.contentItem()):
        if item.objectName() == name and (item.isVisible() or not visible):
            return item
    raise LookupError(f"no {'visible ' if visible else ''}item named {name!r} on screen")


def exists(window, name: str, visible: bool = True) -> bool:
    try:
        find(window, name, visible)
    except LookupError:
        return False
    return True


def centre(window, item: QQuickItem) -> QPoint:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    size = window.size()
    assert 0 <= point.x() < size.width() and 0 <= point.y() < size.height(), (
        f"{item.objectName()} at {point} is outside the window"
    )
    return point


def scroll_into_view(item: QQuickItem) -> None:
    """Scroll the list an item sits in until it shows, as a person swipes to it."""
    parent = item.parentItem()
    while parent is not None:
        if parent.property("contentY") is not None and parent.property("contentHeight"):
            flick = parent
            content = flick.property("contentItem")
            top = item.mapToItem(content, QPointF(0, 0)).y()
            view, y = flick.height(), flick.property("contentY")
            if top < y or top + item.height() > y + view:
                most = max(0.0, flick.property("contentHeight") - view)
                flick.setProperty("contentY", min(most, max(0.0, top - view / 3)))
            return
        parent = parent.parentItem()


def tap(window, item_or_name) -> None:
    """A finger's tap on the middle of an item (scrolled into view; inside the window)."""
    item = find(window, item_or_name) if isinstance(item_or_name, str) else item_or_name
    scroll_into_view(item)
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(window, item)
    )


def drag(window, start: QPoint, points: list[QPoint]) -> None:
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for point in points:
        QTest.mouseMove(window, point, 10)
    QTest.mouseRelease(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
    )


def keyboard_keys(window) -> dict[str, QQuickItem]:
    """The visible keys of the on-screen keyboard, by the text they type."""
    keys = {}
    for item in items(find(window, "keyboard")):
        if item.isVisible() and item.property("keyType") is not None:
            text = item.property("text")
            if isinstance(text, str) and text and item.width() > 0:
                keys.setdefault(text, item)
    return keys


def type_on_keyboard(window, qapp, text: str) -> None:
    """Type `text` by touching the on-screen keyboard's keys, one by one."""
    panel = find(window, "keyboard")
    deadline = time.monotonic() + 3
    while scene_top(panel) + panel.height() > window.height() + 0.5 and time.monotonic() < deadline:
        settle(qapp, 20)  # it slides in from below
    for ch in text:
        keys = keyboard_keys(window)
        key = keys.get(ch) or keys.get(ch.lower())
        assert key is not None, f"no key for {ch!r}: {sorted(keys)}"
        tap(window, key)
        settle(qapp, 30)
