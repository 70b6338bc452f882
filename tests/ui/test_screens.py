"""A visitor at the stand, on the real screens: touch to start, read, sign, check, confirm.

Each test loads the real QML offscreen and touches items found by their objectName, as a finger
would; what the kiosk recorded is then read back from its SQLite file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from tests.conftest import BUNDLED_CASES, EXAMPLE_CASE, fill_disk
from tests.ui.conftest import (
    drag,
    exists,
    find,
    items,
    keyboard_keys,
    on_screen,
    pending_events,
    scene_top,
    scroll_into_view,
    tap,
    type_on_keyboard,
)


def wait_step(qtbot, kiosk, step: str) -> None:
    on_screen(qtbot, kiosk, step)


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


def fill_form(qtbot, kiosk, **values: str) -> None:
    """Type each value into its field as key presses (faster than the on-screen keys, which
    one test walks through), each character with its text, as a hardware keyboard sends it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = kiosk.window
    for name, value in values.items():
        field = find(window, f"field_{name}")
        field.forceActiveFocus()
        for ch in value:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                window,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )
        # The session has taken what the field shows.
        qtbot.waitUntil(
            lambda name=name, field=field: kiosk.session.fields.get(name) == field.property("text")
        )


def go_to_form(qtbot, kiosk, language: str = "de") -> None:
    window = kiosk.window
    tap(window, "attractTouch")
    wait_step(qtbot, kiosk, "language")
    tap(window, f"choose_{language}")
    wait_step(qtbot, kiosk, "story")
    tap(window, "signButton")
    wait_step(qtbot, kiosk, "form")


def draw_signature(window) -> None:
    pad = find(window, "signatureArea")
    scroll_into_view(pad)
    origin = pad.mapToScene(pad.boundingRect().topLeft()).toPoint()
    w, h = int(pad.width()), int(pad.height())
    start = origin + QPoint(w // 6, h // 2)
    wave = [
        origin + QPoint(w // 6 + i * w // 20, h // 2 + (25 if i % 2 else -25)) for i in range(1, 12)
    ]
    drag(window, start, wave)


def test_a_visitor_signs_from_start_to_thank_you_and_nothing_of_them_remains(
    kiosk, qtbot, qapp, tmp_path
):
    window = kiosk.window
    assert exists(window, "attractScreen")

    tap(window, "attractTouch")
    wait_step(qtbot, kiosk, "language")
    tap(window, "choose_de")
    wait_step(qtbot, kiosk, "story")
    assert kiosk.session.language == "de"
    story = find(window, "story")
    assert story.property("contentHeight") > story.height()  # the story scrolls: swipe it
    start = story.mapToScene(story.boundingRect().center()).toPoint()
    drag(window, start, [start - QPoint(0, 60 * i) for i in range(1, 6)])
    qtbot.waitUntil(lambda: story.property("contentY") > 0, timeout=3000)

    tap(window, "signButton")
    wait_step(qtbot, kiosk, "form")

    # The given name is typed on the on-screen keyboard, in its German layout.
    given = find(window, "field_given_name")
    tap(window, given)
    qtbot.waitUntil(lambda: find(window, "keyboard").property("active"), timeout=3000)
    keyboard = find(window, "keyboard")
    # The layout follows the language (Qt builds its keys a moment after the panel is active).
    qtbot.waitUntil(lambda: "ü" in keyboard_keys(window), timeout=3000)
    type_on_keyboard(window, qapp, "jürg")
    assert given.property("text") == "Jürg"  # the keyboard starts with a capital
    field_bottom = given.mapToScene(given.boundingRect().bottomLeft()).y()
    assert field_bottom <= scene_top(keyboard), "the keyboard covers the field being typed in"
    fill_form(qtbot, kiosk, family_name="Müller", postal_code="8004", town="Zürich")
    town = find(window, "field_town")
    qtbot.waitUntil(
        lambda: town.mapToScene(town.boundingRect().bottomLeft()).y() <= scene_top(keyboard),
        timeout=3000,
    )  # the form scrolled the field being typed in above the keyboard
    tap(window, "consent_sign")
    draw_signature(window)
    qtbot.waitUntil(lambda: kiosk.session.hasDrawing, timeout=3000)

    find(window, "formScreen").forceActiveFocus()  # the keyboard goes away
    tap(window, "previewButton")
    wait_step(qtbot, kiosk, "preview")
    qtbot.waitUntil(lambda: kiosk.session.previewSource != "", timeout=10000)
    image = find(window, "previewImage")
    qtbot.waitUntil(lambda: image.property("implicitWidth") > 0, timeout=5000)  # it is drawn
    size = image.property("sourceSize")
    assert size.height() > size.width() > 500  # an A4 page, tall, at a readable resolution

    tap(window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")
    assert "Jürg" in find(window, "thanksTitle").property("text")
    letter = find(window, "letterStatus").property("text")  # no printer here: a PDF folder
    assert "gespeichert" in letter and "Drucker" not in letter, letter

    database = kiosk.service.store.path
    [row] = rows(
        database,
        "SELECT given_name, family_name, postal_code, town, country, language, drawing, case_id "
        "FROM signatures",
    )
    assert row[: 7 - 1] == ("Jürg", "Müller", "8004", "Zürich", "CH", "de")
    assert row[6] is not None and '"strokes"' in row[6]
    assert row[7] == EXAMPLE_CASE
    assert rows(database, "SELECT count(*) FROM outbox") == [(1,)]
    assert rows(database, "SELECT count(*) FROM print_jobs") == [(1,)]
    letters = tmp_path / "letters"
    qtbot.waitUntil(lambda: len(list(letters.glob("*.pdf"))) == 1, timeout=10000)

    done = find(window, "doneButton")
    qtbot.waitUntil(lambda: done.isEnabled(), timeout=3000)
    tap(window, done)
    wait_step(qtbot, kiosk, "attract")
    traces = kiosk.session.traces()
    assert all(not value for value in traces.values()), traces
    for item in items(window.contentItem()):
        for prop in ("text", "source"):
            value = item.property(prop)
            if isinstance(value, str):
                assert "Jürg" not in value and "Müller" not in value, (item.objectName(), value)
    assert kiosk.session.language == "fr"  # the next person starts in the stand's language


def test_the_form_speaks_only_french_when_no_organisation_is_named(kiosk, qtbot):
    go_to_form(qtbot, kiosk, language="fr")
    texts = [
        item.property("text")
        for item in items(kiosk.window.contentItem())
        if item.isVisible() and isinstance(item.property("text"), str)
    ]
    assert any("aux organisateurs de ce stand" in text for text in texts), texts
    assert not any("the organisation" in text for text in texts), texts  # no English inside


def test_changing_language_keeps_everything_typed(kiosk, qtbot):
    go_to_form(qtbot, kiosk, "fr")
    fill_form(qtbot, kiosk, given_name="Олена", town="Київ")
    tap(kiosk.window, "consent_sign")

    tap(kiosk.window, "language_en")
    qtbot.waitUntil(lambda: kiosk.session.language == "en", timeout=2000)
    pending_events()

    assert find(kiosk.window, "field_given_name").property("text") == "Олена"
    assert find(kiosk.window, "field_town").property("text") == "Київ"
    assert find(kiosk.window, "consent_sign").property("checked")
    assert kiosk.session.keyboardLocale == "en_GB"
    assert find(kiosk.window, "previewButton").property("text") == "See my letter"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({}, "given_name", "Bitte geben Sie Ihren Namen ein."),
        ({}, "town", "Bitte geben Sie Ihren Ort ein."),
        (
            {"given_name": "Anna", "town": "Bern", "postal_code": "80/04"},
            "postal_code",
            "Eine Postleitzahl enthält nur Buchstaben",
        ),
        (
            {"given_name": "Anna", "town": "Bern", "email": "anna@"},
            "email",
            "Bitte prüfen Sie Ihre E-Mail-Adresse",
        ),
        (
            {"given_name": "Anna", "town": "Bern", "email": "anna@example.org"},
            "email",
            "Kreuzen Sie unten das Kästchen für Neuigkeiten an",
        ),
        (
            {"given_name": "123", "town": "Bern"},
            "given_name",
            "Ein Name enthält mindestens einen Buchstaben.",
        ),
    ],
)
def test_each_mistake_is_said_in_words_at_its_field(kiosk, qtbot, values, field, message):
    go_to_form(qtbot, kiosk, "de")
    fill_form(qtbot, kiosk, **values)
    tap(kiosk.window, "consent_sign")
    tap(kiosk.window, "previewButton")
    qtbot.waitUntil(lambda: kiosk.session.errors != {}, timeout=5000)

    assert kiosk.session.step == "form"  # nothing goes on with a mistake in it
    error = find(kiosk.window, f"error_{field}")
    assert message in error.property("text")
    assert kiosk.service.counts().total == 0


def test_the_required_consent_must_be_ticked(kiosk, qtbot):
    go_to_form(qtbot, kiosk, "en")
    fill_form(qtbot, kiosk, given_name="Anna", town="Bern")
    tap(kiosk.window, "previewButton")
    qtbot.waitUntil(lambda: kiosk.session.errors != {}, timeout=5000)
    assert kiosk.session.step == "form"
    assert kiosk.session.errors == {"consent_sign": "consent_required"}


def test_the_red_summary_goes_once_every_field_is_fixed(kiosk, qtbot):
    go_to_form(qtbot, kiosk, "en")
    tap(kiosk.window, "previewButton")  # nothing filled in
    qtbot.waitUntil(lambda: exists(kiosk.window, "formProblem"), timeout=3000)
    assert "marked in red" in find(kiosk.window, "formProblem").property("text")

    fill_form(qtbot, kiosk, family_name="Keller", town="Bern")  # one name is enough
    tap(kiosk.window, "consent_sign")
    qtbot.waitUntil(lambda: kiosk.session.errors == {}, timeout=3000)
    qtbot.waitUntil(lambda: not exists(kiosk.window, "formProblem"), timeout=3000)
    assert not any(exists(kiosk.window, f"error_{f}") for f in ("given_name", "town"))


def sign_up_to_preview(qtbot, kiosk, language: str = "en", **values: str) -> None:
    go_to_form(qtbot, kiosk, language)
    fill_form(qtbot, kiosk, **({"given_name": "Anna", "town": "Bern"} | values))
    tap(kiosk.window, "consent_sign")
    tap(kiosk.window, "previewButton")
    wait_step(qtbot, kiosk, "preview")


def shown_letter(qtbot, kiosk):
    """The letter as the preview screen shows it once drawn and faded in, grabbed from the
    window (the part of the page above the buttons), and the picture's own size."""
    from PySide6.QtCore import QRectF

    window = kiosk.window
    image = find(window, "previewImage")
    qtbot.waitUntil(lambda: image.property("implicitWidth") > 0, timeout=10000)
    screen = find(window, "previewScreen")
    qtbot.waitUntil(lambda: screen.opacity() == 1.0, timeout=3000)

    def in_scene(item):
        return item.mapRectToScene(QRectF(0, 0, item.width(), item.height())).toRect()

    shown = in_scene(image).intersected(in_scene(find(window, "previewPage")))
    return window.grabWindow().copy(shown), image.property("sourceSize")


def ink(picture) -> float:
    """The share of a picture's pixels that are dark (text), sampled every other pixel."""
    points = [(x, y) for x in range(0, picture.width(), 2) for y in range(0, picture.height(), 2)]
    dark = sum(1 for x, y in points if picture.pixelColor(x, y).lightness() < 128)
    return dark / max(1, len(points))


@pytest.mark.parametrize(("language", "name"), [("de", "Jürg"), ("fr", "محمد"), ("en", "李小龙")])
def test_the_preview_shows_the_letter_on_an_a4_page(kiosk, qtbot, language, name):
    sign_up_to_preview(qtbot, kiosk, language, given_name=name)

    shown, size = shown_letter(qtbot, kiosk)

    assert size.height() / size.width() == pytest.approx(297 / 210, rel=0.01)  # A4, upright
    assert size.width() > 800  # sharp enough to read on the screen, zoomed in too
    assert shown.width() > 500 and shown.height() > 300
    assert shown.pixelColor(shown.width() // 2, 5).name() == "#ffffff"  # white paper on top
    assert 0.003 < ink(shown) < 0.3, "the page shows no letter"


def test_the_letter_preview_needs_no_helper_program(make_kiosk, qtbot, tmp_path, monkeypatch):
    nothing = tmp_path / "no-programs"
    nothing.mkdir()
    monkeypatch.setenv("PATH", str(nothing))  # no poppler, no lp: the letter is drawn in Qt
    kiosk = make_kiosk()
    sign_up_to_preview(qtbot, kiosk)

    shown, _ = shown_letter(qtbot, kiosk)

    assert not kiosk.session.busy
    assert ink(shown) > 0.003


def test_the_previous_visitors_preview_is_forgotten_after_a_reset(kiosk, qtbot):
    from PySide6.QtCore import QSize

    sign_up_to_preview(qtbot, kiosk, given_name="Ilse")
    shown_letter(qtbot, kiosk)
    address = kiosk.session.previewSource
    key = address.removeprefix("image://kiosk/")
    assert not kiosk.images.requestImage(key, QSize(), QSize()).isNull()

    kiosk.session.reset()  # what the idle countdown does at zero
    wait_step(qtbot, kiosk, "attract")

    assert kiosk.session.previewSource == ""
    assert kiosk.images.preview_count() == 0
    assert kiosk.images.requestImage(key, QSize(), QSize()).isNull()
    sign_up_to_preview(qtbot, kiosk, given_name="Otto")  # the next visitor sees their own
    shown_letter(qtbot, kiosk)
    assert kiosk.session.previewSource not in ("", address)
    assert kiosk.images.preview_count() == 1


def test_a_double_tap_on_confirm_records_one_signature(kiosk, qtbot):
    sign_up_to_preview(qtbot, kiosk)
    confirm = find(kiosk.window, "confirmButton")
    point = confirm.mapToScene(confirm.boundingRect().center()).toPoint()
    tap(kiosk.window, confirm)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    kiosk.session.confirm()  # a tap that reached the old screen late
    pending_events()
    assert kiosk.session.step == "thanks"  # the second tap did not end the thank-you either
    assert kiosk.service.counts().total == 1
    assert rows(kiosk.service.store.path, "SELECT count(*) FROM print_jobs") == [(1,)]


def test_still_there_counts_down_and_a_touch_keeps_the_person(make_kiosk, qtbot):
    kiosk = make_kiosk("[idle]\nwarning_after = 10\ncountdown = 20\n")
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    sign_up_to_preview(qtbot, kiosk)
    kiosk.idle.poke()

    now[0] += 15
    kiosk.idle.tick()
    qtbot.waitUntil(lambda: exists(kiosk.window, "idleOverlay"), timeout=5000)
    assert find(kiosk.window, "idleSeconds").property("text") == "15"

    tap(kiosk.window, "stillHere")
    qtbot.waitUntil(lambda: not kiosk.idle.warning, timeout=5000)
    assert kiosk.session.step == "preview" and kiosk.session.fields["given_name"] == "Anna"


def test_after_the_countdown_everything_of_the_person_is_gone(make_kiosk, qtbot):
    kiosk = make_kiosk("[idle]\nwarning_after = 10\ncountdown = 20\n")
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    go_to_form(qtbot, kiosk, "de")
    fill_form(qtbot, kiosk, given_name="Zebulon", town="Wetzikon", email="z@example.org")
    tap(kiosk.window, "consent_updates")
    draw_signature(kiosk.window)
    kiosk.idle.poke()

    now[0] += 31
    kiosk.idle.tick()
    wait_step(qtbot, kiosk, "attract")

    assert all(not value for value in kiosk.session.traces().values())
    assert kiosk.service.counts().total == 0
    go_to_form(qtbot, kiosk, "de")  # the next person sees an empty form
    for name in ("given_name", "town", "email"):
        assert find(kiosk.window, f"field_{name}").property("text") == ""
    assert not find(kiosk.window, "consent_updates").property("checked")
    assert not kiosk.session.hasDrawing
    assert not exists(kiosk.window, "clearSignature")


def test_the_thank_you_screen_returns_to_the_start_by_itself(make_kiosk, qtbot):
    kiosk = make_kiosk("[idle]\nthank_you = 5\n")
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    sign_up_to_preview(qtbot, kiosk)
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")
    now[0] += 6
    kiosk.idle.tick()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.session.thanks == {}


def test_a_printer_that_cannot_be_reached_never_stops_signing(
    make_kiosk, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))
    kiosk = make_kiosk('[printing]\nprinter = "Office"\n')
    qtbot.waitUntil(lambda: kiosk.session.printer_state is not None, timeout=10000)
    assert kiosk.session.printer_state.state == "unreachable"

    sign_up_to_preview(qtbot, kiosk)
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")

    assert kiosk.service.counts().total == 1
    assert rows(kiosk.service.store.path, "SELECT state FROM print_jobs") == [("queued",)]
    assert "print queue" in find(kiosk.window, "letterStatus").property("text")


def test_a_full_disk_says_so_plainly_and_keeps_what_was_typed(make_kiosk, qtbot, small_disk):
    kiosk = make_kiosk(database=small_disk / "signatures.db")
    sign_up_to_preview(qtbot, kiosk, given_name="Ilse")
    filler = fill_disk(small_disk)

    tap(kiosk.window, "confirmButton")
    qtbot.waitUntil(lambda: kiosk.session.problem != "", timeout=5000)

    assert kiosk.session.step == "preview"
    problem = find(kiosk.window, "problem")
    assert kiosk.session.problem == "storage"
    assert problem.isVisible()
    assert "its disk may be full" in find(kiosk.window, "problemText").property("text")
    assert kiosk.session.fields["given_name"] == "Ilse"
    assert kiosk.service.counts().total == 0

    filler.unlink()  # a volunteer made room: the same tap now records
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")
    assert kiosk.service.counts().total == 1


def test_a_full_disk_is_said_in_the_language_of_the_screen(make_kiosk, qtbot, small_disk):
    kiosk = make_kiosk(database=small_disk / "signatures.db")
    sign_up_to_preview(qtbot, kiosk, "fr", given_name="Ilse")
    fill_disk(small_disk)

    tap(kiosk.window, "confirmButton")
    qtbot.waitUntil(lambda: find(kiosk.window, "problem").isVisible(), timeout=3000)

    text = find(kiosk.window, "problemText").property("text")
    assert "Votre signature n'a pas pu être enregistrée" in text
    assert "disque" in text
    assert "database" not in text and "disk" not in text  # not the core's English words


def test_another_case_can_be_signed_with_the_same_details(make_kiosk, qtbot, tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(BUNDLED_CASES, cases)
    second = cases / "second-case"
    shutil.copytree(cases / EXAMPLE_CASE, second)
    toml = (second / "case.toml").read_text()
    toml = toml.replace(f'id = "{EXAMPLE_CASE}"', 'id = "second-case"').replace(
        'person = "Maryia Kalesnikava"', 'person = "Ales Bialiatski"'
    )
    (second / "case.toml").write_text(toml)
    kiosk = make_kiosk(f'[cases]\nfolder = "{cases}"\nactive = ["{EXAMPLE_CASE}", "second-case"]\n')
    sign_up_to_preview(qtbot, kiosk, family_name="Keller")
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")

    another = find(kiosk.window, "another_second-case")
    qtbot.waitUntil(lambda: another.isEnabled(), timeout=3000)
    tap(kiosk.window, another)
    wait_step(qtbot, kiosk, "form")
    assert find(kiosk.window, "field_family_name").property("text") == "Keller"
    assert not find(kiosk.window, "consent_sign").property("checked")  # its own boxes, unticked
    tap(kiosk.window, "consent_sign")
    tap(kiosk.window, "previewButton")
    wait_step(qtbot, kiosk, "preview")
    tap(kiosk.window, "confirmButton")
    wait_step(qtbot, kiosk, "thanks")

    signed = rows(kiosk.service.store.path, "SELECT case_id, family_name FROM signatures")
    assert sorted(signed) == [(EXAMPLE_CASE, "Keller"), ("second-case", "Keller")]
    assert not exists(kiosk.window, "another_second-case")
    assert not exists(kiosk.window, f"another_{EXAMPLE_CASE}")


def test_a_signature_is_delivered_in_the_background_right_after_it_is_recorded(
    make_kiosk, qtbot, tmp_path
):
    from tests.faultserver import TOKEN, FaultServer

    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    with FaultServer(tmp_path / "receiver.db") as server:
        server.plan.append("503")  # the receiver is down at first: signing goes on
        kiosk = make_kiosk(
            f'[sync]\ntarget = "webhook"\nurl = "{server.url}"\ntoken_file = "{token}"\n'
            "interval = 3600\n"
        )
        qtbot.waitUntil(lambda: kiosk.syncer.last is not None, timeout=5000)  # the start round
        sign_up_to_preview(qtbot, kiosk)
        tap(kiosk.window, "confirmButton")
        wait_step(qtbot, kiosk, "thanks")
        [(uuid,)] = rows(kiosk.service.store.path, "SELECT uuid FROM signatures")
        qtbot.waitUntil(lambda: server.requests == ["503"], timeout=5000)  # tried at once
        qtbot.waitUntil(lambda: "HTTP 503" in (kiosk.syncer.last.error or ""), timeout=5000)
        kiosk.syncer.wake(force=True)  # "sync now", or the network came back
        qtbot.waitUntil(lambda: server.uuids() == [uuid], timeout=10000)


@pytest.mark.parametrize(
    ("config", "language", "button", "thanks"),
    [
        ("", "fr", "Confirmer – imprimée plus tard", "Votre lettre est enregistrée"),
        ("", "de", "Bestätigen – später gedruckt", "Ihr Brief ist gespeichert"),
        ('[printing]\nmode = "off"\n', "de", "Unterschrift bestätigen", "wurde gespeichert"),
        ('[printing]\nprinter = "Office"\n', "en", "Confirm and print", "print queue"),
    ],
)
def test_the_confirm_button_promises_a_printer_only_where_there_is_one(
    make_kiosk, qtbot, tmp_path, monkeypatch, config, language, button, thanks
):
    """Without a printer (letters go to the PDF folder, the default) the letter is printed
    later by the volunteers: the preview's button says so, in the visitor's language, and the
    thank-you says the same."""
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))  # "Office" is down
    kiosk = make_kiosk(config)
    sign_up_to_preview(qtbot, kiosk, language)
    confirm = find(kiosk.window, "confirmButton")
    assert confirm.property("text") == button
    assert not confirm.property("contentItem").property("truncated")
    tap(kiosk.window, confirm)
    wait_step(qtbot, kiosk, "thanks")
    assert thanks in find(kiosk.window, "letterStatus").property("text")
