"""What a visitor typed or a case file says shows as those very characters, never as markup:
a name like `<img src="file:///...">Eve` must not show a local file on the thank-you screen."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlExpression

from kiosk.ui.app import QML_DIR
from tests.conftest import BUNDLED_CASES, EXAMPLE_CASE
from tests.ui.conftest import find, tap
from tests.ui.test_screens import sign_up_to_preview, wait_step

# The only texts not shown as plain text, each with why it is safe.
NOT_PLAIN = {
    # The case story: kiosk.core.styled_text turns the project's own markup (paragraphs,
    # **bold**) into StyledText and escapes everything else the case file holds.
    ("StoryScreen.qml", "text: screen.session.case.lead", "Text.StyledText"),
    ("StoryScreen.qml", "text: screen.session.case.story", "Text.StyledText"),
}


def text_blocks(source: str):
    """Each `Text { ... }` element of a QML file (also `contentItem: Text` and inline
    components based on Text), as its own lines without those of nested elements."""
    lines = source.splitlines()
    for start, line in enumerate(lines):
        if not re.search(r"(^|[\s:])Text \{\s*$", line):
            continue
        depth, own = 1, []
        for inner in lines[start + 1 :]:
            if depth == 1:
                own.append(inner.strip())
            depth += inner.count("{") - inner.count("}")
            if depth == 0:
                break
        yield start + 1, own


TEXT_FORMATS = {0: "PlainText", 1: "RichText", 2: "AutoText", 3: "MarkdownText", 4: "StyledText"}


def text_format(kiosk, item) -> str:
    """The `textFormat` of a Text on screen, by its QML name (PySide cannot convert the enum,
    so QML reads it as a number)."""
    expression = QQmlExpression(kiosk.engine.rootContext(), item, "textFormat + 0")
    value, failed = expression.evaluate()
    assert not failed, expression.error().toString()
    return TEXT_FORMATS[int(value)]


def qml_files() -> list[Path]:
    return sorted(QML_DIR.rglob("*.qml"))


def test_every_text_on_every_screen_says_how_it_is_read():
    found, unsafe = 0, []
    for path in qml_files():
        for line, own in text_blocks(path.read_text()):
            found += 1
            formats = [entry for entry in own if entry.startswith("textFormat:")]
            shown = next((entry for entry in own if entry.startswith("text:")), "")
            if formats and formats[0].startswith("textFormat: Text.PlainText"):
                continue
            fmt = formats[0].split()[1] if formats else "(none: Qt guesses, rich text too)"
            if (path.name, shown, fmt) not in NOT_PLAIN:
                unsafe.append(f"{path.name}:{line} {shown} -> {fmt}")
    assert found > 30  # the walk found the screens' texts
    assert unsafe == []


def test_the_walk_finds_a_text_that_would_read_markup(tmp_path):
    planted = "Item {\n    Text {\n        text: session.thanks.name\n    }\n}\n"
    blocks = list(text_blocks(planted))
    assert blocks == [(2, ["text: session.thanks.name", "}"])]


@pytest.fixture
def local_image():
    """A real picture on this machine, 600 px high, at a path short enough for a name."""
    handle, name = tempfile.mkstemp(suffix=".png", dir="/tmp")
    os.close(handle)
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(name)
    yield name
    Path(name).unlink()


def test_markup_in_a_name_shows_as_typed_on_the_thank_you_screen(kiosk, qtbot, local_image):
    name = f'<img src="file://{local_image}" width="600" height="600">Eve'
    assert len(name) <= 80  # a name the form takes
    sign_up_to_preview(qtbot, kiosk, given_name=name, family_name="<h1>Keller</h1>")
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")

    title = find(kiosk.window, "thanksTitle")
    assert title.property("text") == f"Thank you, {name}!"
    assert text_format(kiosk, title) == "PlainText"
    assert title.property("lineCount") <= 3
    assert title.property("implicitHeight") < 600  # the picture did not load
    (signature,) = kiosk.service.store.signatures()
    assert signature.given_name == name and signature.family_name == "<h1>Keller</h1>"


def test_markup_in_a_case_story_shows_as_written_and_only_bold_is_read(make_kiosk, qtbot, tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(BUNDLED_CASES, cases)
    (cases / EXAMPLE_CASE / "story.en.md").write_text(
        '<img src="file:///etc/hosts.png" width="600" height="600"> The lead.\n\n'
        "A **brave** woman. ![map](file:///tmp/map.png) <h1>Big</h1> &amp;\n"
    )
    kiosk = make_kiosk(f'[cases]\nfolder = "{cases}"\n')
    kiosk.session.start()
    kiosk.session.chooseLanguage("en")
    wait_step(qtbot, kiosk, "story")

    lead = find(kiosk.window, "storyLead")
    story = find(kiosk.window, "storyText")
    assert text_format(kiosk, lead) == text_format(kiosk, story) == "StyledText"
    assert lead.property("text").startswith("&lt;img src=")
    assert "<b>brave</b>" in story.property("text")
    assert "![map](file:///tmp/map.png) &lt;h1&gt;Big&lt;/h1&gt; &amp;amp;" in story.property(
        "text"
    )
    assert lead.property("implicitHeight") < 600
