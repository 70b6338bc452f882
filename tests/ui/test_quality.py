"""The screens are fit for a stand: big targets with names, every size of screen, clean QML,
complete translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAccessible

from kiosk.core.languages import SCREEN_TRANSLATIONS as I18N_DIR
from kiosk.ui import qmltypes
from kiosk.ui.app import QML_DIR
from kiosk.ui.qmltypes import TARGET as QMLTYPES
from tests.ui.conftest import find, items, on_screen, resized

INTERACTIVE = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.Canvas,
}
MIN_TARGET = 56  # px: 9 mm on a 10" 1280x800 panel is 64; the floor on the smallest screens


def walk_every_screen(kiosk, qtbot):
    """Yield at each screen of the flow, with a form filled in (through the session)."""
    session = kiosk.session
    yield "attract"
    session.start()
    on_screen(qtbot, kiosk, "language")
    yield "language"
    session.chooseLanguage("de")
    on_screen(qtbot, kiosk, "story")
    yield "story"
    session.sign()
    on_screen(qtbot, kiosk, "form")
    yield "form"
    session.setField("given_name", "Anna")
    session.setField("town", "Bern")
    session.setConsent("sign", True)
    session.preview()
    qtbot.waitUntil(lambda: session.previewSource != "", timeout=10000)
    on_screen(qtbot, kiosk, "preview")
    yield "preview"
    session.confirm()
    on_screen(qtbot, kiosk, "thanks")
    yield "thanks"


def in_keyboard(item) -> bool:
    while item is not None:
        if item.objectName() == "keyboard":
            return True
        item = item.parentItem()
    return False


def controls(window):
    """Visible interactive items of our screens (the virtual keyboard's keys are Qt's own)."""
    for item in items(window.contentItem()):
        if not item.isVisible() or item.opacity() == 0 or in_keyboard(item):
            continue
        face = QAccessible.queryAccessibleInterface(item)
        if face is not None and face.role() in INTERACTIVE:
            yield item, face


@pytest.mark.parametrize("size", [(1024, 600), (1280, 800), (1920, 1080), (800, 1280)])
def test_every_control_is_a_named_target_a_finger_can_hit(kiosk, qtbot, size):
    resized(qtbot, kiosk.window, size)
    seen = 0
    for screen in walk_every_screen(kiosk, qtbot):
        for item, face in controls(kiosk.window):
            seen += 1
            name = face.text(QAccessible.Text.Name)
            where = f"{screen} at {size}: {item.objectName() or type(item).__name__}"
            assert name.strip(), f"{where} has no accessible name"
            assert item.height() >= MIN_TARGET and item.width() >= MIN_TARGET, (
                f"{where} is {item.width():.0f}x{item.height():.0f}"
            )
    assert seen > 20


@pytest.mark.parametrize("size", [(1024, 600), (800, 1280)])
def test_the_main_button_of_each_screen_is_on_screen(kiosk, qtbot, size):
    resized(qtbot, kiosk.window, size)
    main = {
        "language": "choose_de",
        "story": "signButton",
        "form": "previewButton",
        "preview": "confirmButton",
        "thanks": "doneButton",
    }
    for screen in walk_every_screen(kiosk, qtbot):
        if screen in main:
            button = find(kiosk.window, main[screen])
            corner = button.mapToScene(button.boundingRect().bottomRight())
            assert corner.x() <= size[0] and corner.y() <= size[1], (screen, corner)


def scene_rect(item) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1280, 800), (800, 1280)])
def test_the_initials_never_overlap_the_name_on_the_attract_screen(kiosk, qtbot, size):
    """The example case has no photo: its initials in a circle stand in, above the name."""
    kiosk.window.resize(*size)
    qtbot.waitUntil(lambda: kiosk.window.width() == size[0], timeout=3000)
    initials, name = find(kiosk.window, "initials"), find(kiosk.window, "attractPerson")
    qtbot.waitUntil(lambda: name.height() > 0 and initials.width() > 0, timeout=3000)
    assert initials.width() >= 100, f"the circle shrank to {initials.width():.0f} px at {size}"
    assert not scene_rect(initials).intersects(scene_rect(name)), (
        scene_rect(initials),
        scene_rect(name),
    )


def qml_files() -> list[Path]:
    return sorted(QML_DIR.rglob("*.qml"))


def lint(qml_dir: Path, files: list[Path]) -> subprocess.CompletedProcess:
    """qmllint on `files` of the Kiosk module in `qml_dir`, failing on any warning."""
    lint = Path(sys.executable).with_name("pyside6-qmllint")
    return subprocess.run(
        [str(lint), "--max-warnings", "0", "-I", str(qml_dir), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_qml_is_lint_clean():
    lint_tool = Path(sys.executable).with_name("pyside6-qmllint")
    singletons = [p for p in qml_files() if "pragma Singleton" in p.read_text()]
    others = [p for p in qml_files() if p not in singletons]
    result = lint(QML_DIR, others)
    assert result.returncode == 0, result.stdout + result.stderr
    # Linted on their own, singleton files get a false "not declared as singleton in qmldir"
    # (they are); everything else in them is checked.
    result = subprocess.run(
        [str(lint_tool), "--max-warnings", "0", "--import", "disable", "-I", str(QML_DIR)]
        + [str(p) for p in singletons],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("screen", "binding", "typo"),
    [
        ("screens/LanguageScreen.qml", "screen.session.languages", "screen.session.langauges"),
        ("screens/FormScreen.qml", "screen.session.errors", "screen.session.erors"),
        ("components/IdleOverlay.qml", ".idle.secondsLeft", ".idle.secondLeft"),
        ("screens/AdminScreen.qml", "screen.admin.dashboard", "screen.admin.dashbord"),
    ],
)
def test_a_misspelt_property_of_a_python_object_fails_the_lint(tmp_path, screen, binding, typo):
    copy = tmp_path / "qml"
    shutil.copytree(QML_DIR, copy)
    planted = copy / "Kiosk" / screen
    text = planted.read_text()
    assert binding in text
    planted.write_text(text.replace(binding, typo, 1))
    result = lint(copy, [planted])
    assert result.returncode != 0
    assert typo.rsplit(".", 1)[1] in result.stdout + result.stderr


def test_the_qml_type_description_of_the_python_types_is_current():
    assert QMLTYPES.read_text() == qmltypes.generate(), "run: python -m kiosk.ui.qmltypes"


def messages(ts: Path):
    for message in ET.parse(ts).iter("message"):  # noqa: S314 - our own translation files
        translation = message.find("translation")
        yield message.find("source").text, translation


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_screen_text_is_translated(language):
    untranslated = [
        source
        for source, translation in messages(I18N_DIR / f"kiosk_{language}.ts")
        if translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not ("".join(translation.itertext())).strip()
    ]
    assert untranslated == []


def python_files_with_screen_texts() -> list[Path]:
    """The controllers that say screen texts themselves (the admin screen's messages)."""
    ui = QML_DIR.parent
    return sorted(p for p in ui.rglob("*.py") if "QT_TRANSLATE_NOOP(" in p.read_text())


def test_the_translations_cover_every_text_in_the_qml(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = [*qml_files(), *python_files_with_screen_texts()]
    subprocess.run(
        [str(lupdate), *map(str, sources), "-ts", str(fresh)],
        capture_output=True,
        check=True,
    )
    in_qml = {source for source, _ in messages(fresh)}
    for ts in I18N_DIR.glob("*.ts"):
        assert in_qml <= {source for source, _ in messages(ts)}, f"{ts.name}: run pyside6-lupdate"


@pytest.mark.parametrize("ts", sorted(I18N_DIR.glob("*.ts")), ids=lambda p: p.name)
def test_the_compiled_translations_are_up_to_date(ts, tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(fresh)], capture_output=True, check=True)
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"run lrelease on {ts.name}"
